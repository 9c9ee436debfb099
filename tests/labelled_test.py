"""Recall per category on the hand-written labelled drafts (tests/data/labelled.jsonl).

A leak is caught when the report has a finding of its category AND the verdict is warn or
block: a finding that only adds a few points to an `allow` is not a catch. Precision on the
clean half is reported (printed with -s) and held to the same bar as the corpus: at most 3%
of clean drafts warn or block.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from guard import Guard
from tests.default_pack_test import bench
from tests.scripts import ROOT

DATA = ROOT / "tests" / "data" / "labelled.jsonl"
pytestmark = pytest.mark.nlp


@pytest.fixture(scope="module")
def items() -> list[dict]:
    """The labelled drafts."""
    return bench.read_jsonl(DATA)


@pytest.fixture(scope="module")
def rates(items: list[dict]):  # type: ignore[no-untyped-def]
    """Rates of the default pack on the labelled drafts, computed once."""
    return bench.labelled_rates(Guard.default(), items)


def test_the_set_is_what_it_claims(items: list[dict]) -> None:
    assert len(items) >= 200
    leaks = [i for i in items if i["leak"]]
    assert 0.4 <= len(leaks) / len(items) <= 0.6
    assert {i["lang"] for i in items} == {"en", "fr"}
    assert set(bench.LEAK_CATEGORIES) <= {i["category"] for i in leaks}
    for item in items:
        assert set(item) == {"text", "lang", "leak", "category"}, item
    counts = Counter(i["text"] for i in items)
    assert [t for t, n in counts.items() if n > 1] == []


def test_none_is_copied_from_the_corpus(items: list[dict]) -> None:
    if not bench.CORPUS.is_file():
        pytest.skip("corpus not laid beside the repo")
    with bench.CORPUS.open(encoding="utf-8") as fh:
        corpus = {json.loads(line)["text"].casefold() for line in fh}
    assert [i["text"] for i in items if i["text"].casefold() in corpus] == []


@pytest.mark.parametrize("category", bench.LEAK_CATEGORIES)
def test_recall_per_category(rates, category: str) -> None:  # type: ignore[no-untyped-def]
    missed = [text for cat, text in rates.missed if cat == category]
    assert rates.recall(category) >= bench.MIN_RECALL, missed


def test_clean_drafts_rarely_alarm(rates) -> None:  # type: ignore[no-untyped-def]
    print("\n" + bench.labelled_table(rates))
    clean = sum(rates.clean.values())
    assert sum(rates.false_alarms.values()) / clean <= bench.MAX_WARN_OR_BLOCK, rates.alarms
