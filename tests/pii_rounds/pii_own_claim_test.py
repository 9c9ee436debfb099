"""Issue 14, round thirty (pii batches 33 and 34's alarms, measured, now development data): the
author saying outright that a number or mailbox is their own ("Yes, that's my own number, on
purpose", « c'est bien mon propre numéro »), an artist's open call ("commissions open! Email me
directly at"), « mon nouveau num pro », and Stripe's published decline and 3D Secure test cards
are nobody's leak; someone else's own number and a card that is no published test card stay
flagged. Drafts written for this test (none from a batch), English and French.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text", [
    "Back on the market for gigs: call 07458 219 330 any evening. Yes, that's my own number 🙂",
    "Ping me on 07458 219 330 before Thursday. (I'm sharing my own mobile here on purpose.)",
    "Pour les réservations, appelez le 06 27 41 88 53. Oui, c'est bien mon propre numéro 😄",
    "Mon nouveau num perso : 06 27 41 88 53, l'ancien ne marche plus",
    "Tattoo flash day done! Commissions are now open, email me at ink.by.roz@gmail.com 🖋️",
    "Commandes ouvertes pour Noël ! Écrivez-moi à atelier.margot.bijoux@gmail.com ✨",
    "QA tip: 4000 0000 0000 9995 gives you an insufficient-funds decline in Stripe.",
    "En recette, 4000 0027 6000 3184 force le 3D Secure à chaque paiement.",
])
def test_ones_own_line_said_outright_and_published_test_cards_are_nobodys(
    guard: Guard, text: str
) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, verdict", [
    # someone else's own number, and a card that is no published test card
    ("Our babysitter gave us her own number, 07458 219 330, and said to text her directly",
     "warn"),
    ("Son numéro à elle : 06 27 41 88 53, c'est bien son propre numéro, pas celui du bureau",
     "warn"),
    ("Use 4000 1234 5678 9017 to test a decline — it's actually my dad's card lol", "block"),
])
def test_someone_elses_own_line_and_a_real_card_stay_flagged(
    guard: Guard, text: str, verdict: str
) -> None:
    assert found(guard, text)[0] == verdict


@pytest.mark.parametrize("text, verdict", [
    # « Vous » opening the sentence is the reader addressed, never a name (as "You", « Votre »,
    # « Vos » already were): advice to anyone stays quiet, a colleague named in it does not
    ("Vous pouvez demander un report de votre entretien préalable si vous êtes malade.", "allow"),
    ("Vous saviez que Karima a été convoquée à un entretien préalable ? Ambiance.", "warn"),
])
def test_vous_is_the_reader_not_a_name(guard: Guard, text: str, verdict: str) -> None:
    assert found(guard, text)[0] == verdict
