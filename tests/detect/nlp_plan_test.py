"""The gating plan decides every rule from one anchor index (`RuleAnchors`) and gives the very
plan of the rule-by-rule gates (each rule's near, number and own AnchorIndex, as `plan` was), on
the real posts, the labelled set, the events training drafts and awkward drafts."""

from __future__ import annotations

import pytest

from guard import Guard
from guard.detect.nlp import entities
from tests.corpus import every_text


def rule_by_rule(detector, text, prior):  # type: ignore[no-untyped-def]
    """`NlpDetector.plan` as it was: each gate opened on its own."""
    search = detector._anchor_words

    def words():  # type: ignore[no-untyped-def]
        return search(text.casefold()) if search is not None else set()

    now, later = [], []
    for rule in detector.rules:
        gate = detector._gates[rule.id]
        if gate.near == "prior" and not gate.partners_in(prior, detector._categories):
            continue
        if gate.needs_number and not entities.has_number(text):
            continue
        if gate.anchor_index is None or gate.anchor_index.could_match(words()):
            (later if gate.near == "staged" else now).append(rule)
    return now, later


def _texts() -> list[str]:
    return list(every_text())


AWKWARD = [
    "We expect Q3 revenue to beat guidance", "we'll BUY them", "Nous allons racheter Globex",
    "ﬁnal results", "İN the results", "results\u00a0ahead", "🙂 guidance 🙂", "", "a i in on",
    "We plan to acquire Initech for $2bn next week", "Restructuring: 200 jobs cut at the plant",
]


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard.default()


def test_one_index_gives_the_rule_by_rule_plan_on_every_corpus_draft(guard):
    detector = guard._nlp
    assert detector is not None and detector._anchored._needs  # the pack has anchored rules
    texts = _texts() + AWKWARD
    opened = 0
    for text in texts:
        prior = guard.model_free_hits(text) if text.strip() else []
        got = detector.plan(text, prior)
        assert got == rule_by_rule(detector, text, prior), text
        opened += bool(got[0] or got[1])
    assert opened > 500  # the corpus opens rules, not just closes them


def test_a_rule_opens_only_with_a_word_of_each_group():
    from guard.detect.nlp.phrases import RuleAnchors

    index = RuleAnchors({
        "a": ((("buy", "acquire"), ("them", "it")),),
        "b": ((("results",),), (("guidance",), ("raise", "cut"))),
    })
    assert index.open({"buy"}) == set()
    assert index.open({"buy", "it"}) == {"a"}
    assert index.open({"guidance", "them"}) == set()  # another rule's word fills no group
    assert index.open({"results"}) == {"b"}
    assert index.open({"guidance", "cut", "acquire", "them"}) == {"a", "b"}
    assert index.open(set()) == set()
