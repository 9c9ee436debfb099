"""The events gate (issue 15, cold start) changes no hit: a draft it turns away is one the
detector finds nothing in, and behind it the detector finds what it finds alone, on the
training drafts, the events batches 1-5, the real posts and generated text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guard.detect.events import gate
from guard.detect.events.detector import EventDetector
from guard.packs.loader import load_pack

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
HELDOUT = [ROOT / "tests" / "data" / "heldout" / f"events-{n}.jsonl" for n in range(1, 6)]
# Awkward ones: curly apostrophes, ß (grows when casefolded), currencies, look-alikes, emoji.
AWKWARD = [
    "hello",
    "Happy birthday to my sister",
    "On n\u2019a pas encore annoncé le plan social, 120 postes 🤫",
    "Die Straße: we\u2019re laying off 40% of staff next week, not public yet",
    "Has Just Spent US$100k on the stock, C$ 40 more",
    "\u0405eries C signed. $90M. Shh",
    "Don\u2019t tell anyone: barista here, the store closes in March",
    "🤐",
]


def _texts() -> list[str]:
    paths = [*sorted((ROOT / "training" / "events").glob("*.jsonl")), *HELDOUT]
    paths += [p for p in (CORPORA / "real_posts.jsonl", CORPORA / "real_posts_fr.jsonl")
              if p.exists()]
    out = list(AWKWARD)
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            out += [json.loads(line)["text"] for line in fh if line.strip()]
    return out


@pytest.fixture(scope="module")
def rules():  # type: ignore[no-untyped-def]
    return [r for r in load_pack(["default"]).rules if r.detector == "events"]


@pytest.fixture(scope="module")
def pair(rules):  # type: ignore[no-untyped-def]
    return gate.GatedEvents(rules, 250), EventDetector(rules, 250)


def test_a_draft_the_gate_turns_away_has_no_hit_and_the_rest_are_the_detectors(pair):
    gated, alone = pair
    shut = 0
    for text in _texts():
        found = alone.find(text)
        if not gated._opens(text):
            shut += 1
            assert found == [], text
        assert gated.find(text) == found, text
    assert shut > 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["we", "are", "not", "public", "yet", "layoff", "layoffs", "licenci", "hello", "us$", "$",
     "40%", "next", "week", "n\u2019en", "parlez", "à", "personne", "Straße", "🤫", "ß",
     "the", "deal", "signed", "Q3", "'", "\u2019", ",", "barista", "here"]), max_size=12))
def test_the_gate_holds_on_generated_drafts(pair, words):
    gated, alone = pair
    text = " ".join(words) or "x"
    found = alone.find(text)
    if not gated._opens(text):
        assert found == []
    assert gated.find(text) == found


def test_plain_drafts_are_turned_away(pair):
    gated, _ = pair
    assert not gated._opens("hello")
    assert not gated._opens("Happy birthday to my sister")
