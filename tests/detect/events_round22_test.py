"""The `events` rules, round twenty-two. An aside reaches its own sentences, not the whole
draft: a baby announcement, security advice or a throwback written beside an employer's secret
no longer silences it (the rest of the draft is decided again when it keeps a secret of its
own). Drafts written for this test."""

from __future__ import annotations

import pytest

from guard.detect.events.asides import sentences, without
from tests.detect.events_round5_test import event_findings
from tests.detect.events_round20_test import aside_text


@pytest.mark.parametrize(("text", "verdict", "found"), [
    # the lead's two, quiet whole before this round
    ("We're expecting a baby boy in June!! Work is wild too: they're cutting 40 jobs in our team, "
     "nobody knows yet.", "block", [("event.mnpi", "other", "yet")]),
    ("Rappel : nous ne vous demanderons jamais votre mot de passe. Sinon, entre nous, on a été "
     "piratés la semaine dernière.", "warn", [("event.incident", "breach", "piratés")]),
    # ten of this round's own: an aside's sentence, then a secret kept (EN and FR, emoji, curly
    # apostrophes, capitals, accents)
    ("Secret Santa draw is done 🎅 Also, between us: our team is getting laid off in January, "
     "HR hasn\u2019t told anyone.", "block", [("event.mnpi", "layoff", "laid off")]),
    ("Just enabled secret scanning on all our repos. Don\u2019t repeat this, but our company got "
     "breached last month and customers weren\u2019t told.",
     "warn", [("event.incident", "breach", "breached")]),
    ("On va être parents en juin 👶 ! Et au boulot, entre nous, notre boîte rachète un "
     "concurrent, rien n\u2019est encore public.", "warn", [("event.mnpi", "mna", "rachète")]),
    ("Nos grilles de salaires sont publiques. Par contre, entre nous : notre usine de Lyon ferme "
     "en mars, personne n\u2019est au courant.",
     "block", [("event.roadmap", "office", "usine"), ("event.mnpi", "other", "personne")]),
    ("Our IT team will NEVER ask you for your password. Off the record: our company was hacked "
     "last week and nobody outside knows.", "warn", [("event.incident", "breach", "hacked")]),
    ("Ma carte Vitale est ENFIN arrivée ! Côté boulot, chut : notre équipe lance l\u2019appli "
     "Android en mars, pas encore annoncé.", "block", [("event.roadmap", "product", "lance")]),
    ("Throwback to 2015 🎸 Not public yet, but our team ships the new Pro tier next month.",
     "block", [("event.roadmap", "product", "ships")]),
    ("Signed my first NDA as a freelancer today 🎉 Keep this to yourself: my company is "
     "acquiring Brightline next week.", "block", [("event.mnpi", "mna", "acquiring")]),
    ("Notre scanner de secrets bloque maintenant les jetons Slack. Entre nous, notre société a "
     "subi une fuite de données en octobre, personne n\u2019est au courant.",
     "block", [("event.incident", "breach", "fuite de données")]),
])
def test_an_aside_beside_a_secret_no_longer_silences_it(pack, text, verdict, found):
    report = pack.check(text)
    assert report.verdict == verdict
    assert [(f.rule, f.evidence.normalized, text[f.start:f.end]) for f in report.findings
            if f.rule.startswith("event.")] == found
    # each finding points into a sentence no aside reads
    for f in report.findings:
        if f.rule.startswith("event."):
            start, end = next((a, b) for a, b in sentences(text) if a <= f.start < b)
            assert aside_text(text[start:end]) == []


@pytest.mark.parametrize("text", [
    # each aside alone: quiet as before
    "We're expecting a baby boy in June!!",
    "Rappel : nous ne vous demanderons jamais votre mot de passe. Bonne semaine à tous !",
    "Nos grilles de salaires sont publiques.",
    "SIGNED MY FIRST NDA TODAY 🎉 can't say for whom",
    "Throwback to 2015 🎸 What a year for our team.",
    # the rest tells no secret of the author's employer: someone else's news, a plain plan
    "We\u2019re expecting a baby girl in May 👶 Also, the new Tesla Model 2 launches next month.",
    "Notre grille salariale est publique. Et Apple lance un nouvel iPhone en septembre.",
    "Your bank will never ask you for your PIN. Stay safe out there.",
])
def test_an_aside_with_no_secret_beside_it_stays_quiet(pack, text):
    report = pack.check(text)
    assert event_findings(report) == []
    assert report.verdict == "allow"


def test_sentences_end_at_stops_line_breaks_and_emoji_before_a_capital():
    text = "We\u2019re expecting! Due in May 👶 Also, between us:\nour team is cut. ok 🎉 fine"
    assert [text[a:b] for a, b in sentences(text)] == [
        "We\u2019re expecting!", " Due in May 👶", " Also, between us:\n",
        "our team is cut.", " ok 🎉 fine"]


def test_without_blanks_the_asides_sentences_and_keeps_every_offset():
    text = "Ma carte Vitale est arrivée ! Entre nous,\non a été piratés."
    rest = without(text, [(3, 15)])
    assert rest is not None and len(rest) == len(text)
    assert rest.strip() == "Entre nous,\non a été piratés."
    assert rest.index("piratés") == text.index("piratés")
    assert without("Secret Santa is on Friday 🎅", [(0, 12)]) is None
