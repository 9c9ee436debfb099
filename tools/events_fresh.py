"""The fresh-wording check of the events scorer: train without some files, measure on them.

    python tools/events_fresh.py 'round8e-*'                  # the shipped settings
    python tools/events_fresh.py 'round8e-*' c4 neg2 --show   # candidates, and list the misses
    python tools/events_fresh.py 'round8e-*' --cache /tmp/ev8 # keep the scores for
    python tools/events_calibrate.py /tmp/ev8/fresh-shipped.pickle  # thresholds on fresh wording

Leave-one-batch-out flatters: every development batch was read while tuning, and the wording of
one writer recurs in the others. Here the files named like the pattern (`training/events/`,
written by a writer none of the other files share) are left out of training, and each candidate
(tools/events_compare.py's CANDIDATES) is trained on everything else, then decides their drafts
exactly as the detector does, at the thresholds of rules/events.yaml. Prints recall per category
and language, all leaks, hard negatives flagged, and the measuring half of the real posts.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_events as train
import yaml
from events_compare import CANDIDATES, CATS, probe

from guard.detect.events.detector import firing
from guard.detect.events.model import parse
from guard.models import EventCues


def shipped_settings() -> dict[str, EventCues]:
    """The thresholds each category's rule has in rules/events.yaml."""
    doc = yaml.safe_load(train.RULES.read_text(encoding="utf-8"))
    out = {}
    for rule in doc["rules"]:
        ev = rule["events"]
        keys = ("threshold", "public_threshold", "bare_threshold", "secret_threshold")
        out[rule["category"]] = EventCues((), **{k: float(ev[k]) for k in keys if k in ev})
    return out


def fresh(pattern: str, kwargs: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """(row, probabilities, groups) of the left-out drafts and (probabilities, groups) of the
    real posts' measuring half, by a model trained without the files named like `pattern`."""
    files = sorted(train.TRAINING.glob(pattern))
    if not files:
        raise SystemExit(f"no training file matches {pattern!r} in {train.TRAINING}")
    cues = train.cue_lists(kwargs.get("rules", train.RULES))
    chars = kwargs.get("chars", train.CHARS)
    shapes = kwargs.get("shapes", train.SHAPES)
    scorer = parse(train.build(without=pattern, **kwargs), "candidate")
    rows = [row for path in files for row in train.read_jsonl(path)]
    seen = [(row, *probe(cues, scorer, row["text"], chars, shapes)) for row in rows]
    real = [p for n in ("real_posts.jsonl", "real_posts_fr.jsonl")
            for p in train.read_jsonl(train.CORPORA / n) if not train.in_training_half(p["id"])]
    return seen, [probe(cues, scorer, p["text"], chars, shapes) for p in real]


def report(name: str, seen: list[Any], real: list[Any], show: bool) -> None:
    """One line: recall per category and language, all leaks, hard negatives, real posts."""
    settings = shipped_settings()

    needs = [(c, settings[c]) for c in CATS]

    def fires(probs: dict[str, float], groups: set[str], cat: str) -> bool:
        # as the detector decides (round eleven: the category the draft names fires too)
        return bool(probs) and cat in {CATS[i] for i in firing(needs, probs, frozenset(groups))}

    per: dict[tuple[str, str], list[bool]] = {}
    alarms = []
    for row, probs, groups in seen:
        if row["leak"]:
            hit = fires(probs, groups, row["category"])
            per.setdefault((row["category"], row["lang"]), []).append(hit)
            if show and not hit:
                print(f"missed [{row['category']}/{row['lang']}] {row['text']}")
        else:
            alarm = any(fires(probs, groups, c) for c in CATS)
            alarms.append(alarm)
            if show and alarm:
                print(f"alarm  [{row['category']}/{row['lang']}] {row['text']}")
    cells = " ".join(f"{k[0]}/{k[1]} {sum(v)}/{len(v)}" for k, v in sorted(
        per.items(), key=lambda kv: (CATS.index(kv[0][0]), kv[0][1])))
    leaks = [hit for v in per.values() for hit in v]
    flagged = sum(any(fires(p, g, c) for c in CATS) for p, g in real)
    if show:  # the real posts' texts are not kept in the cache: their scores and cue groups
        for p, g in real:
            if any(fires(p, g, c) for c in CATS):
                print(f"real   {max(p.values()):.2f} {sorted(g)}")
    print(f"{name}: {cells}; all {sum(leaks)}/{len(leaks)} ({sum(leaks) / len(leaks):.1%}); "
          f"hard negatives {sum(alarms)}/{len(alarms)} ({sum(alarms) / max(len(alarms), 1):.1%}); "
          f"real {flagged}/{len(real)} ({flagged / len(real):.2%})", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pattern", help="training files to leave out, e.g. 'round8e-*'")
    parser.add_argument("names", nargs="*", help="candidates (default: shipped)")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    parser.add_argument("--cache", type=Path, help="keep the scores in DIR/fresh-NAME.pickle")
    args = parser.parse_args()
    for name in args.names or ["shipped"]:
        kept = args.cache / f"fresh-{name}.pickle" if args.cache else None
        if kept and kept.is_file():
            seen, real = pickle.loads(kept.read_bytes())
        else:
            seen, real = fresh(args.pattern, CANDIDATES[name])
            if kept:
                kept.parent.mkdir(parents=True, exist_ok=True)
                kept.write_bytes(pickle.dumps((seen, real)))
        report(name, seen, real, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
