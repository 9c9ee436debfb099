"""A change of the decision alone, measured on cached fresh-fold scores: no model is trained.

    python tools/events_fresh.py 'round16a-*' --cache /tmp/ev16   # with main's code, once
    python tools/events_redecide.py /tmp/ev16/fresh-shipped.pickle --show

`events_fresh.py --cache` keeps, for each left-out draft, the fold model's probabilities and the
decision groups main's rules gave it. When a change leaves the scorer's features alone (forms
saying `aside`, `customer` or `withheld`, round sixteen), every fold's model is main's, so the
cached probabilities are exact: this script finds the draft's groups again with this tree's
rules and decides each draft as the detector does. It prints the leaks caught and the hard
negatives flagged before and after (the real posts' texts are not cached: a form that touches no
real post, `tools/events_forms.py`, leaves their figure as it was), and with `--show` each draft
whose verdict changed.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_events as train
from events_compare import CATS, draft_groups
from events_fresh import shipped_settings

from guard.detect.events.detector import firing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("caches", nargs="+", type=Path, help="fresh-NAME.pickle files")
    parser.add_argument("--show", action="store_true", help="list the drafts that changed")
    args = parser.parse_args()
    cues = train.cue_lists(train.RULES)
    settings = shipped_settings()
    needs = [(c, settings[c]) for c in CATS]

    def fired(probs: dict[str, float], groups: set[str]) -> set[str]:
        return {CATS[i] for i in firing(needs, probs, frozenset(groups))} if probs else set()

    for path in args.caches:
        if not path.is_file():
            parser.error(f"{path}: no such cache (make it with events_fresh.py --cache DIR)")
        seen: list[tuple[dict[str, Any], dict[str, float], set[str]]] = pickle.loads(
            path.read_bytes())[0]
        counts = {"leaks": [0, 0], "alarms": [0, 0]}
        leaks = 0
        for row, probs, cached in seen:
            before, after = fired(probs, cached), fired(probs, draft_groups(cues, row["text"]))
            if row["leak"]:
                leaks += 1
                was, now = row["category"] in before, row["category"] in after
                key = "leaks"
            else:
                was, now = bool(before), bool(after)
                key = "alarms"
            counts[key][0] += was
            counts[key][1] += now
            if args.show and was != now:
                kind = "leak" if row["leak"] else "hard negative"
                print(f"  {kind} {'caught' if now else 'quiet'} now "
                      f"[{row['category']}/{row['lang']}] {row['text']}")
        print(f"{path}: leaks {counts['leaks'][0]} -> {counts['leaks'][1]} of {leaks}; "
              f"hard negatives flagged {counts['alarms'][0]} -> {counts['alarms'][1]} of "
              f"{len(seen) - leaks}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
