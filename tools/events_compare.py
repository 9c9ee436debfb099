"""Candidate scorers of the `events` rules side by side, leaving one development batch out.

    python tools/events_compare.py                 # every candidate (or: train_events.py --compare)
    python tools/events_compare.py shipped c2      # some of them
    python tools/events_compare.py shipped --show 0.6   # and list misses and false alarms
    python tools/events_compare.py --cache /tmp/ev  # keep (or reuse) each candidate's scores

For each candidate and each development batch n (tests/data/heldout/events-1..26.jsonl): train on
everything tools/train_events.py trains on less batch n, then decide batch n's drafts exactly as
the detector does (a draft with no cue is not scored; `threshold`, at least `public_threshold`
with public wording and no secrecy cue, `secret_threshold` with a secrecy cue, an own-company
cue and one of the category's event words). Prints recall per category and language, the share
of hard negatives flagged, and the share of the held-out half of the real posts flagged (by the
model that left the last batch out; no model ever trains on that half).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_events as train

from guard.detect.events.cues import CueSet, figures, fold
from guard.detect.events.detector import firing
from guard.detect.events.model import parse
from guard.detect.events.secrecy import secrecy
from guard.detect.events.senses import read
from guard.detect.events.shape import decision_groups
from guard.models import EventCues

# name -> keyword arguments of train.build
CANDIDATES: dict[str, dict[str, Any]] = {
    "shipped": {},
    "shapes": {"shapes": True},  # round seven: with the draft's shape (events/shape.py)
    "neg2": {"neg_weight": 2.0},
    "real64": {"real_weight": 64.0},
    "words": {"chars": None},
    "c2": {"c": 2.0},
    "c4": {"c": 4.0},
    "real8": {"real_weight": 8.0},
    "c4real8": {"c": 4.0, "real_weight": 8.0},  # round three's
    "min3": {"min_count": 3},
    "real16": {"real_weight": 16.0},  # round four's
    "c16": {"c": 16.0},
    "c4real32": {"c": 4.0, "real_weight": 32.0},
    "leak2": {"neg_weight": 0.5, "real_weight": 16.0},  # round eight: leaks weigh twice
    # round fifteen: the hard negatives of the pii batches (and their val-N) as drafts to allow;
    # all of train.PII_BATCHES since round twenty-three (1-26, val-9..24)
    "pii": {"pii": train.PII_BATCHES},
    "pii0.3": {"pii": train.PII_BATCHES, "pii_weight": 0.3},
}
# (threshold, bare_threshold, public_threshold), decided as the detector does
DECISIONS = ((0.6, 0.0, 0.9), (0.5, 0.0, 0.9), (0.5, 0.8, 0.9), (0.6, 0.8, 0.9),
             (0.5, 0.85, 0.95))
CATS = ("mnpi", "incident", "roadmap")


def probe(
    cues: CueSet, scorer: Any, text: str, chars: Any, shapes: bool = train.SHAPES
) -> tuple[dict[str, float], set[str]]:
    """The scorer's probabilities and the cue groups found in `text` (none scored without cue)."""
    groups = draft_groups(cues, text)
    if not groups:
        return {}, set()
    return scorer.probabilities(train.featurise(cues, text, chars, shapes)), groups


def draft_groups(cues: CueSet, text: str) -> set[str]:
    """The cue groups the detector's decision reads in `text` (empty: no cue, never scored)."""
    folded = read(fold(text))  # as the detector reads it
    found = cues.find(folded) + secrecy(folded, train.grammar())
    if not found:
        return set()
    return decision_groups(folded.casefold(), {s.group for s in found + figures(folded)},
                           train.grammar())


def probe_all(kwargs: dict[str, Any], real: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    """(row, probabilities, cue groups) of every development draft, each scored by the model
    that left its batch out; (probabilities, groups) of the real posts given."""
    cues = train.cue_lists(kwargs.get("rules", train.RULES))
    chars = kwargs.get("chars", train.CHARS)
    shapes = kwargs.get("shapes", train.SHAPES)
    seen: list[tuple[dict[str, Any], dict[str, float], set[str]]] = []
    real_probs: list[tuple[dict[str, float], set[str]]] = []
    for n in train.DEV_BATCHES:
        scorer = parse(train.build(skip=n, **kwargs), "candidate")
        seen += [(row, *probe(cues, scorer, row["text"], chars, shapes))
                 for row in train.dev_batch(n)]
        if n == train.DEV_BATCHES[-1]:
            real_probs = [probe(cues, scorer, p["text"], chars, shapes) for p in real]
    return seen, real_probs


def fires(
    probs: dict[str, float], groups: set[str], cat: str, threshold: float, bare: float = 0.0,
    public: float = 0.9,
) -> bool:
    """The detector's decision for one category at these thresholds (round eleven: the category
    the draft names fires too, once another fires)."""
    cues = EventCues((), threshold=threshold, bare_threshold=bare, public_threshold=public)
    needs = [(c, cues) for c in CATS]
    return bool(probs) and cat in {CATS[i] for i in firing(needs, probs, frozenset(groups))}


def run(
    name: str, kwargs: dict[str, Any], show: float | None = None, cache: Path | None = None
) -> None:
    """Train without each batch in turn, measure on it, print one line per threshold. With
    `cache`, the probabilities are kept in (or read back from) cache/NAME.pickle."""
    real = [p for n in ("real_posts.jsonl", "real_posts_fr.jsonl")
            for p in train.read_jsonl(train.CORPORA / n) if not train.in_training_half(p["id"])]
    kept = cache / f"{name}.pickle" if cache else None
    if kept and kept.is_file():
        seen, real_probs = pickle.loads(kept.read_bytes())
    else:
        seen, real_probs = probe_all(kwargs, real)
        if kept:
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_bytes(pickle.dumps((seen, real_probs)))
    if show is not None:
        for row, probs, groups in seen:
            cat = row["category"]
            if row["leak"] and not fires(probs, groups, cat, show):
                print(f"missed [{cat}/{row['lang']}] {probs.get(cat, 0):.2f} {row['text']}")
            elif not row["leak"] and any(fires(probs, groups, c, show) for c in CATS):
                print(f"alarm  [{cat}/{row['lang']}] {max(probs.values()):.2f} {row['text']}")
        for (probs, groups), post in zip(real_probs, real, strict=True):
            if any(fires(probs, groups, c, show) for c in CATS):
                print(f"real   {post['text'][:160]!r}")
    for t, bare, pub in DECISIONS:
        per: dict[tuple[str, str], list[bool]] = {}
        alarms = []
        for row, probs, groups in seen:
            if row["leak"]:
                hit = fires(probs, groups, row["category"], t, bare, pub)
                per.setdefault((row["category"], row["lang"]), []).append(hit)
            else:
                alarms.append(any(fires(probs, groups, c, t, bare, pub) for c in CATS))
        flagged = sum(any(fires(p, g, c, t, bare, pub) for c in CATS) for p, g in real_probs)
        cells = " ".join(f"{100 * sum(v) / len(v):3.0f}" for _, v in sorted(
            per.items(), key=lambda kv: (CATS.index(kv[0][0]), kv[0][1])))
        everything = [hit for v in per.values() for hit in v]
        cells += f"  {100 * sum(everything) / len(everything):4.1f}"
        print(f"{name:10} {t:g}/{bare:g}/{pub:<4g} {cells}   {sum(alarms) / len(alarms):6.1%} "
              f"{flagged / len(real_probs):7.2%}", flush=True)


def compare(
    names: list[str] | None = None, show: float | None = None, cache: Path | None = None
) -> None:
    """Every candidate (or those named), one line per threshold; `show`: list the misses and
    false alarms at that threshold."""
    print("model      thr/bare/pub  mnpi en/fr incident en/fr roadmap en/fr   all"
          "   hard-neg    real")
    for name in names or list(CANDIDATES):
        run(name, CANDIDATES[name], show, cache)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="candidates (default: all)")
    parser.add_argument("--show", type=float, help="list misses and false alarms at this threshold")
    parser.add_argument("--cache", type=Path, help="keep the probabilities in this folder")
    args = parser.parse_args()
    compare(args.names, args.show, args.cache)
