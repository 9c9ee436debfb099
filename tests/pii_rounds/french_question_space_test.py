"""French typography puts a space before « ? » and « ! »: a question ends at "page ?" as it does
at "footer?", so the talk-about-labels cues that read a question see it either way."""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("space", ["", " ", "\u00a0", "\u202f"])  # none, space, NBSP, NNBSP
def test_a_question_about_a_label_is_talk_whatever_the_space_before_its_mark(guard: Guard, space):
    text = f"Chez vous aussi les slides sont marquées CONFIDENTIEL dans le pied de page{space}?"
    assert found(guard, text) == ("allow", [])


def test_a_label_carried_before_a_spaced_exclamation_is_still_reported(guard: Guard):
    text = "CONFIDENTIEL : le site de Lyon ferme en mars, 140 postes supprimés !"
    verdict, hits = found(guard, text)
    assert verdict == "block"
    assert ("marker.classification", 0, 14) in hits
