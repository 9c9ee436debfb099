"""Issue 14, round seven: a colleague's situation said plainly (a manager's illness, "off for N
weeks with", "signed him off", "got his second written warning", "she'd been on a PIP", a bonus
or a raise with its figure, « est à 62 k€ brut »), home addresses with a district or a floor,
door and alarm codes, quoted passphrases, German passport numbers and a passport after a
possessive, a capitals heading « DIFFUSION RESTREINTE : » are caught; organisations naming
themselves, explainers of addresses and test mailboxes, the SMIC, titles with "Confidential" and
an NDA glossed after its name stay quiet. The drafts are new wordings of batch 7's kinds, English
and French, with exact rule ids, spans and verdicts. The pack runs without the NLP model and
without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import re

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, misses_and_alarms, outputs
from tests.scripts import ROOT

DATA = ROOT / "tests" / "data"


@pytest.mark.parametrize("text, hits", [
    # "my manager / colleague" is someone else; the author's own words in the next sentence
    # ("I'm taking her calls") do not make it the author's life...
    ("My colleague Priya Nair told me she has stage 3 lymphoma. I'm taking her calls this month",
     [("pii.special-category-term", 48, 56)]),
    # ... nor do they in the next clause
    ("My colleague Priya Nair told me she has stage 3 lymphoma, I'm taking her calls this month",
     [("pii.special-category-term", 48, 56)]),
    ("Heads up: Tom Reed in sales is off for two weeks with stress, please don't ping him",
     [("pii.special-category", 28, 60)]),
    ("Ben's GP signed him off until March, so his tickets wait",
     [("pii.special-category-situation", 9, 23)]),
    ("Nadia Aziz got her final written warning this morning, one more and she's gone",
     [("pii.special-category-hr", 11, 40), ("pii.special-category-term", 19, 40)]),
    ("Security walked Greg out at 4pm, he'd been on a PIP since spring",
     [("pii.special-category", 35, 51)]),
    ("Our COO Dana Whitfield's bonus this year: £410,000 apparently, saw it on the board pack",
     [("pii.special-category-situation", 25, 51)]),
    ("Leaked spreadsheet says Omar Haddad got a 9% raise to $121,000. I got 3%.",
     [("pii.special-category-situation", 45, 62)]),
    ("Pour info, Julie Marchand est à 54 k€ brut depuis sa promo. Moi j'ai eu 2 %.",
     [("pii.special-category-pay", 26, 42)]),
    # a district between the street and the town, a floor and a door side before the postcode
    # (round nineteen: "her flat is" names the person at the address: the person rule's finding)
    ("sending flowers to my teammate Ellie Ward, her flat is 9 Orchard Rise, Headington, Oxford "
     "OX3 9BT", [("pii.postal-address-person", 55, 97)]),
    # (round ten: a title and a name before it make it pii.postal-address-person's)
    ("notre voisine du dessus, Mme Roux, 8 ter rue des Lilas, 2e étage droite, 31000 Toulouse, "
     "fait encore des travaux", [("pii.postal-address-person", 35, 87)]),
    # "our" before a household is no business speaking
    ("Our nanny family, the Okafors, live at 41 rue Victor-Hugo, 69002 Lyon",
     [("pii.postal-address", 39, 69)]),
])
def test_a_colleagues_situation_and_a_persons_address_warn(
    guard: Guard, text: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == ("warn", hits)


@pytest.mark.parametrize("text, hits", [
    ("keypad code for the studio is 5092*, gate code 7730 if the van is out",
     [("secret.door-code", 30, 35), ("secret.door-code", 47, 51)]),
    ("Le digicode de l'immeuble c'est 4B270, et le code du portail : 1958A",
     [("secret.door-code", 32, 37), ("secret.door-code", 63, 68)]),
    ("the wifi passphrase is \"seven blue lanterns drifting\" for guests tonight",
     [("secret.passphrase", 23, 53)]),
    # a German passport number (its own alphabet, few digits) after the keyword
    ("Pour Mme Keller, le passeport est C4J7K9F2T, merci de l'ajouter au dossier",
     [("pii.passport", 34, 43)]),
    # the number before the keyword, a name's possessive in between
    ("K5R2L8M4N is Felix Wagner's passport number, please add it to the visa form",
     [("pii.passport-before", 0, 36)]),
    ("Le numéro 29HK40517, c'est le passeport de ma belle-sœur", [("pii.passport-before", 10, 39)]),
    # a marking in capitals that heads the post is carried
    ("DIFFUSION LIMITÉE : l'usine de Douai est à vendre.",
     [("marker.confidential", 0, 17), ("marker.classification", 0, 19)]),
    # a decision the marked material announces blocks as a figure does
    ("DIFFUSION LIMITÉE : la fermeture de l'usine de Douai est actée pour juin.",
     [("marker.confidential", 0, 17), ("marker.classification", 0, 19),
      ("marker.figure", 23, 32)]),
    ("Chatham House rules, but the CFO said the plant closes in May",
     [("marker.confidential", 0, 19), ("marker.figure", 48, 54)]),
    ("Note de la DG, diffusion interdite : le site de Rouen ferme",
     [("marker.confidential", 15, 34), ("marker.figure", 54, 59)]),
    ("Eyes only \u2013 board: we're acquiring Lumen Labs next month",
     [("marker.confidential", 0, 9), ("marker.figure", 25, 34)]),
])
def test_codes_passphrases_passports_and_headings_block(
    guard: Guard, text: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == ("block", hits)


@pytest.mark.parametrize("text, secrets", [
    ("keypad code for the studio is 5092*, gate code 7730 if the van is out", ["5092", "7730"]),
    ("the wifi passphrase is \"seven blue lanterns drifting\" for guests tonight",
     ["seven blue", "lanterns"]),
    ("K5R2L8M4N is Felix Wagner's passport number, please add it to the visa form", ["K5R2L8M4N"]),
])
def test_new_secrets_are_redacted_in_every_output(guard: Guard, text: str,
                                                  secrets: list[str]) -> None:
    shown = outputs(guard, text)
    assert "secret" in shown or "passport" in shown
    # (as words: the policy digest is hex and may hold any four digits)
    assert [s for s in secrets if re.search(rf"\b{re.escape(s)}\b", shown)] == []


@pytest.mark.parametrize("text", [
    # an organisation naming itself ("we're the ...", "notre association", "our charity")
    "Nous sommes la Banque Alimentaire du Val 💛 Dons par virement : IBAN FR76 3000 6000 0112 "
    "3456 7890 189",
    "Our charity runs on your gifts: IBAN GB33 BUKB 2020 1555 5555 55, reference SPRING",
    "We've moved! Find Crumb & Co Bakery at 18 Mill Lane, Frome BA11 1DW from Saturday",
    # explainers: a test mailbox, the address format, the minimum wage
    "Tip: in your test suites, use addresses such as test.user@example.org, the domain is "
    "reserved for docs",
    "How to write a UK address: house number and street, town, postcode. Example: 10 Sample "
    "Road, Leeds LS1 1AA",
    "Le SMIC horaire passe à 11,88 € brut. Vérifiez votre bulletin de salaire en janvier !",
    # titles, and an acronym glossed after the contract's name
    "Can't stop playing 'Highly Confidential' by The Night Office on repeat",
    "Rewatching 'Confidential Report' (1955) tonight, Orson Welles at his strangest",
    "Une clause de confidentialité (NDA) ne couvre pas un délit : bon à savoir",
    # a factory default, a year, the comic's passphrase
    "the default alarm code on these panels is 1234, change it the day you install it",
    "door code changed in 2024, ask reception for the new one",
    "a passphrase like 'correct horse battery staple' beats P@ssw0rd",
])
def test_new_hard_negatives_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, verdict, hits", [
    # the same values in a person's post are still found
    ("refund to Sam's account FR76 3000 6000 0112 3456 7890 189 please",
     "block", [("pii.iban", 24, 57)]),
    ("write to test.user@example.org if you found her wallet", "warn", [("pii.email", 9, 30)]),
    ("ship it to 18 Mill Lane, Frome BA11 1DW for Gran", "warn", [("pii.postal-address", 11, 39)]),
])
def test_the_same_values_without_the_organisation_or_the_explainer_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


# Batch 7 (development data since round six was measured on it) and this round's own drafts
# (dev-8, written while tuning) are all caught and quiet now.
KNOWN = {
    "heldout/pii-secret-marker-7.jsonl": set(),
    "dev/pii-secret-marker-dev-8.jsonl": set(),
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_batch_7_and_dev_8_hold_their_figures(guard: Guard, name: str) -> None:
    assert misses_and_alarms(guard, DATA / name) == KNOWN[name]
