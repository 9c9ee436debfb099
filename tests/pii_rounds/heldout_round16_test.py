"""Issue 14, round sixteen: a person's address named as a home address, « adresse perso », after
a role that "moved to" it, « chez lui » or at a neighbour's; a colleague's deafness and an HIV
status; a payroll list of names and sums; a file's password told as what it "opens with"; two
labels joined in a document's title; a label waived by "but" after "Embargoed till ..." or "the
brief says ..."; a note about the canteen that carries a label; "x.y.82 at gmail" are found.
Test data presented as such (« jeux de test », a specimen passport, "something like ..."), the
author's own new number or mailbox, posts about labels, a legal reminder, an app a file opens
with, pay bands by level and a business that moved stay quiet, while someone else's new number
is still theirs. Drafts written for this test (none from a batch), English and French, with
emoji, accents and a Cyrillic look-alike letter, exact verdicts and spans. The pack runs without
the NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a home address named as such, « adresse personnelle », after a role that moved there (a
    # Cyrillic look-alike B, U+0412, after it), « chez lui », a neighbour at the address
    ("home address for Mrs Dunn's physio visit tomorrow: 88 Maple Grove Rd, Akron OH 44303 🙏",
     "warn", [("pii.postal-address-person", 51, 84)]),
    ("Adresse personnelle de la DRH pour le bouquet (chut) : 27 rue des Écoles, 75005 Paris",
     "warn", [("pii.postal-address", 55, 85), ("pii.postal-address-person", 55, 85)]),
    ("Our ex-CTO moved to 402 Lakeview Dr, Boise ID 83702 and still has the \u0412ose speaker 🙄",
     "warn", [("pii.postal-address-person", 20, 51)]),
    ("Le client veut qu'on lui envoie le colis chez lui : 12 avenue Victor Hugo, 69006 Lyon",
     "warn", [("pii.postal-address", 52, 85), ("pii.postal-address-person", 52, 85)]),
    ("Le scooter volé ? C'est le voisin du 8 rue Gambetta, 31000 Toulouse, tout le monde le sait",
     "warn", [("pii.postal-address", 37, 67), ("pii.postal-address-person", 37, 67)]),
    # a colleague's deafness; a patient's HIV status
    ("Heads up: Noémie from accounts is deaf, so please turn on captions in Teams 🙏", "warn",
     [("pii.special-category", 31, 38)]),
    ("Entre nous, le patient du lit 4 est séropositif, faites gaffe pendant les soins", "warn",
     [("pii.special-category", 32, 47)]),
    # a payroll list of names and sums
    ("Someone pasted the payroll sheet in #general 😬 Dana $88,000, Luis $71,500, Kim $64,000",
     "warn", [("pii.special-category-pay-list", 19, 68)]),
    ("Les salaires ont fuité sur Slack : Inès 3 200 €, Bruno 2 750 €, Chloé 2 400 €", "warn",
     [("pii.special-category-pay-list", 4, 56)]),
    # what a file opens with
    ("Board pack is in the drive, the PDF opens with Heron#Quay_58 (don't forward)", "block",
     [("secret.password-opens", 47, 60), ("marker.do-not-share", 62, 75)]),
    ("Le tableur des primes s'ouvre avec Myrtille_2026, vous l'avez pas eu de moi 🤫", "block",
     [("secret.password-opens", 35, 48)]),
    # two labels joined in a title; a label waived by "but"; a labelled note about the canteen
    ("The memo is literally titled 'PRIVILEGED & CONFIDENTIAL \u2013 merger terms' and the "
     "price is in it", "warn", [("marker.reported-title", 4, 57), ("financial.deal-word", 58, 64)]),
    ("Embargoed till Monday but whatever: the new tariff is £19.99 a month", "block",
     [("marker.classification", 0, 21), ("marker.told-anyway", 0, 25), ("marker.figure", 54, 60)]),
    ("The launch brief says CONFIDENTIAL on every page, but the phone ships in red 🔴", "block",
     [("marker.confidential-word", 22, 34), ("marker.told-anyway", 22, 53)]),
    ("Note interne « ne pas diffuser » : la cantine ferme en juin, remplacée par des tickets",
     "block", [("marker.confidential", 15, 30), ("marker.figure", 46, 51)]),
    # a dotted local part at a mail provider, the domain's ending left out
    ("The client who keeps calling is m.okonkwo.82 at gmail, can someone reply to her", "warn",
     [("pii.email-obfuscated", 32, 53)]),
    # someone else's new number or mailbox is still theirs
    ("Nana's new number for the Christmas plans: 07756 430917, text her first x", "warn",
     [("pii.phone", 43, 55)]),
    ("Sa nouvelle adresse mail c'est sophie.b1987@free.fr, elle a perdu l'ancienne", "warn",
     [("pii.email", 31, 51)]),
])
def test_round_sixteen_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # test data presented as such
    "QA tip: type something like tester.one@example.com in the form, never a customer's",
    "Pour les jeux de test, utilisez « 1 rue de l'Exemple, 75000 Paris », jamais une vraie adresse",
    "Sample scan: the specimen passport of Erika Mustermann, number C01X00T47, for OCR tests",
    # the author's own new number or mailbox, announced
    "Mon nouveau numéro c'est le 06 47 21 93 58, l'ancien est résilié. Faites passer 📱",
    "My new email is sam.ortiz.design@gmail.com, the old one got hacked. Update your contacts!",
    "Je change d'adresse mail : lea.martin.pro@orange.fr, l'ancienne sera fermée fin mai",
    # talk about labels
    "Unpopular opinion: if every file is marked CONFIDENTIAL, nothing is. Classify less",
    "Fiche pratique : comment marquer un document « confidentiel » sans en abuser",
    "« Confidentiel » sur un mail envoyé à 300 personnes ? Sérieusement 😂",
    # the law told as a reminder
    "Rappel juridique : un congé maternité ne peut pas justifier un licenciement",
    # an app a file opens with; what a deck opens with in words
    "the file opens with Excel 365 or LibreOffice, nothing fancy",
    "The deck opens with a customer story, then the 2025 plan",
    # pay bands by level; a business that moved
    "Salaries on our job ads from now on: Junior €38k, Senior €55k. Transparency wins",
    "We moved to 4417 Linden Ave N, Seattle, WA 98103, come visit the new taproom",
])
def test_round_sixteen_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, secret", [
    ("Board pack is in the drive, the PDF opens with Heron#Quay_58 (don't forward)",
     "Heron#Quay_58"),
    ("Le tableur des primes s'ouvre avec Myrtille_2026, vous l'avez pas eu de moi 🤫",
     "Myrtille_2026"),
])
def test_a_password_a_file_opens_with_is_redacted(guard: Guard, text: str, secret: str) -> None:
    findings = [f for f in guard.check(text).findings if f.rule == "secret.password-opens"]
    assert len(findings) == 1 and set(findings[0].text) == {"*"}
    assert secret not in outputs(guard, text)
