"""Issue 14, after round sixteen (pii batch 17's alarms, measured, now development data): the
author's own change of number or mailbox said in other words than « mon nouveau numéro » ("my
number changed", « Changement de numéro pour moi », « mon numéro a changé ») and a template
presented as such (« Modèle d'adresse pour vos tests », "address template") are nobody's
detail, while someone else's changed number and an address that fills no template stay flagged.
Drafts written for this test (none from a batch), English and French, with emoji and accents.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text", [
    "New SIM 📱 my number changed: 07911 123987, the old one is dead",
    "My work number has changed, it's +44 7700 900456 from Monday",
    "Changement de numéro pour moi 😅 le nouveau c'est le 06 51 27 33 90",
    "Nouvelle adresse mail pour moi : camille.ferrand.atelier@gmail.com, l'ancienne est fermée",
    "Mon numéro a changé : 07 68 44 20 19. Pensez à mettre à jour vos contacts !",
    "Modèle d'adresse pour vos formulaires : 3 place de l'Église, 44000 Nantes",
    "Address template for the onboarding form: 221 Elm Street, Dayton OH 45402",
])
def test_ones_own_change_and_a_template_are_nobodys(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, hits", [
    # someone else's change of number, or their address with no template said
    ("Changement de numéro pour Julie 🙄 le nouveau c'est le 06 51 27 33 90",
     [("pii.phone", 54, 68)]),
    ("Greg's number changed: 07911 123987, call him about the laptop",
     [("pii.phone", 23, 35)]),
    ("L'adresse de Mme Petit pour la livraison : 12 rue des Lilas, 69003 Lyon",
     [("pii.postal-address-person", 43, 71)]),
])
def test_someone_elses_change_or_address_stays_flagged(
    guard: Guard, text: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == ("warn", hits)
