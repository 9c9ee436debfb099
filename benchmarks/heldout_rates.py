"""Recall and false alarms of the bundled pack on a held-out batch of hand-labelled drafts.

    python benchmarks/heldout_rates.py tests/data/heldout/pii-secret-marker-2.jsonl
    python benchmarks/heldout_rates.py --real    # content findings on the real-post corpora
    python benchmarks/heldout_rates.py --no-events BATCH   # the pii, secret and marker rules

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
from dataclasses import replace
from pathlib import Path
from typing import Any

from default_pack_rates import CORPUS, OWN_CONTACT_IDS, categories, read_jsonl, rules_verdict

from guard import Guard
from guard.packs.loader import load_pack

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
    return [*lines, "", *details], failures


CONTENT_PACKS = ("pii", "secret", "confidentiality", "internal-link")
REAL = (CORPUS, CORPUS.with_name("real_posts_fr.jsonl"))
MIN_QUIET = 0.999


def real_rates(paths: Sequence[Path]) -> tuple[list[str], list[str]]:
    """Share of real posts with no finding of the content families (the customers' own
    contact details, a fair flag, set aside), and the posts that have one."""
    guard = Guard.from_files(list(CONTENT_PACKS))
    posts = [p for path in paths for p in read_jsonl(path) if p["id"] not in OWN_CONTACT_IDS]
    reports = guard.check_many([p["text"] for p in posts])
    flagged = [(p, r) for p, r in zip(posts, reports, strict=True)
               if any(f.category != "length" for f in r.findings)]
    quiet = 1 - len(flagged) / len(posts)
    lines = [f"real posts: {len(posts)} (own-contact posts set aside: {len(OWN_CONTACT_IDS)}), "
             f"quiet: {quiet:.2%}, with a content finding: {len(flagged)}"]
    details = [f"flagged {p['id']} {','.join(sorted({f.rule for f in r.findings}))}: {p['text']}"
               for p, r in flagged]
    failures = [f"real posts: {quiet:.2%} quiet < {MIN_QUIET:.1%}"] if quiet < MIN_QUIET else []
    return lines + details, failures


def guard_for(rules: Sequence[str], no_events: bool, nlp: bool = True) -> Guard:
    """A guard over these packs; `no_events` leaves out the `event.*` rules (issue 13's), so a
    batch measures the pii, secret and marker families alone."""
    pack = load_pack(list(rules))
    if no_events:
        pack = replace(pack, rules=tuple(r for r in pack.rules if r.detector != "events"))
    return Guard(pack, nlp=nlp)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the rates; 1 when a target is missed, 2 when the batch file is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch", type=Path, nargs="?", help="a held-out JSONL batch")
    parser.add_argument("--real", action="store_true",
                        help="content findings on the real-post corpora instead")
    parser.add_argument("--rules", action="append", help="rule packs (default: default)")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    parser.add_argument("--no-events", action="store_true",
                        help="leave out the event.* rules (issue 13's), as the tests do")
    args = parser.parse_args(argv)
    if args.real:
        missing = [str(p) for p in REAL if not p.is_file()]
        if missing:
            print(f"not found: {', '.join(missing)}", file=sys.stderr)
            return 2
        lines, failures = real_rates(REAL)
        print("\n".join(lines if args.show else lines[:1]))
        for failure in failures:
            print(f"MISSED TARGET: {failure}")
        return 1 if failures else 0
    if args.batch is None:
        parser.error("give a held-out batch or --real")
    if not args.batch.is_file():
        print(f"not found: {args.batch}", file=sys.stderr)
        return 2
    guard = guard_for(args.rules or ["default"], no_events=args.no_events)
    lines, failures = evaluate(guard, read_jsonl(args.batch))
    shown = lines if args.show else [ln for ln in lines if not ln.startswith(("missed", "alarm"))]
    print("\n".join(shown).rstrip())
    for failure in failures:
        print(f"MISSED TARGET: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
