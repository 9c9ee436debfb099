"""The `events` rules, round fourteen: an event told with a secrecy cue warns at least. Secrecy
said as who has not been told ("Customers haven't been told", « les clients n'ont pas été
prévenus »), as news known before them ("before the staff do") or as no disclosure made yet ("No
press release yet", « pas encore de communiqué ») is a `nonpublic` cue (`secrecy:` forms, data);
a leak the scorer is sure of but splits between categories fires the category it names."""

from __future__ import annotations

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.detector import firing
from guard.detect.events.secrecy import compiled, secrecy_groups
from guard.engine import Guard
from guard.models import EventCues
from guard.packs.bundled import bundled_secrecy

G = compiled(bundled_secrecy())


@pytest.fixture(scope="module")
def pack() -> Guard:
    return Guard.from_files(["default"], nlp=False)


def says_secret(text: str) -> bool:
    return "nonpublic" in secrecy_groups(fold(text).casefold(), G)


@pytest.mark.parametrize("text", [
    # who has not been told, EN and FR, curly apostrophes, capitals, emoji
    "Customers haven\u2019t been told. 🙃",
    "The BOARD hasn't even been briefed yet",
    "Our investors were not informed",
    "Les clients n\u2019ont pas été prévenus 😬",
    "Le personnel n'a toujours pas été informé",
    "On n\u2019a pas encore prévenu les salariés",
    # known before them
    "Fun being the supplier who hears it before the staff do",
    "I knew before employees found out… wait, before employees find out",
    "On l'a su avant que les salariés le sachent",
    # no disclosure made yet
    "No press release yet. Make of that what you will 👀",
    "There\u2019s no official announcement so far",
    "No PR until the 6th",
    "Pas de communiqué pour l\u2019instant",
    "Toujours pas d\u2019annonce officielle à ce stade",
    "pas encore de communiqué, motus",
    "Rien n\u2019a encore été annoncé",
])
def test_untold_audiences_and_disclosures_to_come_are_secrecy_cues(text):
    assert says_secret(text)


@pytest.mark.parametrize("text", [
    "Update: all affected users have been notified.",  # a disclosure made (an `aside`)
    "I wasn\u2019t told my flight was cancelled @Skyways",  # a customer, no audience
    "Customers don't know what they want until you show them",  # not "still", not "yet"
    "We announced it before the staff meeting",  # no knowing after the audience
    "Press release goes out at 9am, no embargo",
    "Selon Les Échos, Nalvo rachèterait Brio. Rien d\u2019officiel.",  # a rumour relayed
    "No announcement needed, just ship it",
    "Les clients ont été prévenus hier par mail",
])
def test_near_misses_say_no_secret(text):
    assert not says_secret(text)


CUES = EventCues((), threshold=0.5)
NEEDS = [("mnpi", CUES), ("incident", EventCues((), threshold=0.6)),
         ("roadmap", EventCues((), threshold=0.4))]


def test_a_secret_split_between_categories_fires_the_category_it_names():
    # 77% a leak, but no category reaches its threshold: the named one (mnpi) fires
    probs = {"none": 0.23, "mnpi": 0.33, "incident": 0.09, "roadmap": 0.35}
    assert firing(NEEDS, probs, frozenset({"nonpublic", "kind:mnpi:exec"})) == [0]
    # of several named, the likeliest
    groups = frozenset({"nonpublic", "kind:mnpi:exec", "kind:roadmap:product"})
    assert firing(NEEDS, probs, groups) == [2]


@pytest.mark.parametrize("groups", [
    {"kind:mnpi:exec"},  # no secrecy cue
    {"nonpublic"},  # no event word
    {"nonpublic", "labels", "kind:mnpi:exec"},  # secrecy labels explained
    {"nonpublic", "aside", "kind:mnpi:exec"},  # a story, advice, a disclosure made
])
def test_a_split_draft_without_a_secret_and_an_event_word_stays_quiet(groups):
    probs = {"none": 0.23, "mnpi": 0.33, "incident": 0.09, "roadmap": 0.35}
    assert firing(NEEDS, probs, frozenset(groups)) == []


def test_a_split_draft_the_scorer_doubts_stays_quiet():
    probs = {"none": 0.55, "mnpi": 0.2, "incident": 0.1, "roadmap": 0.15}
    assert firing(NEEDS, probs, frozenset({"nonpublic", "kind:mnpi:exec"})) == []
