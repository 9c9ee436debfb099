"""Rates of the bundled `default` pack: real posts per source, and the labelled set per category.

    python benchmarks/default_pack_rates.py              # ../shared/corpora/real_posts.jsonl
    python benchmarks/default_pack_rates.py --labelled   # tests/data/labelled.jsonl

Exits 1 when a target is missed (issue 7): on the public sources (news, public figures, finance
news) at most 1% of posts blocked and at most 3% warned or blocked; every customer post that
carries its own e-mail or phone number flagged `pii`; on the labelled set a recall of at least
90% per category. Verdicts here are the rules' verdicts (score against thresholds): a draft too
long for its platform is blocked by the length check, which is not what these rates measure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guard import Guard
from guard.models import Report
from guard.score import verdict

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "real_posts.jsonl"
LABELLED = ROOT / "tests" / "data" / "labelled.jsonl"
PUBLIC_SOURCES = ("btc-G-news", "btc-F-twitterati", "twitter-financial-news")
MAX_BLOCK = 0.01
MAX_WARN_OR_BLOCK = 0.03
MIN_RECALL = 0.90
# Customer posts of the corpus that carry the author's own e-mail address or phone number,
# found by a regex sweep of every customer post and read one by one.
OWN_CONTACT_IDS = (
    "ibm-cdp:bd279e06886f", "ibm-cdp:b1b4ac9a849b", "ibm-cdp:24edafd1dfa1",
    "ibm-cdp:7b49242d5b0f", "ibm-cdp:95f04f93aae1", "ibm-cdp:0b2122f3206b",
    "ibm-cdp:558f45c375a4", "ibm-cdp:619e8185d96c", "ibm-cdp:9c4b74d450ce",
    "ibm-cdp:d0b4afc8c42f",
)
LEAK_CATEGORIES = ("pii", "secret", "internal-link", "confidentiality-marker", "mnpi", "financial")


def rules_verdict(report: Report) -> str:
    """The verdict from the findings' score alone (the length check set aside)."""
    return verdict(report.score, report.warn, report.block)


def categories(report: Report, min_severity: str = "low") -> set[str]:
    """Categories of the report's findings at `min_severity` or above (info partners left out)."""
    order = ("info", "low", "medium", "high", "critical")
    floor = order.index(min_severity)
    return {f.category for f in report.findings
            if f.category != "length" and order.index(f.severity) >= floor}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """One JSON object per non-empty line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass
class SourceRates:
    """Verdict counts and category counts of one corpus source."""

    source: str
    n: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)

    def rate(self, *verdicts: str) -> float:
        """Share of posts with one of these verdicts."""
        return sum(self.verdicts[v] for v in verdicts) / self.n if self.n else 0.0


def corpus_rates(guard: Guard, posts: Sequence[dict[str, Any]]) -> dict[str, SourceRates]:
    """Per-source verdicts and categories (plus `public`, the public sources together)."""
    reports = guard.check_many([p["text"] for p in posts])
    out: dict[str, SourceRates] = {}
    for post, report in zip(posts, reports, strict=True):
        keys = [post["source"]]
        if post["source"] in PUBLIC_SOURCES:
            keys.append("public")
        for key in keys:
            rates = out.setdefault(key, SourceRates(key))
            rates.n += 1
            rates.verdicts[rules_verdict(report)] += 1
            rates.categories.update(categories(report))
    return out


def own_contact_missed(guard: Guard, posts: Sequence[dict[str, Any]]) -> list[str]:
    """Ids of the known own-contact customer posts that get no `pii` finding."""
    chosen = [p for p in posts if p["id"] in OWN_CONTACT_IDS]
    reports = guard.check_many([p["text"] for p in chosen])
    missed = [p["id"] for p, r in zip(chosen, reports, strict=True) if "pii" not in categories(r)]
    missing = set(OWN_CONTACT_IDS) - {p["id"] for p in chosen}
    return sorted(missed) + sorted(f"{i} (not in the corpus)" for i in missing)


def corpus_failures(rates: dict[str, SourceRates], missed: Sequence[str]) -> list[str]:
    """The corpus targets that are missed, in words."""
    failures = []
    for key in (*PUBLIC_SOURCES, "public"):
        r = rates.get(key)
        if r is None:
            failures.append(f"{key}: no posts")
            continue
        if r.rate("block") > MAX_BLOCK:
            failures.append(f"{key}: {r.rate('block'):.1%} blocked > {MAX_BLOCK:.0%}")
        if r.rate("warn", "block") > MAX_WARN_OR_BLOCK:
            failures.append(f"{key}: {r.rate('warn', 'block'):.1%} warn-or-block > "
                            f"{MAX_WARN_OR_BLOCK:.0%}")
    failures.extend(f"customer post with own contact not flagged pii: {i}" for i in missed)
    return failures


def corpus_table(rates: dict[str, SourceRates]) -> str:
    """A plain-text table: one line per source."""
    cats = sorted({c for r in rates.values() for c in r.categories})
    head = f"{'source':<24}{'posts':>6}{'allow':>8}{'warn':>7}{'block':>7}{'w+b':>7}  " + "  ".join(
        f"{c}" for c in cats)
    lines = [head]
    order = [k for k in ("ibm-cdp", *PUBLIC_SOURCES, "public") if k in rates]
    for key in order:
        r = rates[key]
        cells = "  ".join(f"{r.categories[c] / r.n:>{len(c)}.1%}" for c in cats)
        lines.append(f"{key:<24}{r.n:>6}{r.rate('allow'):>8.1%}{r.rate('warn'):>7.1%}"
                     f"{r.rate('block'):>7.1%}{r.rate('warn', 'block'):>7.1%}  {cells}")
    return "\n".join(lines)


@dataclass
class LabelledRates:
    """Recall per leak category and false alarms on the clean drafts of the labelled set."""

    leaks: Counter[str] = field(default_factory=Counter)
    caught: Counter[str] = field(default_factory=Counter)
    clean: Counter[str] = field(default_factory=Counter)
    false_alarms: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[str, str]] = field(default_factory=list)
    alarms: list[tuple[str, str]] = field(default_factory=list)

    def recall(self, category: str) -> float:
        """Share of the category's leaks caught (a finding of it, verdict warn or block)."""
        return self.caught[category] / self.leaks[category] if self.leaks[category] else 0.0

    def precision(self) -> float:
        """Of the drafts that warn or block, the share that do leak."""
        flagged = sum(self.caught.values()) + sum(self.false_alarms.values())
        return sum(self.caught.values()) / flagged if flagged else 1.0


def labelled_rates(guard: Guard, items: Iterable[dict[str, Any]]) -> LabelledRates:
    """Run the labelled drafts: a leak is caught when its category is found and the draft
    warns or blocks; a clean draft is a false alarm when it warns or blocks."""
    items = list(items)
    reports = guard.check_many([i["text"] for i in items])
    out = LabelledRates()
    for item, report in zip(items, reports, strict=True):
        flagged = rules_verdict(report) != "allow"
        cat = item["category"]
        if item["leak"]:
            out.leaks[cat] += 1
            if flagged and cat in categories(report):
                out.caught[cat] += 1
            else:
                out.missed.append((cat, item["text"]))
        else:
            out.clean[cat] += 1
            if flagged:
                out.false_alarms[cat] += 1
                out.alarms.append((cat, item["text"]))
    return out


def labelled_failures(rates: LabelledRates) -> list[str]:
    """The categories under the recall target, in words."""
    return [f"{c}: recall {rates.recall(c):.0%} < {MIN_RECALL:.0%}"
            for c in sorted(rates.leaks) if rates.recall(c) < MIN_RECALL]


def labelled_table(rates: LabelledRates) -> str:
    """A plain-text table: recall per category, false alarms per topic of the clean drafts."""
    lines = [f"{'category':<24}{'leaks':>6}{'caught':>8}{'recall':>8}{'clean':>7}"
             f"{'false alarms':>14}"]
    for cat in sorted(set(rates.leaks) | set(rates.clean)):
        recall = f"{rates.recall(cat):.0%}" if rates.leaks[cat] else "-"
        lines.append(f"{cat:<24}{rates.leaks[cat]:>6}{rates.caught[cat]:>8}{recall:>8}"
                     f"{rates.clean[cat]:>7}{rates.false_alarms[cat]:>14}")
    leaks, clean = sum(rates.leaks.values()), sum(rates.clean.values())
    caught, alarms = sum(rates.caught.values()), sum(rates.false_alarms.values())
    lines.append(f"{'all':<24}{leaks:>6}{caught:>8}{caught / leaks if leaks else 0:>8.0%}"
                 f"{clean:>7}{alarms:>14}")
    lines.append(f"precision (leaks among drafts that warn or block): {rates.precision():.1%}; "
                 f"false-alarm rate on the clean drafts: {alarms / clean if clean else 0:.1%}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the rates; 1 when a target is missed, 2 when an input file is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labelled", action="store_true", help="the labelled set instead")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--data", type=Path, default=LABELLED, help="the labelled set's file")
    parser.add_argument("--rules", action="append", help="rule packs (default: default)")
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    guard = Guard.from_files(args.rules or ["default"])
    path = args.data if args.labelled else args.corpus
    if not path.is_file():
        print(f"not found: {path}", file=sys.stderr)
        return 2
    if args.labelled:
        lrates = labelled_rates(guard, read_jsonl(path))
        print(labelled_table(lrates))
        if args.show:
            for cat, text in lrates.missed:
                print(f"missed  [{cat}] {text}")
            for cat, text in lrates.alarms:
                print(f"alarm   [{cat}] {text}")
        failures = labelled_failures(lrates)
    else:
        posts = read_jsonl(path)
        rates = corpus_rates(guard, posts)
        print(corpus_table(rates))
        missed = own_contact_missed(guard, posts)
        print(f"customer posts with their own e-mail or phone flagged pii: "
              f"{len(OWN_CONTACT_IDS) - len(missed)}/{len(OWN_CONTACT_IDS)}")
        failures = corpus_failures(rates, missed)
    for failure in failures:
        print(f"MISSED TARGET: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
