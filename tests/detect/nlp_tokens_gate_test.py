"""A phrase rule's Matcher runs only on a doc whose tokens hold a word of each anchor group of
one of its patterns (`_token_forms`): wherever that check skips a rule, the rule's Matcher finds
nothing in the doc. Over every draft of the real posts (English and French), the labelled set
and the events training drafts that the plan opens a phrase rule on, and awkward drafts."""

from __future__ import annotations

import pytest

from guard import Guard
from guard.detect.nlp.detector import _token_forms
from tests.corpus import every_text

pytestmark = pytest.mark.nlp

AWKWARD = [
    "We SHOULD BUY THEM", "we'll buy'em", "Good-numbers", "good\u00a0numbers", "GOOD numbers",
    "İn the results we beat guidance", "Straße: guidance raised", "🙂 guidance 🙂 raised",
    "Nous allons racheter Globex", "nous ALLONS racheter", "we should buy them",
    "results: we expect revenue to beat guidance", "l'acquisition de Globex",
]


def _texts() -> list[str]:
    return list(every_text()) + AWKWARD


def test_a_rule_skipped_by_its_token_check_has_no_match_in_the_doc():
    guard = Guard.default()
    detector = guard._nlp
    assert detector is not None
    skipped = ran = 0
    for text in _texts():
        now, later = detector.plan(text, guard.model_free_hits(text))
        phrase = [r for r in (*now, *later) if r.detector == "phrases"]
        if not phrase:
            continue
        nlp = detector._tokenizer(guard._prepare(text, None, None, []).lang)
        doc = nlp.make_doc(text)
        forms = _token_forms(doc)
        for rule in phrase:
            index = detector._gates[rule.id].anchor_index
            if index is None or index.could_match(forms):
                ran += 1
                continue
            skipped += 1
            assert list(detector._matcher(nlp, rule.id)(doc)) == [], (rule.id, text)
    assert skipped > 500 and ran > 100  # the check skips most, and lets some through


def test_the_token_check_keeps_every_phrase_finding_of_the_awkward_drafts():
    fast, slow = Guard.default(), Guard.default()
    assert slow._nlp is not None
    slow._nlp.gating = False  # every rule on every draft, every Matcher run
    got, want = fast.check_many(AWKWARD), slow.check_many(AWKWARD)
    assert got == want
    assert any(f.rule.startswith("mnpi.") for r in want for f in r.findings)
