"""Issue 14, round twenty-one, personal data: a colleague's pay as a bare figure with no verb of
paying, someone else's address after "New address he gave is", "staying at her sister's:", "a
lady at" or a person told by deed and a question mark, and before « chez un certain M. ... », a
spaced social security number on an insurer's paperwork are found. A French number from the
range kept for fiction, test data and a format's example address, a public figure's statement,
one's own spelt-out mailbox and a "full breakdown" of figures stay quiet. Drafts written for
this test (none from a batch), English and French, with emoji, accents and a Cyrillic look-alike
letter, exact verdicts and spans. The pack runs without the NLP model and without the `event.*`
rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found

PAY = "pii.special-category-pay-figure"


@pytest.mark.parametrize("text, verdict, hits", [
    # pay as a bare figure
    ("HR left the salary sheet on the shared drive 🙃 so yes, Bogdan in finance is on 72,000",
     "warn", [("pii.special-category-scored", 12, 18), (PAY, 76, 85)]),
    ("Huge congrats to Siobhán, who just got bumped to £44,250!! 🎉", "warn", [(PAY, 39, 56)]),
    ("Found Amélie's offer letter on the copier: €71k + RSUs for a junior role. Cool cool cool",
     "warn", [(PAY, 15, 47)]),
    ("Franchement, Noémie de l'accueil, elle est à 11,65 de l'heure après six ans 😡", "warn",
     [(PAY, 43, 61), ("pii.special-category-scored", 51, 61)]),
    ("Bravo à Théo, il a été augmenté à 2 950 € brut, enfin !", "warn",
     [(PAY, 23, 41), ("pii.special-category-scored", 42, 46)]),
    # someone else's address
    ("Our old tenant Marek still gets post here. New address he gave us is 21 Heron Close, "
     "Norwich NR4 6LT 📬", "warn", [("pii.postal-address-named", 69, 100)]),
    ("Ma collègue est hébergée chez sa sœur au 6 rue des Tanneurs, 67000 Strasbourg, motus",
     "warn", [("pii.postal-address-named", 41, 77)]),
    ("Complaint from a lady at 14 Mill Lane, Harrogate HG2 8QT, she says our van blocked her "
     "drive", "warn", [("pii.postal-address-named", 25, 56)]),
    ("The guy who keeps keying cars in our lot? 1840 N Halsted St, Chicago. Saw him walk in 🚗",
     "warn", [("pii.postal-address-town", 42, 68)]),
    ("Le livreur s'est fait mordre au 12 allée des Peupliers 31400 Toulouse, chez une certaine "
     "Mme Roux. Prudence", "warn", [("pii.postal-address-owner-after", 32, 69)]),
    # a spaced social security number on an insurer's paperwork
    ("Insurance keeps bouncing Mrs. Delgado's claim because the form lists 318 42 7719 and her "
     "card says otherwise", "block", [("pii.ssn", 69, 80)]),
])
def test_round_twenty_one_personal_data_is_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # one's own pay, a count that is no pay, a company's offer, a rent
    "I'm on 67,000 now after the raise, not complaining 😌",
    "Our YouTube channel is on 10,000 subscribers, merci à tous",
    "Our offer: €68k + RSUs for a junior dev, apply on the site",
    "Je suis à 11,65 de l'heure et ça ne suffit plus",
    "Rent got bumped to £1,450 and Dave says it's normal now",
    # a number from the French range kept for fiction
    "Dans le sketch, il compose le 01 99 00 27 41 et tombe sur sa belle-mère 😂",
    "Pour le court-métrage on a pris le 06 39 98 12 34, un numéro réservé, personne ne répondra",
    # test data, a format's example
    "Testing the checkout form? Use '1 rue de la Paix, 75002 Paris', it's a Monopoly square",
    "Label format for US mail: name, street, city, state, ZIP. E.g. 456 Oak Ave, Dayton, OH 45402",
    # a public figure's statement, a table of figures
    "The governor confirmed in a public statement this morning that he has prostate cancer and "
    "will keep working",
    "Jobs report is out. Headline: unemployment flat at 4.1%. Full breakdown in the thread",
    # one's own spelt-out mailbox
    "Want the patterns? Email me at my own address (theo.knits at proton dot me) 🧶",
    # an insurer's reference named as the policy's own
    "Our insurer finally paid, policy number 318 42 7719, took three months",
])
def test_round_twenty_one_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_ones_own_address_at_a_relatives_is_not_said_to_be_someone_elses(guard: Guard) -> None:
    # "my sister's": the author's own stay; the plain address rule reports it, as before this
    # round, and pii.postal-address-named does not add a second finding
    text = "I'm staying at my sister's: 88 Bay Ridge Ave, Brooklyn, NY 11220 until Sunday 🙏"
    assert found(guard, text) == ("warn", [("pii.postal-address", 28, 64)])


def test_a_look_alike_letter_still_reads_a_lady(guard: Guard) -> None:
    # "l\u0430dy" with a Cyrillic small a (U+0430): since the pattern rules read the draft's
    # Latin reading (guard/detect/latin.py), the "a lady at" cue is read and the address is a
    # person's, as with the plain letter
    text = "Complaint from a l\u0430dy at 14 Mill Lane, Harrogate HG2 8QT about the noise"
    assert found(guard, text) == ("warn", [("pii.postal-address-named", 25, 56)])


def test_a_real_french_number_still_is_personal(guard: Guard) -> None:
    text = "Dans le sketch on a mis le vrai numéro de Karim, le 06 42 18 93 57, il est furax 😂"
    assert found(guard, text) == ("warn", [("pii.phone", 52, 66)])
