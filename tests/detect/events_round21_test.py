"""The `events` rules, round twenty-one: the classes of hard negatives the events rules flagged
on the personal-data batches (batch 23's nine first) and batch 24's alarms, read as asides
(drafts that keep none of their author's employer's secrets). Security hygiene told as advice
or done work (a secret scanner turned on, keys kept in a secret manager, a tutorial's default
credentials, keys rotated, a promise never to ask for a password, a café's wifi password),
published things (pay bands, a contact address, a template, embargoes taught or over, a promise
of confidentiality, a label's meaning asked, NDAs asked of lawyers), the author's own life (a
first NDA, papers received, a baby, a recipe's secret ingredient), a scam named to readers, a
capture-the-flag and a hypothesis about running a bank's product. A disclosure held back by the
employer ("the press release won't go out until March") is a `withheld` cue (the decision's).
Leaks told with the same words stay flagged. Drafts written for this test."""

from __future__ import annotations

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.secrecy import secrecy_groups, withheld
from tests.detect.events_round5_test import event_findings
from tests.detect.events_round20_test import aside_text
from tests.detect.secrecy_support import G, withheld_text


@pytest.mark.parametrize(("text", "form", "span"), [
    # security hygiene, EN and FR: capitals, emoji, accents, curly apostrophes
    ("Just TURNED ON secret scanning for every repo 🔐 It caught 2 old keys on day one.",
     "secret-tooling", "TURNED ON secret scanning"),
    ("Notre scanner de secrets détecte désormais les jetons GitHub (ghp_…) 🎉",
     "secret-tooling", "scanner de secrets détecte désormais"),
    ("API keys? Keep them in a Secrets Manager, not in Notion.",
     "secret-tooling", "Keep them in a Secrets Manager"),
    ("Why does EVERY Kubernetes tutorial use admin:admin? 🙄",
     "tutorial-defaults", "EVERY Kubernetes tutorial use"),
    ("Pourquoi chaque tuto utilise root/root comme mot de passe ?",
     "tutorial-defaults", "chaque tuto utilise"),
    ("Our IT team will never ask you for your password. Ever. 🛑",
     "never-ask", "Our IT team will never ask you for"),
    ("Votre banque ne vous demandera jamais votre code par SMS.",
     "never-ask", "ne vous demandera jamais"),
    ("Café wifi password is on the chalkboard ☕", "wifi-public", "wifi password is on"),
    ("Le code wifi est affiché au comptoir 😉", "wifi-public", "code wifi est affiché"),
    ("Rotation de toutes nos clés API terminée suite à l\u2019audit.",
     "rotated-fr", "Rotation de toutes nos clés API terminée suite à"),
    ("Revoking every xoxb- token in the workspace after the vendor incident.",
     "rotated", "Revoking every xoxb- token in the workspace after"),
    # published things
    ("Salary on every ad, always. Senior PM £80\u201395k.", "pay-public", "Salary on every ad"),
    ("Nos grilles de salaires sont publiques depuis janvier 💶",
     "pay-public", "Nos grilles de salaires sont publiques"),
    ("Questions about your order? Email us at help@example.com 💌",
     "contact-us", "Questions about your order? Email us at help@example.c"),
    ("Une question sur votre abonnement ? Écrivez-nous à bonjour@exemple.fr",
     "contact-us", "question sur votre abonnement ? Écrivez-nous à bonjour@exemple.f"),
    ("Modèle de contrat de prestation : à adapter, puis relecture par un juriste",
     "template", "Modèle de contrat"),
    ("Our PR lead wrote a guide on handling press embargoes 📰",
     "embargo-talk", "guide on handling press embargoes"),
    ("Notre communiqué n\u2019est plus sous embargo : on ouvre à Lille !",
     "embargo-talk", "n\u2019est plus sous embargo"),
    ("Every patient session with us is confidential.",
     "confidentiality-promise", "Every patient session with us is confidential"),
    ("Chaque entretien avec nous est confidentiel, promis.",
     "confidentiality-promise", "Chaque entretien avec nous est confidentiel"),
    ("What does \u201cInternal Use Only\u201d actually mean?",
     "label-question", "What does \u201cInternal Use Only\u201d actually mean"),
    ("Que veut dire « diffusion restreinte » sur un mail ?", "label-question", "Que veut dire «"),
    ("Lawyers: does an NDA survive a merger?", "legal-questions", "Lawyers: does an NDA"),
    ("Avocats : un NDA signé par e-mail est-il valable ?", "legal-questions", "Avocats : un NDA"),
    ("Does anyone actually read those \u201cconfidential\u201d email footers?",
     "footer-read", "Does anyone actually read those"),
    ("Quelqu\u2019un lit vraiment les mentions en bas des mails ?",
     "footer-read", "Quelqu\u2019un lit vraiment les"),
    # the author's own life
    ("SIGNED MY FIRST NDA TODAY 🎉 can't say for whom", "first-nda", "SIGNED MY FIRST NDA"),
    ("J\u2019ai signé mon tout premier NDA de freelance !",
     "first-nda", "signé mon tout premier NDA"),
    ("Finally received my National Insurance number letter 🇬🇧",
     "own-papers", "received my National Insurance number letter"),
    ("Ma carte Vitale est arrivée !", "own-papers", "Ma carte Vitale"),
    ("We\u2019re expecting! Due in May 👶", "own-baby", "We\u2019re expecting"),
    ("Nous allons être parents 🍼", "own-baby", "Nous allons être parents"),
    ("The secret ingredient in my crêpes is beer 🍺", "kitchen-secret", "secret ingredient"),
    ("L\u2019ingrédient secret de ma tarte : la fleur de sel",
     "kitchen-secret", "ingrédient secret"),
    # a scam named to readers with what to do
    ("Got an SMS from \u201cLa Poste\u201d asking for 1,99 €? That\u2019s phishing. "
     "Don\u2019t click.",
     "scam-spotted", "That\u2019s phishing. Don\u2019t"),
    ("Ce SMS de l\u2019Assurance Maladie ? C\u2019est une arnaque, ne cliquez pas 🚫",
     "scam-spotted", "C\u2019est une arnaque, ne "),
    ("SPOT THE SCAM: an email from our \u201cCEO\u201d asking for gift cards.",
     "scam-spotted", "SPOT THE SCAM:"),
    # batch 24's alarms: a capture-the-flag, a hypothesis about running a bank's product
    ("Ran a Capture-The-Flag for our interns: fake bank, real fun 🏴", "ctf",
     "Ran a Capture-The-Flag"),
    ("On organise un CTF ce samedi pour les étudiants de l\u2019IUT", "ctf", "organise un CTF"),
    ("If I were CEO of a bank, overdraft fees would go first.", "someday", "If I were CEO of a"),
    ("Si j\u2019étais PDG d\u2019une banque, je supprimerais les frais.",
     "someday", "Si j\u2019étais PDG d\u2019une"),
    # widened: a public place where it is printed, an office's public address
    ("Our wifi code? It\u2019s printed on every receipt 🧾",
     "published-own", "\u2019s printed on every receipt"),
    ("Our Lyon office is at 12 rue de la République, come say hi",
     "address-move", "Our Lyon office is at 12 r"),
])
def test_round_twenty_one_asides_are_read(text, form, span):
    assert aside_text(text) == [(form, span)]


@pytest.mark.parametrize("text", [
    # the classes of the pii batches' hard negatives, written anew: quiet with the whole pack
    "Slack tokens: xoxb- for bots, xoxp- for users. Keep them in a secret manager, never in a "
    "wiki.",
    "Just enabled secret scanning on all our repos. 4 leaked keys in the first hour. Do it today.",
    "Why does every Rails tutorial use password123 for the admin user? Asking for a friend who "
    "just got pwned.",
    "Rotation de toutes nos clés API terminée suite à l\u2019incident de notre hébergeur. Aucun "
    "impact client.",
    "Notre grille de salaires est publique : un dev junior démarre à 40 k€.",
    "Questions about the product recall? Email us at quality@example.com and we\u2019ll reply "
    "within 48h.",
    "On vient enfin de signer notre premier NDA avec un grand groupe 😉 je ne peux rien dire de "
    "plus",
    "Finally got my National Insurance number letter, 5 weeks later 🇬🇧 (not posting it, nice try)",
    "If you got a weird email from 'payroll@c0mpany-hr.net' asking for your login, that's "
    "phishing. Report it, don't click.",
    "Spot the scam: 'ceo.office@our-payments.net' asking for gift cards. Our CEO does not want "
    "gift cards.",
    # batch 24's alarms, written anew
    "Ran a capture-the-flag for our new hires: they broke into a fake network we built in a day. "
    "Proud!",
    "If I ran product at a bank, I'd ship a \u201cwhy this fee?\u201d button first.",
])
def test_round_twenty_one_hard_negatives_are_quiet(pack, text):
    report = pack.check(text)
    assert event_findings(report) == []
    assert report.verdict == "allow"


def test_a_template_is_no_event_and_no_marker(pack):
    # Since secrets-and-markers round twenty-two a template's `[Company]` placeholder keeps
    # the marker rules quiet too: the whole draft is allowed.
    report = pack.check(
        "Template for your NDA cover page 👇 \u201c[Company] \u2013 Confidential \u2013 "
        "Do not forward\u201d")
    assert event_findings(report) == []
    assert report.findings == () and report.verdict == "allow"


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    # near misses kept: the same words beside an employer's secret still flag
    ("Our secret scanner caught the prod DB password in a public repo last night. Customers "
     "haven't been told.", "warn", "event.incident", "exposed-data"),
    ("Signed an NDA with Halvorsen today: we're acquiring them in March, not public yet 🤐",
     "block", "event.mnpi", "customer"),
    ("We got phished last week: 3,000 customer records gone, that's a breach. Customers don't "
     "know.", "block", "event.incident", "intrusion"),
    # the lead's narrowing: the word CTF, or "we're expecting" said of business, is no aside
    ("Our CTF platform got breached last night, attackers dumped the player database. We're not "
     "telling anyone until Monday.", "block", "event.incident", "breach"),
    ("We're expecting to close the acquisition of Brightline on Friday, keep it quiet until the "
     "press release", "block", "event.mnpi", "mna"),
])
def test_leaks_beside_the_new_words_still_flag(pack, text, verdict, rule, kind):
    report = pack.check(text)
    assert report.verdict == verdict
    assert (rule, kind) in event_findings(report)


@pytest.mark.parametrize("text", [
    # near misses: no aside read where an employer's secret is kept
    "Our secret scanner caught a live AWS key in prod yesterday. Nobody outside knows.",
    "Signed an NDA with Halvorsen today: we're acquiring them in March",
    "Template ready for the layoff letters: 40 of them go out Friday",
    "If I were you I'd sell before Thursday's numbers",
    "Our secret sauce: the new pricing launches in June",
    "We lost the Pellham account. Questions about it go to me, not to the press.",
    "The CTO's last day is Friday and nobody knows yet",
    "Our CTF platform got breached last night. We're not telling anyone until Monday.",
    "We're expecting to close the acquisition on Friday, keep it quiet",
    "We got phished last week: 3,000 customer records gone, that's a breach. Customers don't know.",
])
def test_near_misses_read_no_aside(text):
    assert aside_text(text) == []


@pytest.mark.parametrize(("text", "span"), [
    # a disclosure held back by the employer, EN and FR, curly apostrophe, capitals
    ("the press release won\u2019t go out until January", "press release won\u2019t go out until"),
    ("Comms is SAVING THE BLOG POST FOR our Q3 report", "SAVING THE BLOG POST FOR"),
    ("Le communiqué ne sortira pas avant mars.", "communiqué ne sortira pas avant"),
])
def test_a_disclosure_held_back_is_the_decisions_secrecy_cue(text, span):
    assert withheld_text(text) == [span]
    low = fold(text).casefold()
    assert withheld(low, G)
    # for the decision only, never a feature of the scorer (round sixteen)
    assert "nonpublic" not in secrecy_groups(low, G)


@pytest.mark.parametrize("text", [
    # near misses: a disclosure made, a date saved
    "The press release went out at 9am 🎉",
    "Saving the date for our wedding 💍",
    "Le communiqué est sorti ce matin.",
])
def test_near_misses_of_the_held_back_disclosure_are_no_cue(text):
    assert withheld_text(text) == []


def test_a_record_with_its_press_release_held_back_blocks(pack):
    report = pack.check("We signed 3 new hospital contracts worth $12M this week! The press "
                        "release won't go out until March 🎉")
    assert report.verdict == "block"
    assert event_findings(report) == [("event.mnpi", "customer")]
