"""The `events` rules, round eight: news already public, someone else's news and explainers stay
quiet in every decision path (the pack's token rules included), in English and French; a
customer replying to an account as « on / nous » or "we" is no employer, and "on a call" is no
French « on a ». None of the drafts below is in training or in a held-out batch."""

from __future__ import annotations

import pytest

from guard.detect.events.shape import addressed
from guard.engine import Guard
from tests.detect.events_round5_test import event_findings
from tests.scripts import load_script


@pytest.fixture(scope="module")
def events() -> Guard:
    return Guard.from_files(["events"], nlp=False)


# One of each class of public statement the issue lists, in each language: the figure and the
# author's company ("we", « notre ») must not make them block.
PUBLIC = {
    "announced/en": "Today we announced our acquisition of Brightline Labs, 40 engineers joining "
    "us. Details in the press release: example.com/news",
    "announced/fr": "On a annoncé ce matin le rachat de Brightline, 40 ingénieurs nous "
    "rejoignent. Tout est dans le communiqué.",
    "press-release/en": "Our press release is up: we closed a €12M Series A led by Northgate. "
    "Link in bio!",
    "press-release/fr": "Notre communiqué de presse est en ligne : nous avons levé 12 M€ auprès "
    "de Northgate.",
    "published-results/en": "Our full-year results are published on the investor site: revenue "
    "up 9% to €410M.",
    "published-results/fr": "Nos résultats semestriels sont publiés sur notre site "
    "investisseurs : chiffre d'affaires en hausse de 9 %.",
    "past-year/en": "Back in 2015 we laid off 300 people in a single morning. Still think about "
    "how badly we handled it.",
    "past-year/fr": "En 2014, notre usine de Lille a fermé et 200 postes ont disparu. Dix ans "
    "après, je me souviens de chaque visage.",
    "throwback/en": "Throwback to our 2018 IPO, when we rang the bell at 9:30 and the stock "
    "opened 20% up.",
    "throwback/fr": "Souvenir de notre introduction en Bourse il y a six ans : 25 % de hausse dès "
    "l'ouverture.",
    "other-company/en": "According to Bloomberg, Halvorsen Foods plans to cut 1,500 jobs next "
    "quarter. We're not involved, but our suppliers are nervous.",
    "other-company/fr": "D'après Les Échos, le groupe Marvel Auto va fermer deux usines l'an "
    "prochain. Nous ne sommes pas concernés, mais le secteur tremble.",
    "explainer/en": "How to read a data room checklist before an acquisition: a thread for "
    "founders 🧵",
    "explainer/fr": "Comment préparer une levée de fonds de 2 M€ : les 5 étapes, expliquées "
    "simplement.",
}


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_a_public_statement_is_allowed_by_the_whole_pack(pack, name):
    report = pack.check(PUBLIC[name])
    assert (report.verdict, event_findings(report)) == ("allow", [])


@pytest.mark.parametrize(("text", "rule"), [
    # the same classes with a secrecy cue are the secret again
    ("Reuters doesn't have it yet: we're laying off 300 people on Friday, keep it quiet",
     "event.mnpi"),
    ("Selon Les Échos tout va bien, mais entre nous notre usine de Lille ferme en mars, 200 postes",
     "event.mnpi"),
    # a date to come undoes plain public wording ("the press release goes out Friday")
    ("Our press release goes out Friday: we're acquiring Brightline for $40M", "event.mnpi"),
])
def test_a_secret_beside_public_words_still_blocks(events, text, rule):
    report = events.check(text)
    assert report.verdict == "block"
    assert rule in [r for r, _ in event_findings(report)]


@pytest.mark.parametrize(("text", "groups", "expected"), [
    # customers replying to an account as « on / nous » or "we", speaking to it
    ("@sncf on a raté la correspondance, on nous dit d'attendre demain, vous confirmez ?",
     {"own"}, True),
    ("@AcmeBank we can't log in since the update, can you help?", {"own"}, True),
    ("ça ne marche toujours pas, on nous prêtera un routeur le 12 mars... merci",
     {"own", "ahead", "figure"}, True),
    # a workplace named, no "you" or question, or a secrecy cue: an employee
    ("@sncf mon équipe part demain, vous confirmez ?", {"own"}, False),
    ("@jo notre boîte ferme le site de Lyon, tu savais ?", {"own"}, False),
    ("@dani that's why I've been MIA: we got breached, 1.2M accounts", {"own"}, False),
    ("@jo on ferme l'usine vendredi, entre nous ?", {"own", "nonpublic"}, False),
])
def test_a_customer_replying_as_we_is_told_apart(text, groups, expected):
    assert addressed(text.casefold(), groups) is expected


def test_on_a_call_is_not_a_french_own_company_cue():
    train = load_script("tools/train_events.py")
    cues = train.cue_lists()
    groups = {s.group for s in cues.find("Hopped on a call with the bank about the layoffs")}
    assert "own" not in groups
    assert "own" in {s.group for s in cues.find("On va fermer l'usine de Lille")}


def test_someone_elses_news_beats_a_date_to_come_but_not_a_secrecy_cue():
    from guard.detect.events.detector import needed
    from guard.models import EventCues

    ev = EventCues((), threshold=0.5, public_threshold=0.97)
    assert needed(ev, "mnpi", frozenset({"elsewhere", "ahead", "kind:mnpi:layoff"})) == 0.99
    assert needed(ev, "mnpi", frozenset({"public", "ahead", "kind:mnpi:layoff"})) == 0.5
    assert needed(ev, "mnpi", frozenset({"elsewhere", "nonpublic", "kind:mnpi:layoff"})) == 0.5


@pytest.mark.parametrize(("text", "expected"), [
    ("fenwick reported q3 revenue of $212m this morning", True),
    ("le groupe a publié ses résultats après l'avertissement d'octobre", True),
    # a future, or no past: the month is a date to come
    ("we announced the plan and will close the plant in march", False),
    ("the press release goes out friday", False),
])
def test_a_report_of_what_happened_is_told_apart_from_a_plan(text, expected):
    from guard.detect.events.shape import told

    assert told(text) is expected


@pytest.mark.parametrize("text", [
    "Halvorsen Foods reported Q4 sales of $1.2B this morning, below guidance. Rough day for "
    "the sector.",
    "Le groupe Ferrand a publié ses ventes du troisième trimestre : en baisse de 4 % depuis "
    "l'alerte de septembre.",
])
def test_another_companys_published_figures_with_their_month_are_quiet(events, text):
    report = events.check(text)
    assert (report.verdict, event_findings(report)) == ("allow", [])
