"""Candidate scorers of the `events` rules side by side, leaving one development batch out.

    python tools/events_compare.py                 # every candidate (or: train_events.py --compare)
    python tools/events_compare.py shipped c2      # some of them

For each candidate and each development batch n (tests/data/heldout/events-1..4.jsonl): train on
everything tools/train_events.py trains on less batch n, then decide batch n's drafts exactly as
the detector does (a draft with no cue is not scored; `threshold`, at least `public_threshold`
with public wording and no secrecy cue, `secret_threshold` with a secrecy cue, an own-company
cue and one of the category's event words). Prints recall per category and language, the share
of hard negatives flagged, and the share of the held-out half of the real posts flagged (by the
model that left the last batch out; no model ever trains on that half).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_events as train

from guard.detect.events.cues import CueSet, figures, fold
from guard.detect.events.detector import needed
from guard.detect.events.model import parse
from guard.models import EventCues

# name -> keyword arguments of train.build
CANDIDATES: dict[str, dict[str, Any]] = {
    "shipped": {},
    "words": {"chars": None},
    "c2": {"c": 2.0},
    "c8": {"c": 8.0},
    "real4": {"real_weight": 4.0},
    "real16": {"real_weight": 16.0},
    "min3": {"min_count": 3},
}
THRESHOLDS = (0.5, 0.6, 0.7)
CATS = ("mnpi", "incident", "roadmap")


def probe(cues: CueSet, scorer: Any, text: str, chars: Any) -> tuple[dict[str, float], set[str]]:
    """The scorer's probabilities and the cue groups found in `text` (none scored without cue)."""
    folded = fold(text)
    found = cues.find(folded)
    if not found:
        return {}, set()
    groups = {s.group for s in found + figures(folded)}
    return scorer.probabilities(train.featurise(cues, text, chars)), groups


def fires(probs: dict[str, float], groups: set[str], cat: str, threshold: float) -> bool:
    """The detector's decision for one category at `threshold`."""
    return bool(probs) and probs[cat] >= needed(EventCues((), threshold=threshold), cat, groups)


def run(name: str, kwargs: dict[str, Any]) -> None:
    """Train without each batch in turn, measure on it, print one line per threshold."""
    cues = train.cue_lists()
    chars = kwargs.get("chars", train.CHARS)
    real = [p for n in ("real_posts.jsonl", "real_posts_fr.jsonl")
            for p in train.read_jsonl(train.CORPORA / n) if not train.in_training_half(p["id"])]
    seen: list[tuple[dict[str, Any], dict[str, float], set[str]]] = []
    real_probs: list[tuple[dict[str, float], set[str]]] = []
    for n in train.DEV_BATCHES:
        scorer = parse(train.build(skip=n, **kwargs), "candidate")
        seen += [(row, *probe(cues, scorer, row["text"], chars)) for row in train.dev_batch(n)]
        if n == train.DEV_BATCHES[-1]:
            real_probs = [probe(cues, scorer, p["text"], chars) for p in real]
    for t in THRESHOLDS:
        per: dict[tuple[str, str], list[bool]] = {}
        alarms = []
        for row, probs, groups in seen:
            if row["leak"]:
                hit = fires(probs, groups, row["category"], t)
                per.setdefault((row["category"], row["lang"]), []).append(hit)
            else:
                alarms.append(any(fires(probs, groups, c, t) for c in CATS))
        flagged = sum(any(fires(p, g, c, t) for c in CATS) for p, g in real_probs)
        cells = " ".join(f"{100 * sum(v) / len(v):3.0f}" for _, v in sorted(
            per.items(), key=lambda kv: (CATS.index(kv[0][0]), kv[0][1])))
        print(f"{name:10} {t:4.1f}  {cells}   {sum(alarms) / len(alarms):6.1%} "
              f"{flagged / len(real_probs):7.2%}", flush=True)


def compare(names: list[str] | None = None) -> None:
    """Every candidate (or those named), one line per threshold."""
    print("model      thr   mnpi en/fr incident en/fr roadmap en/fr   hard-neg    real")
    for name in names or list(CANDIDATES):
        run(name, CANDIDATES[name])


if __name__ == "__main__":
    compare(sys.argv[1:])
