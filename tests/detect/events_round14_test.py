"""The `events` rules, round fourteen: an event told with a secrecy cue warns at least. Secrecy
said as who has not been told ("Customers haven't been told", « les clients n'ont pas été
prévenus »), as news known before them ("before the staff do") or as no disclosure made yet ("No
press release yet", « pas encore de communiqué ») is a `nonpublic` cue (`secrecy:` forms, data);
a leak the scorer is sure of but splits between categories fires the category it names."""

from __future__ import annotations

import pytest

from guard.detect.events.detector import firing
from guard.models import EventCues
from tests.detect.events_round5_test import event_findings
from tests.detect.secrecy_support import says_secret


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
    # 70% a leak, but no category reaches its threshold: the named one (mnpi) fires
    probs = {"none": 0.3, "mnpi": 0.45, "incident": 0.1, "roadmap": 0.15}
    assert firing(NEEDS, probs, frozenset({"nonpublic", "kind:mnpi:exec"})) == [0]
    # of several named, the likeliest
    probs = {"none": 0.3, "mnpi": 0.12, "incident": 0.19, "roadmap": 0.39}
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


def test_one_event_one_finding_a_plausible_second_category_does_not_fire():
    # leak first, category second only when the draft names it: roadmap fires on its own, a
    # 0.2 for mnpi that no word of the draft names adds no second finding
    probs = {"none": 0.0, "mnpi": 0.2, "incident": 0.01, "roadmap": 0.79}
    assert firing(NEEDS, probs, frozenset({"ahead"})) == [2]
    assert firing(NEEDS, probs, frozenset({"ahead", "kind:mnpi:layoff"})) == [0, 2]
    # ... and it flags no draft that nothing fires on
    probs = {"none": 0.6, "mnpi": 0.25, "incident": 0.0, "roadmap": 0.15}
    assert firing(NEEDS, probs, frozenset({"ahead"})) == []


@pytest.mark.parametrize(("text", "verdict", "rules"), [
    # drafts written for this test: an event with an explicit secrecy cue, in a proud or a
    # technical register; each warns at least, under its category
    ("Gross margins hit 42% in Q2, a record for us, and we can't tell anyone until the 30th 🤐",
     "block", ["event.mnpi"]),
    ("Margins at 38% this quarter, best ever. No press release yet, so keep it in the room.",
     "block", ["event.mnpi"]),
    ("Attackers sat in our build servers for three weeks. Customers haven\u2019t been told. 🙃",
     "warn", ["event.incident"]),
    ("Threat actor got into the VPN on Monday. The board hasn't even been briefed yet.",
     "block", ["event.incident"]),
    ("Our CTO is leaving at the end of the month. No press release yet. Make of that what you "
     "will 👀", "block", ["event.mnpi"]),
    ("Notre marge a atteint 35 % au T3, un record, mais pas encore de communiqué 🤫",
     "block", ["event.mnpi"]),
    ("Un pirate est resté deux semaines dans nos serveurs de paie. On n\u2019a rien dit aux "
     "clients.", "warn", ["event.incident"]),
    ("La DAF s'en va fin mars, motus jusqu'au 15 février 🤐", "block", ["event.mnpi"]),
    ("Les clients n'ont pas été prévenus : la base des commandes a fuité la semaine dernière.",
     "warn", ["event.incident"]),
])
def test_an_event_with_a_secrecy_cue_warns_at_least(pack, text, verdict, rules):
    report = pack.check(text)
    assert report.verdict == verdict
    assert sorted(rule for rule, _ in event_findings(report)) == rules


@pytest.mark.parametrize("text", [
    # the same words, published, as advice or as fiction (`aside` forms): no events rule fires
    "Our Q2 results are out: margins at 42%, a record. Full release on the investor site 🎉",
    "Nos résultats semestriels sont en ligne : marge de 35 %, un record.",
    "Never share your one-time code, not even with “our security team”. Customers haven't been "
    "told that enough.",
    "In my novel the CFO quits before the IPO and nobody has been told. Chapter 3 is up!",
    "Dans mon roman, un pirate reste deux semaines dans les serveurs et on n\u2019a rien dit aux "
    "clients.",
    "Update: the exposed bucket is closed and all affected customers have been notified.",
])
def test_published_results_advice_and_fiction_stay_quiet(pack, text):
    assert event_findings(pack.check(text)) == []
