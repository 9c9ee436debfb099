"""The `events` rules, round twenty-two. An aside reaches its own sentences, not the whole
draft: a baby announcement, security advice or a throwback written beside an employer's secret
no longer silences it (the rest of the draft is decided again when it keeps a secret of its
own). Batch 25's misses as classes: a cover story ("ransomware, not the power failure we
announced") and a reorganisation told by its consequence ("don't book that vacation yet") are
`withheld` cues (the decision's). Pii batch 24's hard negatives as asides: a post-mortem
published, a support line's hours with its number, an office's public address with directions.
Drafts written for this test."""

from __future__ import annotations

import pytest

from guard.detect.events.asides import sentences, without
from guard.detect.events.cues import fold
from guard.detect.events.secrecy import aside, secrecy_groups, withheld
from tests.detect.events_round5_test import event_findings
from tests.detect.events_round20_test import aside_text
from tests.detect.secrecy_support import G, withheld_text


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
    ("Our post-mortem for Tuesday's outage is live on the engineering blog. Between us, the "
     "second outage on Friday was ransomware and we haven't told customers.",
     "block", [("event.incident", "outage-cover", "outage")]),
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
    "Our post-mortem for Tuesday's outage is live on the engineering blog. We're hiring SREs too!",
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


@pytest.mark.parametrize(("text", "span"), [
    # a cover story: the cause told outside is not what happened (EN and FR, quotes, capitals)
    ("Our outage was ransomware, not the \u201cpower failure\u201d we announced.",
     "not the \u201cpower failure\u201d we announced"),
    ("Tuesday's downtime was an intrusion, NOT the DNS glitch our press release blamed.",
     "NOT the DNS glitch our press release blamed"),
    ("It wasn\u2019t a supplier delay like we told clients: our ERP got encrypted.",
     "wasn\u2019t a supplier delay like we told clients"),
    ("L\u2019incident de lundi, c\u2019était un rançongiciel, pas le bug logiciel que nous avons "
     "annoncé.", "pas le bug logiciel que nous avons annoncé"),
    ("Ce n\u2019était pas une « maintenance planifiée » comme on l\u2019a dit aux clients.",
     "Ce n\u2019était pas une « maintenance planifiée » comme on l\u2019a dit"),
    # a reorganisation told by its consequence to the colleagues concerned
    ("Colleagues in Ops: maybe don't book that spring vacation yet 😬",
     "don't book that spring vacation yet"),
    ("If you're in the Leeds warehouse, hold off on booking that holiday.",
     "hold off on booking that holiday"),
    ("Les collègues de la compta : ne posez pas encore vos congés d\u2019été.",
     "ne posez pas encore vos congés"),
])
def test_round_twenty_two_withheld_forms(text, span):
    assert withheld_text(text) == [span]
    low = fold(text).casefold()
    assert withheld(low, G)
    assert "nonpublic" not in secrecy_groups(low, G)  # the decision's cue, not the scorer's


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    ("Our outage on March 3 was ransomware, not the \u201cpower failure\u201d we announced. 14 "
     "hours down.", "block", "event.incident", "outage-cover"),
    ("Tuesday's downtime was an intrusion, not the DNS glitch our press release blamed. 9 hours "
     "down.", "block", "event.incident", "outage-cover"),
    ("L\u2019incident de lundi, c\u2019était un rançongiciel, pas le bug logiciel que nous avons "
     "annoncé.", "block", "event.incident", "outage-cover"),
    ("Marketing people, do not book that ski trip yet. I saw the reorg slides.",
     "warn", "event.mnpi", "layoff"),
    ("Si vous êtes à l\u2019usine de Dijon, ne réservez pas encore vos vacances.",
     "warn", "event.roadmap", "office"),
])
def test_batch_25s_classes_now_flag(pack, text, verdict, rule, kind):
    report = pack.check(text)
    assert report.verdict == verdict
    assert (rule, kind) in event_findings(report)


@pytest.mark.parametrize("text", [
    # near misses: no cover story, no colleagues warned
    "It was the power failure we announced, nothing more. Back to normal now.",
    "Not the keynote we announced, sadly: the speaker cancelled. Still a great day!",
    "Don't book your holiday flights yet, prices drop in January ✈️",
    "We announced the outage on the status page within 5 minutes.",
])
def test_round_twenty_two_withheld_near_misses(pack, text):
    assert event_findings(pack.check(text)) == []


@pytest.mark.parametrize(("text", "form", "span"), [
    ("Our outage postmortem is UP: a misconfigured pool. Full write-up on the blog",
     "postmortem-out", "postmortem is UP"),
    ("Le post-mortem de l\u2019incident de lundi est publié sur notre blog technique.",
     "postmortem-out", "post-mortem de l\u2019incident de lundi est publié"),
    ("Our support line is open 24/7 now 🎉 Call us at 1-800-555-0100",
     "support-hours", "support line is open 24/7"),
    ("Notre service client est désormais joignable 7j/7 au 01 23 45 67 89.",
     "support-hours", "service client est désormais joignable 7j/7"),
    ("Visit our Leeds office at 3 Park Row — lifts on the left, we\u2019re on the 4th floor 👋",
     "visit-us", "Visit our Leeds office at 3 Park Row"),
    ("Venez nous voir au 12 rue de la Paix, 3e étage, l\u2019ascenseur est à droite.",
     "visit-us", "Venez nous voir au 12 rue"),
])
def test_round_twenty_two_asides_are_read(text, form, span):
    assert aside_text(text) == [(form, span)]


@pytest.mark.parametrize("text", [
    # pii batch 24's three classes, written anew: quiet with the whole pack
    "Our outage postmortem is up: a misconfigured connection pool, not the database. Full "
    "write-up on the blog",
    "Notre post-mortem de la panne de jeudi est en ligne : un certificat expiré. Tout est sur le "
    "blog.",
    "Our helpline is open 24/7 from today 🎉 Call us at 0800 123 4567 or DM us here.",
    "Notre hotline est ouverte 24h/24, appelez le 09 70 80 90 00",
    "Visit our Manchester office at 3 Hardman Street — lifts on the left, we\u2019re on the 4th "
    "floor 👋",
    "Retrouvez-nous au 8 quai de Bondy, à 5 min du métro.",
])
def test_pii_batch_24s_classes_are_quiet(pack, text):
    report = pack.check(text)
    assert event_findings(report) == []


@pytest.mark.parametrize("text", [
    # near misses: the same words where an employer's secret is kept
    "Our postmortem is up on the internal wiki: the breach came through a vendor VPN.",
    "Our support line is down since 9am, sorry! We're on it.",
    "Visit our Leeds office while you still can 😉 it closes in March, nobody knows yet.",
])
def test_round_twenty_two_near_misses_read_no_aside(text):
    assert not aside(fold(text).casefold(), G)


def test_an_aside_beside_a_leak_of_pii_batch_24s_classes_still_flags(pack):
    text = ("Visit our Leeds office at 3 Park Row, 2nd floor. Between us, we're closing it in "
            "March and staff don't know yet.")
    report = pack.check(text)
    assert report.verdict == "block"
    assert event_findings(report) == [("event.mnpi", "funding")]
