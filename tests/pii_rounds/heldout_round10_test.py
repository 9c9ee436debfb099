"""Issue 14, round ten: passwords given without a password word or around it (a wifi « code »
after « : c'est », « le passe », a PIN before the password, "is what we set the ... password
to", an unquoted passcode phrase, "changed. New one is"), a JWT offered as "mine for example",
a colleague's SSN or NIR with a question about its format, a found passport's number, pay told
through a promotion, a negotiation or a hire, a named person's postal address, a label quoted
from its e-mail or memo and "classification: ..." are found, with exact rule ids, spans and
verdicts; famous addresses as trivia, « n'hésitez pas à partager », organisations' own lines
and mailboxes, questions about what labels are for, a memoir, the reader's own payslip and an
explainer of labour law stay quiet. Drafts written for this test (none from a batch), English
and French, with emoji and accents. The pack runs without the NLP model and without the
`event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs

JWT = ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI5ODc2NTQzIiwicm9sZSI6ImFkbWluIn0."
       "q8Xk3vB2nL9mT4pR7wY1zA5cD6eF0gH")


@pytest.mark.parametrize("text, verdict, hits", [
    # credentials without a password word next to the value, or around it
    ("Le code du wifi invités a changé : c'est Coquelicot#3318 désormais, gardez-le pour vous",
     "block", [("secret.password-code", 3, 56)]),
    ("pour le casier du vestiaire, le passe c'est «Tournesol7781» 🌻", "block",
     [("secret.password", 32, 58)]),
    ("the gate pin + password combo is 5582 / seagull-orbit-4 for tonight only", "block",
     [("secret.password", 15, 55)]),
    ("our shared netflix: passcode is purple walrus 8812", "block",
     [("secret.passphrase", 32, 50)]),
    ("\"Harbour-Lantern-77\" is what we set the router password to, change it monday", "block",
     [("secret.password-named", 0, 55)]),
    ("the office wifi password changed. New one is Saffron-Kite-61, ask me if it fails",
     "block", [("secret.password", 16, 61)]),
    (f"token for the staging API, mine for example: {JWT}", "block",
     [("secret.jwt", 45, 141)]),
    # a colleague's identifier with a question about its format is still theirs
    ("SSN for Maria Lopez is 531-72-9904, is that the right format for the portal?", "block",
     [("pii.ssn", 23, 34)]),
    ("Le n° de sécu de mon beau-frère est 1 97 08 75 123 223 57, c'est le bon format pour la "
     "CAF ?", "block", [("pii.nir", 36, 57)]),
    # a found passport, its number further on
    ("Found a wallet and a passport near platform 4, name Tomás Ruiz, number 67PL90312",
     "block", [("pii.passport", 71, 80)]),
    # pay told through a promotion, a negotiation, a hire, a payslip seen
    ("Congrats to Aisha on the promotion, she jumps from £48k to £61k! 🎉", "warn",
     [("pii.special-category-scored", 25, 34)]),  # round eleven: the scorer decides pay
    ("Grosse promo pour Karim : il passe de 3 200 € à 3 900 € net, bravo", "warn",
     [("pii.special-category-scored", 56, 59)]),
    # (round twenty-two: pii.special-category-pay-figure reads "negotiated $410k base" too)
    ("Our new CTO Dana Whit negotiated $410k base plus equity, heard it from finance", "warn",
     [("pii.special-category-pay-figure", 22, 43), ("pii.special-category-scored", 39, 43),
      ("pii.special-category-scored", 49, 55)]),
    ("Je viens de voir le bulletin de salaire de Gaëlle sur l'imprimante : 5 100 € net 😳",
     "warn", [("pii.special-category-term", 20, 39)]),
    # health after a preamble that ends with a colon
    ("Heads up: Tom from support has long covid and is on reduced hours", "warn",
     [("pii.special-category-term", 36, 41)]),
    ("Je vous préviens : Martine est en arrêt maladie pour un burn-out", "warn",
     [("pii.special-category", 27, 47), ("pii.special-category-term", 34, 47),
      ("pii.special-category-term", 56, 64)]),
    # a named person's postal address, whatever business words are near
    ("Please send her flowers: Ms Kavya Rao, 14 Birch Grove, Leeds LS6 4PQ. She's recovering",
     "warn", [("pii.postal-address-person", 39, 68)]),
    ("Colis pour Mme Jeanne Vidal, 5 impasse des Mûriers, 34000 Montpellier, elle ne répond pas",
     "warn", [("pii.postal-address-person", 29, 69)]),
    # a label quoted from its document, a classification line
    ("\"Eyes only\" per the board memo: we're closing the Bristol plant", "block",
     [("marker.quoted-from", 0, 30), ("marker.confidential", 1, 10), ("marker.figure", 38, 45)]),
    ("« Usage interne » d'après le courriel du DRH : 12 départs en mars", "block",
     [("marker.quoted-from", 0, 37), ("marker.confidential", 2, 15)]),
    ("All-hands deck, classification: STRICTLY CONFIDENTIAL. Bonus pool cut by a third", "warn",
     [("marker.confidential", 32, 53)]),
])
def test_round_ten_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # famous or public addresses as trivia
    "Fun fact: 1600 Pennsylvania Avenue NW, Washington, DC 20500 is the most famous address in "
    "the US",
    "Anecdote du jour : le 55 rue du Faubourg-Saint-Honoré, 75008 Paris, c'est le palais de "
    "l'Élysée",
    # asking readers to pass it on
    "N'hésitez pas à partager : la collecte de sang a lieu samedi, 9h-13h",
    # an organisation's own line, trade mailbox, job applications
    "Our customer line is 0161 496 0999, Mon-Fri 9-5, we'll sort it",
    "Press enquiries: media@brightbake.co.uk, we reply within a day",
    "Pour postuler, envoyez votre CV à jobs@atelier-brun.fr avant vendredi",
    # talk about labels, declassified archives
    "Pourquoi les mails disent « confidentiel » en bas si personne ne le respecte ?",
    "Le fonds « Confidentiel défense » déclassifié est en ligne aux Archives nationales",
    # a memoir, the reader's own payslip, an explainer of the law
    "Just read \"Tuesdays with Morrie\" again, Morrie writing about his own ALS diagnosis is a lot",
    "You'll find your tax code on your payslip or your P60",
    "Thread : la procédure disciplinaire en droit du travail, étape par étape",
    # one's own pay, a weak password quoted as a bad example
    "I negotiated $95k after two rounds, so proud of myself",
    "Mon salaire passe de 2 400 € à 2 600 € en janvier, enfin",
    "Password tip: a passphrase like 'correct horse battery staple' beats P@ssw0rd, for example",
])
def test_round_ten_hard_negatives_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_a_companys_deal_is_no_pay(guard: Guard) -> None:
    verdict, hits = found(guard, "Acme negotiated a $3m contract with the city council")
    assert verdict == "allow"
    assert not [h for h in hits if h[0].startswith("pii.")]


def test_a_pin_and_password_pair_is_redacted(guard: Guard) -> None:
    shown = outputs(guard, "the gate pin + password combo is 5582 / seagull-orbit-4 tonight")
    assert "secret.password" in shown
    assert "seagull-orbit-4" not in shown


def test_a_person_address_is_one_finding(guard: Guard) -> None:
    # the general address rule steps back where a person is named at the address
    assert found(guard, "Mrs Patel lives at 58 Lindley Road, Huddersfield HD3 3AN") == (
        "warn", [("pii.postal-address-person", 19, 56)])
