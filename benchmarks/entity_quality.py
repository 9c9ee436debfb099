"""Precision and recall of the `entity` detector for ORG and PERSON on the BTC posts.

    python benchmarks/entity_quality.py [--model NAME]

Gold: `meta.gold_entities` of the Broad Twitter Corpus posts in
../shared/corpora/real_posts.jsonl (ORG and PER spans, character offsets). Predictions: the
findings of a guard whose pack has one `entity: ORG` and one `entity: PERSON` rule, so what is
measured is what a user of the rules gets (label mapping and all), not the bare model.

Exact: the predicted span equals a gold span of the same type. Overlap: it shares at least one
character with one; recall counts each gold span found, precision each predicted span right.
A trailing apostrophe left on about 13 gold spans by the corpus's tokeniser is stripped first,
and the 99 gold spans annotated twice count once (hence 379 ORG and 535 PER, not 406 and 575).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "real_posts.jsonl"
PACK = """\
version: 1
name: entity-quality
rules:
  - id: ent.org
    entity: ORG
  - id: ent.person
    entity: PERSON
"""
TYPES = {"ORG": "ent.org", "PER": "ent.person"}
Span = tuple[int, int]


def gold_spans(post: dict) -> dict[str, set[Span]]:
    """Gold ORG and PER spans of a post, trailing apostrophes stripped."""
    out: dict[str, set[Span]] = {t: set() for t in TYPES}
    for ent in post["meta"].get("gold_entities", []):
        if ent["type"] in out:
            start, end = ent["start"], ent["end"]
            while end > start and post["text"][end - 1] in "'\u2019":
                end -= 1
            out[ent["type"]].add((start, end))
    return out


def overlaps(a: Span, spans: set[Span]) -> bool:
    """True when span `a` shares a character with one of `spans`."""
    return any(a[0] < b[1] and b[0] < a[1] for b in spans)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="English model name (default: the guard's choice)")
    args = parser.parse_args(argv)
    if args.model:
        os.environ["GUARD_MODEL_EN"] = args.model

    from guard import Guard
    from guard.detect.nlp.runtime import model_name
    from guard.packs.loader import load_pack

    if not CORPUS.is_file():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    posts = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    posts = [p for p in posts if p["source"].startswith("btc")]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pack.yaml"
        path.write_text(PACK, encoding="utf-8")
        guard = Guard(load_pack([str(path)]))
    reports = guard.check_many([p["text"] for p in posts], lang="en")

    counts: dict[str, Counter[str]] = {t: Counter() for t in TYPES}
    for post, report in zip(posts, reports, strict=True):
        gold = gold_spans(post)
        for gtype, rule in TYPES.items():
            pred = {(f.start, f.end) for f in report.findings if f.rule == rule}
            c = counts[gtype]
            c["gold"] += len(gold[gtype])
            c["pred"] += len(pred)
            c["exact_tp"] += len(pred & gold[gtype])
            c["overlap_p"] += sum(1 for s in pred if overlaps(s, gold[gtype]))
            c["overlap_r"] += sum(1 for g in gold[gtype] if overlaps(g, pred))

    def pct(num: int, den: int) -> str:
        return f"{100 * num / den:5.1f} %" if den else "    -  "

    model = model_name("en", guard.pack.settings)
    print(f"entity detector on {len(posts)} BTC posts; model {model}")
    print()
    print("| type | gold | predicted | exact P | exact R | exact F1 | overlap P | overlap R |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for gtype, c in counts.items():
        p = c["exact_tp"] / c["pred"] if c["pred"] else 0.0
        r = c["exact_tp"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        label = "PERSON" if gtype == "PER" else gtype
        print(
            f"| {label} | {c['gold']} | {c['pred']} | {pct(c['exact_tp'], c['pred'])} | "
            f"{pct(c['exact_tp'], c['gold'])} | {100 * f1:5.1f} % | "
            f"{pct(c['overlap_p'], c['pred'])} | {pct(c['overlap_r'], c['gold'])} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
