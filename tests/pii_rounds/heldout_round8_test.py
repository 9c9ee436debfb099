"""Issue 14, round eight: one shared helper (`guard.detect.samples`) keeps every identifier,
contact and secret rule quiet on a value that is nobody's: a documented sample or a run of
sequential digits, a placeholder word beside it, a scam warning, a format explainer or a story
in its sentence, an organisation offering its own line or account for people to use; a helpline
describing itself as confidential carries no marker. The same values said about a person are
still found, with exact rule ids, spans and verdicts, in English and French. The pack runs
without the NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from guard.detect.samples import sample_value
from tests.pii_rounds.heldout_support import found, misses_and_alarms, outputs
from tests.scripts import ROOT

DATA = ROOT / "tests" / "data"


@pytest.mark.parametrize("text", [
    # samples and placeholders
    "Reminder: the IRS never asks for your SSN by DM. Scammers even use 123-45-6789 in their "
    "templates.",
    "Exemple de NIR pour le formulaire : 1 23 45 67 890 123 45, ne mettez pas le vôtre ici",
    "use the dummy DSN postgres://app:S3cretPw9@localhost:5432/app in your .env.example",
    "Test with Stripe's card 4242 4242 4242 4242, any CVC, any future date",
    "AWS docs use AKIAIOSFODNN7EXAMPLE as the access key id in every example",  # the rule's own
    # a warning, a story
    "Beware of the fake 'parcel' texts from 07700 900123, it's a scam, don't reply",
    "Attention arnaque : un faux SMS de la banque vous demande d'appeler le 06 12 48 93 27",
    "In the novel the safe code is 4471 and the heist chapter is great",
    "Dans le roman, Léa habite 12 rue des Acacias, 75017 Paris, et tout commence là",
    # an organisation's or the author's own offer
    "For donations to our choir: IBAN GB29 NWBK 6016 1331 9268 19, ref CHOIR. Thank you!",
    "Pour réserver votre table : 04 91 55 23 87, du mardi au samedi",
    "Anyone wanting a portfolio review, email me at hi@lenaworks.studio",
    # a helpline that says it is confidential carries no marker
    "Le 119, Allô Enfance en Danger : gratuit, confidentiel, 24h/24.",
    "The crisis helpline is free and confidential, call or text any time",
    # advice about a label; a role mailbox; a practice's own emergency line
    "Pro tip: if an email says 'do not share outside the company', don't screenshot it",
    "Inscriptions au tournoi : inscriptions@petanque-lesbaux.fr",
    "Hillside Vet emergency line: 01632 960 441, 24/7. Save it",
    "never write your PIN on the card, and 1234 is not a PIN",
])
def test_nobodys_values_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, verdict, hits", [
    ("Tom's SSN is 536-22-8719, he asked me to fill in the form", "block",
     [("pii.ssn", 13, 24)]),
    ("my neighbour Kev's number is 07700 900123, text him about the van", "warn",
     [("pii.phone", 29, 41)]),
    ("Le numéro perso de Mme Roux : 06 12 48 93 27, rappelez-la", "warn",
     [("pii.phone", 30, 44)]),
    ("Send it to Dan's IBAN GB29 NWBK 6016 1331 9268 19 by Friday", "block",
     [("pii.iban", 22, 49)]),
    # a standard example IBAN used as a person's account is still an account: drafts do that
    ("Virement à faire sur le compte de Julie : FR14 2004 1010 0505 0001 3M02 606", "block",
     [("pii.iban", 42, 75)]),
    ("Jake's card 4539 1488 0343 6467 exp 09/27, book the hotel with it", "block",
     [("pii.card", 12, 31)]),
    # (since round seventeen a name with a role before the address: pii.postal-address-named;
    # since round twenty-nine « habite » and a number is a home cue, and pii.postal-address
    # leaves the address to the person rules: one finding)
    ("Ma collègue Inès habite 12 rue des Acacias, 75017 Paris", "warn",
     [("pii.postal-address-named", 24, 55)]),
    ("prod db: postgres://app:S3cretPw9@db-prod.internal:5432/app", "block",
     [("secret.connection-string", 9, 50)]),
    # a card's PIN, a card number typed over two lines
    ("Code PIN de la carte du club : 7314, rendez-moi la carte dimanche", "block",
     [("secret.door-code", 31, 35)]),
    ("the PIN for the team card is 8053, don't lose it", "block",
     [("secret.door-code", 29, 33)]),
    ("Mrs Alvarez gave me her card over the phone:\n4340 4507\n0272 9136 exp 04/28", "block",
     [("pii.card", 45, 64), ("pii.phone", 55, 64)]),
    # reporting from material received under an agreement or an embargo
    ("Reçu sous accord de confidentialité de notre fournisseur : leurs tarifs augmentent de "
     "12 % au 1er janvier.", "block",
     [("marker.confidential", 5, 35), ("financial.deal-word", 10, 16), ("marker.figure", 86, 90)]),
    ("Per the embargoed press release, the trial showed a 31% drop in readmissions", "block",
     [("marker.confidential", 0, 17), ("marker.figure", 52, 55)]),
    ("Passport details for Mr Adeyemi: A09876543, exp 2029", "block",
     [("pii.passport", 33, 42)]),
])
def test_the_same_values_about_a_person_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


def test_a_found_secret_is_redacted_in_every_output(guard: Guard) -> None:
    shown = outputs(guard, "prod db: postgres://app:S3cretPw9@db-prod.internal:5432/app")
    assert "secret.connection-string" in shown
    assert "S3cretPw9" not in shown
    shown = outputs(guard, "Code PIN de la carte du club : 7314, rendez-moi la carte dimanche")
    assert "secret.door-code" in shown
    assert "7314" not in shown


@pytest.mark.parametrize("value, sample", [
    ("123-45-6789", True), ("987654321", True), ("000 000 000", True),
("4242 4242 4242 4242", True),
    ("536-22-8719", False), ("A09876543", False), ("FR14 2004 1010 0505 0001 3M02 606", False),
])
def test_sample_values(value: str, sample: bool) -> None:
    assert sample_value(value) is sample


KNOWN: dict[str, set[str]] = {
    # round nine found ps8-089, ps8-121, ps8-136 (pay, a dismissal) and ps8-209 ("3e gauche"),
    # round ten ps8-020 ("password changed. New one is ..."), round twelve ps8-222 ("Internal
    # use only but whatever: ..."), round twenty-three ps8-059 ("her own number (+44 7911
    # 482530)": pii.phone-keyword reads "her own number"): nothing missed, nothing flagged
    "heldout/pii-secret-marker-8.jsonl": set(),
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_batch_8_holds_its_figures(guard: Guard, name: str) -> None:
    assert misses_and_alarms(guard, DATA / name) == KNOWN[name]
