"""The `events` rules, round twenty: the classes of hard negatives the events rules flagged on
the personal-data batches and batch 23's alarms, read as asides (drafts that keep none of their
author's employer's secrets). A title read or watched with "Confidential" in it, a label's
meaning asked or explained, a joke told as one, a hypothesis about oneself, a public
post-mortem, a loss dated to a past year, ideas for a project's name and fiction's 555-01xx
numbers. Leaks told with the same words stay flagged. An incident denied or made routine by the
employer ("told in a meeting that it 'didn't happen'", "so it sounds routine. It is not
routine.") is a `withheld` cue (the decision's). Drafts written for this test."""

from __future__ import annotations

import pytest
import regex

from guard.detect.events.cues import fold
from guard.detect.events.secrecy import aside, secrecy_groups, withheld
from guard.packs.bundled import bundled_secrecy
from tests.detect.events_round5_test import event_findings
from tests.detect.secrecy_support import G, withheld_text

FORMS = {f.name: f for f in bundled_secrecy() if f.says == "aside"}


def aside_text(text: str) -> list[tuple[str, str]]:
    """(form, span as written) of each `aside` form matching the draft, when the grammar (its
    gates included) reads it as an aside at all."""
    folded = fold(text)
    if not aside(folded.casefold(), G):
        return []
    found = []
    for name, form in FORMS.items():
        m = regex.search(form.pattern, folded, regex.IGNORECASE | regex.MULTILINE)
        if m:
            found.append((name, text[m.start():m.end()]))
    return found


@pytest.mark.parametrize(("text", "form", "span"), [
    # a title read or watched, EN and FR, curly quotes, guillemets, capitals, emoji
    ("Rereading \u2018Kitchen Confidential\u2019 by Bourdain, still perfect \U0001F52A",
     "title-read", "Rereading \u2018Kitchen Confidential\u2019 by "),
    ("J'ai relu « L.A. Confidential » de James Ellroy cet été",
     "title-read", "relu « L.A. Confidential » de "),
    ("WATCHED THE CONFIDENTIAL AGENT (1945) LAST NIGHT",
     "title-read", "WATCHED THE CONFIDENTIAL AGENT (1945)"),
    # a label's meaning asked or explained
    ("If a doc says \u201cinternal only\u201d, ask the owner first 🙏",
     "label-meaning", "If a doc says"),
    ("Si un document est marqué « confidentiel », demandez à l'émetteur",
     "label-meaning", "Si un document est marqué"),
    ("Is a 'Confidential' footer even legally binding?", "label-meaning", "legally binding"),
    # a joke, a hypothesis about oneself, a public post-mortem
    ("Blague de DSI : « le cloud, c'est l'ordinateur de quelqu'un d'autre »",
     "joke", "Blague de DSI :"),
    ("If I ever become CEO, Fridays are meeting-free. That's the leak.",
     "someday", "If I ever become"),
    ("Notre post-mortem public est en ligne : une erreur de config, pas une attaque",
     "public-review", "post-mortem public"),
    # a loss dated to a past year, ideas for a name, fiction's numbers
    ("We lost our biggest client in 2016 and survived. Thread 🧵",
     "lost-in-year", "We lost our biggest client in 2016"),
    ("Des idées pour le nom de notre appli de covoiturage ? 🚗", "name-ideas", "idées pour le nom"),
    ("In my short film the detective calls 555-0123. Don't try it.", "fiction-numbers", "555-0123"),
])
def test_round_twenty_asides_are_read(text, form, span):
    assert aside_text(text) == [(form, span)]


@pytest.mark.parametrize("text", [
    "Je relis « Kitchen Confidential » de Bourdain, encore et encore 😍",
    "Finished \u2018The Confidential Agent\u2019 by Graham Greene. Underrated.",
    "Tip for new leads: if a document says 'do not share outside', ask the owner first.",
    "Is 'Do not share outside the company' in a footer legally binding? Asking for a friend.",
    "For our web series every phone number on screen is a 555-01xx one. Don't call 555-0147 😉",
    "Une idée pour le nom de code de notre projet ? « Projet Confidentiel » est déjà pris 😂",
    "Retour d'expérience public sur la panne du 2 mai : une erreur humaine, pas une attaque.",
    "Si un jour je deviens PDG, plus aucune réunion le vendredi. Voilà, c'est dit.",
    "Blague de RSSI : « deux types d'entreprises : celles qui ont été piratées et les autres »",
])
def test_round_twenty_hard_negatives_are_quiet(pack, text):
    report = pack.check(text)
    assert event_findings(report) == []
    assert report.verdict == "allow"


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    # near misses kept: the same words beside an employer's secret still flag
    ("Entre nous : on ferme l'usine de Lyon en mars, 200 postes. Pas encore annoncé 🤐",
     "block", "event.mnpi", "layoff"),
    ("we're laying off 200 people on Friday, not public yet", "block", "event.mnpi", "layoff"),
])
def test_leaks_beside_the_new_words_still_flag(pack, text, verdict, rule, kind):
    report = pack.check(text)
    assert report.verdict == verdict
    assert (rule, kind) in event_findings(report)


@pytest.mark.parametrize("text", [
    # near misses: no aside read where an employer's secret is kept
    "Reading the confidential board deck: we close Leeds in May.",
    "We lost the Halberd account in March and nobody's been told yet",
    "Call me at 555-2210 about the layoffs",
    # a joke told at work that is true (a leak of round8d)
    "Blague du jour au bureau : « nos clients ont une copie de leurs données sur un forum russe »",
])
def test_near_misses_read_no_aside(text):
    assert aside_text(text) == []


@pytest.mark.parametrize(("text", "span"), [
    # an incident denied or made routine by the employer, as the author saw it
    ("Got told in a meeting that it \u2018didn\u2019t happen\u2019. The key was in prod. 🙃",
     "told in a meeting that it \u2018didn\u2019t happen"),
    ("Rewrote the breach email 4 times SO IT SOUNDS ROUTINE.", "SO IT SOUNDS ROUTINE"),
    ("Third reset email this week. It is not routine.", "It is not routine."),
    ("On m\u2019a dit en réunion que ça n\u2019était jamais arrivé. La clé était en prod.",
     "dit en réunion que ça n\u2019était jamais arrivé"),
])
def test_an_incident_denied_or_made_routine_is_the_decisions_secrecy_cue(text, span):
    assert withheld_text(text) == [span]
    low = fold(text).casefold()
    assert withheld(low, G)
    # for the decision only, never a feature of the scorer (round sixteen)
    assert "nonpublic" not in secrecy_groups(low, G)


@pytest.mark.parametrize("text", [
    # near misses: a family's story, a routine named as one, a routine skipped
    "Told my kid the broken vase never happened. Parenting.",
    "Our weekly backup test is routine. It is not routine to skip it.",
    "Ma grand-mère m'a dit que ça n'était jamais arrivé avant 1950 🤷",
])
def test_near_misses_of_the_denial_are_no_cue(text):
    assert withheld_text(text) == []


def test_a_reset_email_made_routine_is_flagged(pack):
    report = pack.check(
        "Rewrote our 'please reset your password' email 4 times today so it sounds routine. "
        "It is not routine.")
    assert report.verdict == "block"
    assert event_findings(report) == [("event.incident", "breach")]
