"""Should the special-category scorer be retrained? The shipped one against a refit, out of fold.

    pip install -e '.[train]'
    python tools/special_refit.py            # the newest folds, shipped model against the refit
    python tools/special_refit.py --real     # and the real posts, five folds, old and new data

The newest folds are the pii batches and validation files measured since the shipped
rules/special-veto.json was trained (`NEW_BATCHES`, `NEW_VAL`; round twenty-six: batches 25-30,
val-25, val-27, val-29). The shipped model never saw them, so its verdicts on them are out of
fold as they stand. The refit is trained as tools/train_veto.py trains the shipped one, on the
shipped model's files and every newest fold but the one it checks. Both sit in the bundled
`default` pack without the `event.*` rules (tools/special_compare.py's `both`). Per fold: the
special leaks (`pii` of kind health, hr, pay) caught at their expected verdict, and the hard
negatives (every category's) a `pii.special-category*` rule flags; then every draft whose
verdict or special findings differ. With `--real`, the real posts of ../shared/corpora in five
folds, each checked by a model trained without it, on the shipped model's data and on the
refit's: the posts a special-category rule flags. Only the named files are read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

import special_compare as sc  # noqa: E402
import train_veto as tv  # noqa: E402
from default_pack_rates import categories, rules_verdict  # noqa: E402
from heldout_rates import RANK  # noqa: E402

NEW_BATCHES = tuple(range(25, 31))
NEW_VAL = (25, 27, 29)
FAMILY = "pii.special-category"  # the regex rules' ids and the scorer's start so


def folds(batches: Sequence[int], val: Sequence[int]) -> dict[str, list[dict[str, Any]]]:
    """Named pii batches and validation files, by fold name."""
    out = {f"b{n}": tv.read_jsonl(tv.HELDOUT / f"pii-secret-marker-{n}.jsonl") for n in batches}
    return out | {f"val-{n}": tv.read_jsonl(tv.DEV / f"pii-secret-marker-val-{n}.jsonl")
                  for n in val}


def outcomes(guard: Any, rows: list[dict[str, Any]]) -> list[tuple[bool, list[str], str]]:
    """Per row: caught at its expected verdict (a leak) or flagged (a negative), the special
    rules that fired, the verdict."""
    out = []
    for row, rep in zip(rows, guard.check_many([r["text"] for r in rows]), strict=True):
        verdict = rules_verdict(rep)
        fired = sorted({f.rule for f in rep.findings if f.rule.startswith(FAMILY)})
        ok = (row["category"] in categories(rep) and RANK[verdict] >= RANK[row["expect"]]
              if row["leak"] else verdict != "allow")
        out.append((ok, fired, verdict))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", action="store_true", help="the real posts too (ten fits)")
    args = parser.parse_args(argv)
    packs = sc.Packs(next(r for r in sc.guard_for(["pii"], no_events=True, nlp=False).pack.rules
                          if r.id == tv.SPECIAL_RULE).veto.below)
    shipped = json.loads(tv.SPECIAL_OUT.read_text(encoding="utf-8"))
    dev = [r for p in tv.dev_files() for r in tv.read_jsonl(p)]
    dev += tv.read_jsonl(ROOT / "tests" / "data" / "labelled.jsonl")
    old = [r for b in folds(tv.SPECIAL_BATCHES, tv.SPECIAL_VAL).values() for r in b] + dev
    new = folds(NEW_BATCHES, NEW_VAL)
    posts = tv.real_posts()
    totals: dict[tuple[str, str], list[int]] = {}
    diffs = []
    print(f"bar {packs.below:g}; per fold: special leaks caught, hard negatives a "
          f"{FAMILY}* rule flags (shipped -> refit)")
    for name, rows in new.items():
        train = old + [r for n, b in new.items() if n != name for r in b]
        refit = tv.fit_special(train, posts, found=packs.found)
        got = {"shipped": outcomes(packs.with_model(shipped)["both"], rows),
               "refit": outcomes(packs.with_model(refit)["both"], rows)}
        line = []
        for what in ("leak", "neg"):
            mine = [i for i, r in enumerate(rows)
                    if (r["leak"] and sc.special(r) if what == "leak" else not r["leak"])]
            counts = []
            for model, res in got.items():
                hit = sum(res[i][0] if what == "leak" else bool(res[i][1]) for i in mine)
                cell = totals.setdefault((what, model), [0, 0])
                cell[0], cell[1] = cell[0] + hit, cell[1] + len(mine)
                counts.append(hit)
            line.append(f"{what} {counts[0]}->{counts[1]}/{len(mine)}")
        print(f"  {name:<7} " + "  ".join(line))
        for row, a, b in zip(rows, got["shipped"], got["refit"], strict=True):
            if a != b:
                diffs.append(f"  {name:<7} leak={int(row['leak'])} {row.get('kind')}: "
                             f"{a[2]} {a[1]} -> {b[2]} {b[1]}: {row['text']}")
    for (what, model), (hit, n) in sorted(totals.items()):
        print(f"{what:<4} {model:<7} {hit}/{n}")
    print(f"drafts that differ: {len(diffs)}", *diffs, sep="\n")
    if args.real:
        for label, rows in (("shipped data", old),
                            ("refit data", old + [r for b in new.values() for r in b])):
            flagged = []
            for i in range(5):
                held = posts[i::5]
                train = [p for j, p in enumerate(posts) if j % 5 != i]
                guard = packs.with_model(tv.fit_special(rows, train, found=packs.found))["both"]
                flagged += [t for t, rep in zip(held, guard.check_many(held), strict=True)
                            if any(f.rule.startswith(FAMILY) for f in rep.findings)]
            print(f"real posts, {label}: {len(flagged)}/{len(posts)} flagged out of fold",
                  *(f"  {t[:140]!r}" for t in flagged), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
