"""The `events` rules, round twenty-seven (`aside`, issue 14): the classes of the pii batches'
hard negatives the events rules flagged (batches 1-24, val-9..25, dev 4-8), read as asides
(drafts that keep none of their author's employer's secrets): an identifier's format or test
data talked about, security practice told as done or advised, a work's title or ending, a
label named as a thing's, the author's own life, what a business or a public body offers
anyone. Leaks told with the excluded wordings ("the 'phishing test' wasn't a test", « rien n'a
fuité », "wish me luck", "Spoiler:", "open to all contractors", "we're hiring") stay flagged.
Drafts written for this test."""

from __future__ import annotations

import pytest

from tests.detect.events_round5_test import event_findings
from tests.detect.events_round20_test import aside_text


@pytest.mark.parametrize(("text", "form", "span"), [
    # security practice advised or told as done; EN and FR, guillemets, capitals, emoji
    ("Non, « soleil123 » n\u2019est pas un mot de passe. Même pour la box.",
     "password-advice", "« soleil123 » n\u2019est pas un mot de passe"),
    ("If your password is your cat's name and 2024, we need to talk 🐱",
     "password-advice", "If your password is"),
    ("Please STOP asking the helpdesk for the admin password, we won't give it out.",
     "password-advice", "STOP asking the helpdesk for the admin password"),
    ("All customer backups are encrypted at rest and we test restores monthly. Ask us how.",
     "security-practice", "encrypted at rest"),
    ("Ran our yearly phishing simulation: 9% clicked, down from 22%. Training works.",
     "security-practice", "phishing simulation"),
    ("Cut over to the new load balancer last night, zero downtime 💪",
     "security-practice", "zero downtime"),
    ("Support only sees the last 4 digits: we masked the first 12 digits on every screen.",
     "security-practice", "masked the first 12 digits"),
    # an identifier's format, validation or test data
    ("Our payments form now validates the IBAN before submit: the format is checked client-side.",
     "identifier-format", "form now validates"),
    ("Use the test card 4000 0566 5566 5556 in sandbox, never a real one 💳",
     "identifier-format", "test card"),
    ("Numéro fictif pour la démo : 2 00 00 00 000 000, clé de contrôle comprise.",
     "identifier-format", "Numéro fictif"),
    # a work's title or ending, a label named as a thing's
    ("Vu « Le Secret du lac » au cinéma hier, magnifique, allez-y.",
     "title-named", "Vu « Le Secret"),
    ("Our school play this year is called \u201cTop Secret Garden\u201d. My daughter is a rose 🌹",
     "title-named", "called \u201cTop Secret"),
    ("Please no spoilers of the finale in the replies, I'm watching it tonight!",
     "title-named", "spoilers of the finale"),
    ("The \u201cTOP SECRET\u201d stamp font on our escape room posters is getting compliments.",
     "label-mention", "stamp font"),
    # the author's own life
    ("Ma carte a été refusée au péage, 3 fois. Journée parfaite.",
     "own-life", "Ma carte a été refusée au"),
    ("Finally got my new debit card in the mail, the green one 💚",
     "own-life", "my new debit card"),
    ("Just shipped v2 of my side project, a tiny habit tracker. Feedback welcome!",
     "own-life", "my side project"),
    # what a business or a public body offers anyone
    ("Portes ouvertes de notre atelier samedi 10h-17h, venez !",
     "public-invite", "Portes ouvertes"),
    ("Open house at our bakery this Sunday, come by for a free croissant 🥐",
     "public-invite", "Open house"),
    ("La campagne de vaccination contre la grippe commence lundi dans votre pharmacie.",
     "public-body", "campagne de vaccination"),
    ("Minimum wage in Ireland goes up to €13.50 in January. Check your first payslip.",
     "public-body", "Minimum wage in Ireland goes up"),
    ("Returns go to 14 Mill Lane, Leeds. It\u2019s on every packing slip.",
     "published-own", "\u2019s on every packing slip"),
])
def test_round_twenty_seven_asides_are_read(pack, text, form, span):
    assert aside_text(text) == [(form, span)]
    assert event_findings(pack.check(text)) == []


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    # the wordings the classes leave out: leaks say them
    ("the 'phishing simulation' in March was not a drill. they got into payroll and we're "
     "keeping it quiet", "block", "event.incident", "intrusion"),
    ("Nos résultats sortent le 14. Rien n'a fuité pour l'instant, gardez ça pour vous.",
     "block", "event.mnpi", "earnings"),
    ("Spoiler: we're shutting the Leeds office in May, not announced yet.",
     "warn", "event.roadmap", "office"),
    ("The shared drive with all the payroll files was open to all contractors for a year. "
     "Nobody's been told.", "warn", "event.incident", "exposed-data"),
    ("We're hiring 40 engineers for a product we haven't announced yet, DM me.",
     "block", "event.roadmap", "hiring-reveal"),
])
def test_leaks_in_the_left_out_wordings_still_flag(pack, text, verdict, rule, kind):
    assert aside_text(text) == []
    report = pack.check(text)
    assert report.verdict == verdict
    assert (rule, kind) in event_findings(report)
