"""The findings an old commit's pack gives, with the marker veto off and forced, for
tools/marker_veto_study.py (round twenty-four).

Run it under the guard of the commit that measured a batch, not this worktree's: the script
imports `guard` from PYTHONPATH and nothing of its own repository.

    git archive 06968fa guard rules benchmarks pyproject.toml | tar -x -C /tmp/c-06968fa
    cd /tmp/c-06968fa && PYTHONPATH=$PWD python /path/to/tools/marker_veto_dump.py \\
        --out /tmp/dumps/b25-26.json \\
        /path/to/tests/data/heldout/pii-secret-marker-25.jsonl \\
        /path/to/tests/data/heldout/pii-secret-marker-26.jsonl
    cd /tmp/c-06968fa && PYTHONPATH=$PWD python /path/to/tools/marker_veto_dump.py \\
        --examples --out /tmp/dumps/ex-06968fa.json

A veto gives one p(leak) per draft, read against one bar, so for a given set of vetoed rules a
draft is in one of two states: every finding of those rules kept, or every one dropped. The
dump records both (`none`: the marker vetoes off; `force:<set>`: every rule of the set vetoed,
on the drafts where one of them has a finding), each after the pack's other filters, `defer_to`
included, so the study replays any veto exactly without running the guard again.

`--examples` writes the commit's marker rules' examples as tools/train_veto.py's
`rule_examples` reads them today: each flag example a leak, each pass example a hard negative
unless a marker rule flags it with the vetoes off.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from guard.engine import Guard
from guard.packs.loader import load_pack

CATEGORY = "confidentiality-marker"
# The rule sets the study replays: the veto before round twenty-four, the two rules the brief
# named, the rules that flagged a hard negative on batches 21-26 (shipped), and every marker
# rule that does not block on its own (critical) or tell a figure (marker.figure).
SETS = {
    "three": ("marker.confidential", "marker.confidential-word", "marker.do-not-share"),
    "five": ("marker.confidential", "marker.confidential-word", "marker.do-not-share",
             "marker.quoted-from", "marker.document-status"),
    "six": ("marker.confidential", "marker.confidential-word", "marker.do-not-share",
            "marker.quoted-from", "marker.document-status", "marker.classification"),
}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """One JSON object per non-empty line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def marker_guard(pack: Any, rules: Sequence[Any], forced: Sequence[str], nlp: bool) -> Guard:
    """The pack with no marker veto, except a veto that always drops the `forced` rules."""
    proto = next(r.veto for r in pack.rules if r.veto is not None and r.category == CATEGORY)
    always = replace(proto, below=2.0)  # p(leak) is never 2: every finding dropped
    out = tuple(replace(r, veto=always if r.id in forced else None)
                if r.category == CATEGORY else r for r in rules)
    return Guard(replace(pack, rules=out), nlp=nlp)


def content(report: Any) -> list[list[Any]]:
    """A report's content findings: rule, category, severity, confidence."""
    return [[f.rule, f.category, f.severity, round(f.confidence, 4)]
            for f in report.findings if f.kind == "content"]


def dump_batches(paths: Sequence[Path]) -> dict[str, Any]:
    """`none` and `force:<set>` findings of the default pack for every draft of `paths`."""
    pack = load_pack(["default"])
    sets = dict(SETS)
    sets["all"] = tuple(r.id for r in pack.rules if r.category == CATEGORY
                        and r.severity != "critical" and r.id != "marker.figure")
    items = [(r["id"], r["text"]) for path in paths for r in read_jsonl(path)]
    reports = marker_guard(pack, pack.rules, (), nlp=True).check_many([t for _, t in items])
    out: dict[str, Any] = {"sets": sets, "none": {}}
    out["none"] = {i: content(rep) for (i, _), rep in zip(items, reports, strict=True)}
    for name, rules in sets.items():
        hit = [(i, t) for i, t in items if any(f[0] in rules for f in out["none"][i])]
        reports = marker_guard(pack, pack.rules, rules, nlp=True).check_many([t for _, t in hit])
        out[f"force:{name}"] = {i: content(rep) for (i, _), rep in zip(hit, reports, strict=True)}
    return out


def dump_examples() -> list[dict[str, Any]]:
    """The marker rules' examples, labelled as tools/train_veto.py's `rule_examples` does."""
    pack = load_pack(["default"])
    rules = [r for r in pack.rules if r.category == CATEGORY]
    flag = list(dict.fromkeys(t for r in rules for t in r.examples.flag))
    flagged_by = {t: r.id for r in reversed(rules) for t in r.examples.flag}
    passed_by = {t: r.id for r in reversed(rules) for t in r.examples.passes}
    passes = [t for t in dict.fromkeys(t for r in rules for t in r.examples.passes)
              if t not in flagged_by]
    reports = marker_guard(pack, rules, (), nlp=False).check_many(passes)
    quiet = [t for t, rep in zip(passes, reports, strict=True)
             if not any(f.kind == "content" for f in rep.findings)]
    return ([{"text": t, "leak": True, "rule": flagged_by[t]} for t in flag]
            + [{"text": t, "leak": False, "rule": passed_by[t]} for t in quiet])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batches", type=Path, nargs="*", help="pii batch files to dump")
    parser.add_argument("--examples", action="store_true", help="the marker rules' examples")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if bool(args.batches) == args.examples:
        parser.error("give batch files or --examples, not both")
    doc = dump_examples() if args.examples else dump_batches(args.batches)
    args.out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
