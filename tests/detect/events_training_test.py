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
