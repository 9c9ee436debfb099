"""Thresholds of the `events` rules per category, chosen on leave-one-batch-out scores under a
false-alarm budget (not for the most recall).

    python tools/events_compare.py shipped --cache /tmp/ev7      # the scores, once
    python tools/events_calibrate.py /tmp/ev7/shipped.pickle      # the best settings
    python tools/events_calibrate.py /tmp/ev7/shipped.pickle --hard 0.04 --real 0.001
    python tools/events_calibrate.py /tmp/ev7/shipped.pickle --at 0.5/0.6/0.4/0/0.9  # one setting

Each development draft was scored by the model that left its batch out (tools/events_compare.py);
the real posts of the measuring half by the model that left the last batch out. For every
`threshold` per category (mnpi, incident, roadmap) and a shared `bare_threshold` and
`public_threshold`, the detector's decision (guard.detect.events.detector.needed) is replayed;
round eleven's "leak first, category second" is replayed too (round twelve; `firing`: once any
rule fires, the only category the draft names with listed words fires when the scorer gives it
NAMED_FLOOR). The settings kept are those within both budgets (share of hard negatives flagged,
share of real posts flagged) with the highest lowest recall of a category and language, then the
highest recall of all leaks. Prints the ten best.
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from guard.detect.events.detector import NAMED_FLOOR, named_category, needed
from guard.models import EventCues

CATS = ("mnpi", "incident", "roadmap")
THRESHOLDS = tuple(round(0.3 + 0.05 * i, 2) for i in range(14))  # 0.3 .. 0.95
BARE = (0.0, 0.7, 0.8, 0.85, 0.9)
PUBLIC = (0.9, 0.95, 0.97)  # 0.97: the shipped public_threshold (round seven)


def fire_table(
    scored: list[tuple[dict[str, float], set[str]]], bare: float, public: float
) -> np.ndarray:
    """fires[draft, category, threshold index] for these bare and public thresholds."""
    out = np.zeros((len(scored), len(CATS), len(THRESHOLDS)), dtype=bool)
    for i, (probs, groups) in enumerate(scored):
        if not probs:
            continue
        for c, cat in enumerate(CATS):
            for k, t in enumerate(THRESHOLDS):
                cues = EventCues((), threshold=t, bare_threshold=bare, public_threshold=public)
                out[i, c, k] = probs[cat] >= needed(cues, cat, groups)
    return out


def search(
    seen: list[Any], real: list[Any], hard: float, real_max: float,
    only: tuple[float, ...] | None = None,
) -> list[tuple[float, float, tuple[float, ...], float, float, dict[str, float]]]:
    """(lowest cell recall, all-leak recall, thresholds, hard-negative rate, real rate, cells)
    of every setting within the budgets, best first."""
    leaks = [(row, p, g) for row, p, g in seen if row["leak"]]
    negs = [(p, g) for row, p, g in seen if not row["leak"]]
    cells = sorted({(row["category"], row["lang"]) for row, _, _ in leaks},
                   key=lambda c: (CATS.index(c[0]), c[1]))
    cat_of = np.array([CATS.index(row["category"]) for row, _, _ in leaks])
    cell_of = np.array([cells.index((row["category"], row["lang"])) for row, _, _ in leaks])
    # the leaks whose own category fires once any rule does (`firing`: the named category)
    named = np.array([bool(p) and named_category(g) == row["category"]
                      and p.get(row["category"], 0.0) >= NAMED_FLOOR for row, p, g in leaks],
                     dtype=bool)
    results = []
    settings = [(only[3], only[4])] if only else itertools.product(BARE, PUBLIC)
    for bare, public in settings:
        lf = fire_table([(p, g) for _, p, g in leaks], bare, public)
        nf = fire_table(negs, bare, public)
        rf = fire_table(real, bare, public)
        own = lf[np.arange(len(leaks)), cat_of]  # [leak, threshold]: its own category fires
        grid = itertools.product(range(len(THRESHOLDS)), repeat=len(CATS))
        for ks in [tuple(THRESHOLDS.index(t) for t in only[:3])] if only else grid:
            neg_rate = np.any(nf[:, range(len(CATS)), ks], axis=1).mean()
            if neg_rate > hard:
                continue
            real_rate = np.any(rf[:, range(len(CATS)), ks], axis=1).mean()
            if real_rate > real_max:
                continue
            hit = own[np.arange(len(leaks)), np.array(ks)[cat_of]]
            # leak first, category second: any rule fired, and the draft names only its category
            hit = hit | (np.any(lf[:, range(len(CATS)), ks], axis=1) & named)
            per = {f"{c}/{lang}": float(hit[cell_of == j].mean())
                   for j, (c, lang) in enumerate(cells)}
            ts = tuple(THRESHOLDS[k] for k in ks)
            results.append((min(per.values()), float(hit.mean()), (*ts, bare, public),
                            float(neg_rate), float(real_rate), per))
    results.sort(key=lambda r: (-r[0], -r[1], r[3], r[2]))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", type=Path, help="a pickle written by events_compare.py --cache")
    parser.add_argument("--hard", type=float, default=0.04, help="hard negatives budget")
    parser.add_argument("--real", type=float, default=0.001, help="real posts budget")
    parser.add_argument("--at", help="one setting, mnpi/incident/roadmap/bare/public")
    args = parser.parse_args()
    seen, real = pickle.loads(args.cache.read_bytes())
    only = tuple(float(v) for v in args.at.split("/")) if args.at else None
    if only:
        args.hard = args.real = 1.0  # no budget: the figures of that setting
    results = search(seen, real, args.hard, args.real, only)
    print("mnpi/incident/roadmap/bare/public  lowest  all   hard-neg  real   cells")
    for low, everything, ts, neg, rr, per in results[:10]:
        cells = " ".join(f"{100 * v:3.0f}" for v in per.values())
        print(f"{'/'.join(f'{t:g}' for t in ts):32} {100 * low:5.1f} {100 * everything:5.1f} "
              f"{neg:7.1%} {rr:6.2%}   {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
