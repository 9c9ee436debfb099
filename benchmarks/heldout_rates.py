"""Recall and false alarms of the bundled pack on a held-out batch of hand-labelled drafts.

    python benchmarks/heldout_rates.py tests/data/heldout/pii-secret-marker-2.jsonl

Each line is {"id", "text", "lang", "leak", "category", "kind", "expect"}; `expect` is the
verdict at least expected (block or warn for a leak, allow for a hard negative). A leak is
caught when the report has a finding of its category and the rules' verdict reaches `expect`;
a hard negative is a false alarm when the draft warns or blocks. Reports recall per category
and language, whether other people's national ids, cards and IBANs block, and false alarms.
Exits 1 when a target is missed: recall of at least 95% per category and language, every
national id, card or IBAN leak blocked, at most 3% of hard negatives flagged.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from default_pack_rates import categories, read_jsonl, rules_verdict

from guard import Guard

MIN_RECALL = 0.95
MAX_FALSE_ALARMS = 0.03
RANK = {"allow": 0, "warn": 1, "block": 2}
# Kinds of leak that must block: another person's national identifier, card or bank account.
MUST_BLOCK = ("ssn", "nir", "nino", "de-taxid", "passport", "card", "iban")


def caught(item: dict[str, Any], verdict: str, cats: set[str]) -> bool:
    """A leak is caught when its category is found and the verdict reaches the expected one."""
    return item["category"] in cats and RANK[verdict] >= RANK[item["expect"]]


def evaluate(guard: Guard, items: Sequence[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The printed table lines and the targets missed."""
    reports = guard.check_many([i["text"] for i in items])
    leaks: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    negatives: Counter[str] = Counter()
    alarms: Counter[str] = Counter()
    must: Counter[str] = Counter()
    blocked: Counter[str] = Counter()
    details: list[str] = []
    for item, report in zip(items, reports, strict=True):
        verdict, cats = rules_verdict(report), categories(report)
        key = (item["category"], item["lang"])
        if item["leak"]:
            leaks[key] += 1
            if caught(item, verdict, cats):
                hits[key] += 1
            else:
                details.append(f"missed  {item['id']} [{item['kind']}] {verdict}: {item['text']}")
            if item["kind"] in MUST_BLOCK:
                must[item["kind"]] += 1
                blocked[item["kind"]] += verdict == "block"
        else:
            negatives[item["lang"]] += 1
            if verdict != "allow":
                alarms[item["lang"]] += 1
                rules = ",".join(sorted({f.rule for f in report.findings}))
                details.append(f"alarm   {item['id']} [{item['kind']}] {rules}: {item['text']}")
    lines = [f"{'category':<24}{'lang':>5}{'leaks':>7}{'caught':>8}{'recall':>8}"]
    failures = []
    for key in sorted(leaks):
        recall = hits[key] / leaks[key]
        lines.append(f"{key[0]:<24}{key[1]:>5}{leaks[key]:>7}{hits[key]:>8}{recall:>8.0%}")
        if recall < MIN_RECALL:
            failures.append(f"{key[0]} ({key[1]}): recall {recall:.0%} < {MIN_RECALL:.0%}")
    lines.append("")
    lines.append(f"{'must block':<24}{'leaks':>12}{'blocked':>8}")
    for kind in MUST_BLOCK:
        if must[kind]:
            lines.append(f"{kind:<24}{must[kind]:>12}{blocked[kind]:>8}")
            if blocked[kind] < must[kind]:
                failures.append(f"{kind}: {must[kind] - blocked[kind]} not blocked")
    lines.append("")
    lines.append(f"{'hard negatives':<24}{'lang':>5}{'drafts':>7}{'flagged':>8}{'rate':>8}")
    for lang in sorted(negatives):
        lines.append(f"{'':<24}{lang:>5}{negatives[lang]:>7}{alarms[lang]:>8}"
                     f"{alarms[lang] / negatives[lang]:>8.1%}")
    total, flagged = sum(negatives.values()), sum(alarms.values())
    rate = flagged / total if total else 0.0
    lines.append(f"{'':<24}{'all':>5}{total:>7}{flagged:>8}{rate:>8.1%}")
    if rate > MAX_FALSE_ALARMS:
        failures.append(f"hard negatives: {rate:.1%} flagged > {MAX_FALSE_ALARMS:.0%}")
    return lines + ["", *details], failures


def main(argv: Sequence[str] | None = None) -> int:
    """Print the rates; 1 when a target is missed, 2 when the batch file is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch", type=Path, help="a held-out JSONL batch")
    parser.add_argument("--rules", action="append", help="rule packs (default: default)")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    if not args.batch.is_file():
        print(f"not found: {args.batch}", file=sys.stderr)
        return 2
    guard = Guard.from_files(args.rules or ["default"])
    lines, failures = evaluate(guard, read_jsonl(args.batch))
    shown = lines if args.show else [ln for ln in lines if not ln.startswith(("missed", "alarm"))]
    print("\n".join(shown).rstrip())
    for failure in failures:
        print(f"MISSED TARGET: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
