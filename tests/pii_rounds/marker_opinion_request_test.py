"""Issue 14, after round sixteen (pii batch 17's miss, measured, now development data): a stock
request for opinions closing a post ("Thoughts?", « Des avis ? ») asks about what the marked
material says, not about the label, so it no longer drops a carried marker; a question about the
label itself still does. Drafts written for this test, English and French."""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text, rules", [
    ("Pasting the board memo (marked Confidential): Q3 bonus pool cut by half. Thoughts?",
     {"marker.classification", "marker.document-status"}),
    ("STRICTLY CONFIDENTIAL: the new org chart, two VPs gone. Thoughts ?",
     {"marker.confidential"}),
    ("La note (marquée confidentiel) dit qu'on ferme Rennes. Des avis ?",
     {"marker.classification", "marker.document-status"}),
])
def test_a_request_for_opinions_does_not_drop_the_marker(
    guard: Guard, text: str, rules: set[str]
) -> None:
    verdict, hits = found(guard, text)
    assert verdict == "block"
    assert rules <= {rule for rule, _, _ in hits}


@pytest.mark.parametrize("text", [
    "What does 'marked confidential' even mean legally?",
    "C'est quoi la différence entre « confidentiel » et « diffusion restreinte » ?",
])
def test_a_question_about_the_label_still_drops_it(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])
