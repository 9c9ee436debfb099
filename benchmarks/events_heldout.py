"""Undisclosed-event leaks (issue 13): recall per category and language on a held-out batch,
false alarms on its hard negatives, and flags on the real posts, with the bundled pack.

    python benchmarks/events_heldout.py                      # batch 3 (the reported one)
    python benchmarks/events_heldout.py --batch 1 --show     # the development batch
    python benchmarks/events_heldout.py --smoke              # 20 drafts, for CI
    python benchmarks/events_heldout.py --file training/events/round8e-leaks.jsonl --no-real

A leak counts as caught when the draft warns or blocks with a finding of its category; a hard
negative is a false alarm when it warns or blocks. Real posts: the share with a finding of a
content category (mnpi, incident, roadmap) at `low` or above, on the half of the corpus that
tools/train_events.py never trains on (sha256 of the id, first byte odd) and on all of it.
Exits 1 when a target is missed: recall >= 90% per category and language, <= 5% of the hard
negatives flagged, <= 0.1% of the real posts flagged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from guard import Guard
from guard.detect.patterns import PatternTimeout
from guard.score import verdict

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "tests" / "data" / "heldout"
CORPORA = ROOT.parent / "shared" / "corpora"
CATEGORIES = ("mnpi", "incident", "roadmap")
MIN_RECALL = 0.90
MAX_HARD_NEGATIVES = 0.05
MAX_REAL = 0.001


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """One JSON object per non-empty line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def held_out_half(post_id: str) -> bool:
    """The half of the real posts that training never sees."""
    return hashlib.sha256(post_id.encode()).digest()[0] % 2 == 1


def check_all(guard: Guard, texts: Sequence[str]) -> list[Any]:
    """Reports for `texts` in chunks; a chunk whose patterns ran out of time on a busy machine
    (the time budget is wall time) is checked again, up to three times."""
    out: list[Any] = []
    for i in range(0, len(texts), 200):
        for attempt in range(3):
            try:
                out += guard.check_many(texts[i : i + 200])
                break
            except PatternTimeout:
                if attempt == 2:
                    raise
    return out


def flagged(report: Any) -> bool:
    """Warn or block by the findings' score (the length check set aside)."""
    return verdict(report.score, report.warn, report.block) != "allow"


def batch_rates(guard: Guard, rows: Sequence[dict[str, Any]], show: bool) -> list[str]:
    """Print recall per category and language and the hard-negative alarms; return failures."""
    reports = check_all(guard, [r["text"] for r in rows])
    leaks: Counter[tuple[str, str]] = Counter()
    caught: Counter[tuple[str, str]] = Counter()
    negatives: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    for row, report in zip(rows, reports, strict=True):
        cats = {f.category for f in report.findings}
        if row["leak"]:
            key = (row["category"], row["lang"])
            leaks[key] += 1
            if flagged(report) and row["category"] in cats:
                caught[key] += 1
            elif show:
                print(f"missed [{row['category']}/{row['lang']}] {row['text']}")
        else:
            negatives[row["lang"]] += 1
            if flagged(report):
                alarms[row["lang"]] += 1
                if show:
                    print(f"alarm  [{row['category']}/{row['lang']}] {row['text']}")
    failures = []
    print(f"{'category':<10}{'lang':<6}{'leaks':>6}{'caught':>8}{'recall':>8}")
    for key in sorted(leaks):
        recall = caught[key] / leaks[key]
        print(f"{key[0]:<10}{key[1]:<6}{leaks[key]:>6}{caught[key]:>8}{recall:>8.1%}")
        if recall < MIN_RECALL:
            failures.append(f"{key[0]}/{key[1]}: recall {recall:.1%} < {MIN_RECALL:.0%}")
    total_n, total_a = sum(negatives.values()), sum(alarms.values())
    for lang in sorted(negatives):
        print(f"hard negatives {lang}: {alarms[lang]}/{negatives[lang]} warned or blocked")
    if total_n:
        rate = total_a / total_n
        print(f"hard negatives: {total_a}/{total_n} warned or blocked ({rate:.1%})")
        if rate > MAX_HARD_NEGATIVES:
            failures.append(f"hard negatives: {rate:.1%} flagged > {MAX_HARD_NEGATIVES:.0%}")
    return failures


def real_rates(guard: Guard, show: bool) -> list[str]:
    """Print the share of real posts with an event finding; return failures."""
    posts = [p for name in ("real_posts.jsonl", "real_posts_fr.jsonl")
             for p in read_jsonl(CORPORA / name)]
    reports = check_all(guard, [p["text"] for p in posts])
    failures = []
    for label, keep in (("held-out half", held_out_half), ("all", lambda _: True)):
        n = hits = 0
        for post, report in zip(posts, reports, strict=True):
            if not keep(post["id"]):
                continue
            n += 1
            found = [f for f in report.findings
                     if f.category in CATEGORIES and f.severity != "info"]
            if found:
                hits += 1
                if show and label == "all":
                    print(f"real   [{found[0].rule}] {post['text'][:160]!r}")
        rate = hits / n
        print(f"real posts ({label}): {hits}/{n} with an mnpi/incident/roadmap finding "
              f"({rate:.2%})")
        if rate > MAX_REAL:
            failures.append(f"real posts ({label}): {rate:.2%} flagged > {MAX_REAL:.1%}")
    return failures


def main(argv: Sequence[str] | None = None) -> int:
    """Print the rates; 1 when a target is missed, 2 when an input file is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=3, help="held-out batch number")
    parser.add_argument("--file", type=Path, help="a file of labelled drafts instead of a batch")
    parser.add_argument("--rules", action="append", help="rule packs (default: default)")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    parser.add_argument("--no-real", action="store_true", help="skip the real posts")
    parser.add_argument("--smoke", action="store_true", help="20 drafts, no targets (CI)")
    args = parser.parse_args(argv)
    path = args.file.resolve() if args.file else HELDOUT / f"events-{args.batch}.jsonl"
    if not path.is_file():
        print(f"not found: {path}", file=sys.stderr)
        return 2
    guard = Guard.from_files(args.rules or ["default"])
    rows = read_jsonl(path)
    if args.smoke:
        batch_rates(guard, rows[:20], args.show)
        return 0
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"{shown}, pack {guard.pack.name} ({guard.pack.digest[:19]})")
    failures = batch_rates(guard, rows, args.show)
    if not args.no_real:
        failures += real_rates(guard, args.show)
    for failure in failures:
        print(f"MISSED TARGET: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
