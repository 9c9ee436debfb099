"""tools/train_events.py: the same data gives the same bytes, and the guard reads what it writes."""

from __future__ import annotations

import json

import pytest

from guard.detect.events.model import parse
from tests.scripts import ROOT, load_script

pytest.importorskip("sklearn", reason="scikit-learn (the [train] extra) trains the model")


def small_data():
    rows = []
    for path in sorted((ROOT / "training" / "events").glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        rows += [json.loads(line) for line in lines[:: max(1, len(lines) // 60)]]
    return [(r["text"], r["category"] if r["leak"] else "none", 1.0) for r in rows]


def test_training_twice_writes_the_same_bytes_and_the_guard_reads_them(monkeypatch, tmp_path):
    train = load_script("tools/train_events.py")
    monkeypatch.setattr(train, "examples", small_data)
    first = train.dump(train.build())
    second = train.dump(train.build())
    assert first == second
    doc = json.loads(first)
    scorer = parse(doc, "small")
    assert scorer.classes == ("none", "mnpi", "incident", "roadmap")
    assert scorer.chars == train.CHARS and len(scorer.weights) > 100


def test_in_training_half_is_a_fixed_half():
    train = load_script("tools/train_events.py")
    ids = [f"post-{i}" for i in range(2000)]
    share = sum(train.in_training_half(i) for i in ids) / len(ids)
    assert 0.45 < share < 0.55
    assert train.in_training_half("post-1") == train.in_training_half("post-1")


def test_the_pii_batches_teach_only_their_hard_negatives_and_never_an_unseen_batch():
    train = load_script("tools/train_events.py")
    # Round twenty-three: pii batches 1-26 and val-9..24; batches 27 and 28, val-25 and val-27
    # are untouched and never read.
    assert tuple(range(1, 27)) == train.PII_BATCHES
    assert tuple(range(9, 25)) == train.PII_VAL
    rows = train.pii_negatives()
    assert rows and all(row["leak"] is False for row in rows)
    ids = {row["id"] for row in rows}
    assert any(i.startswith("ps26-") for i in ids) and any(i.startswith("pv24-") for i in ids)
    assert not any(i.startswith(("ps27-", "ps28-", "pv25-", "pv27-")) for i in ids)
    # A fold on batches 1-10 takes val-9 and val-10, not the validation sets of 11-15 (one
    # writer wrote val-N and batch N).
    fold = {row["id"].split("-")[0] for row in train.pii_negatives(range(1, 11))}
    assert fold == {f"ps{n}" for n in range(1, 11)} | {"pv9", "pv10"}
    with pytest.raises(AssertionError):
        train.pii_negatives([27])
