"""Leave one batch out: the special-category scorer against the regex rules, side by side.

    pip install -e '.[train]'
    python tools/special_compare.py                 # folds, val-24, hard negatives, real posts
    python tools/special_compare.py --show          # and every special draft the two disagree on
    python tools/special_compare.py --below 0.4     # the scorer's bar

Three packs, each the bundled `default` without the `event.*` rules:

- `rules`: the regex rules of `pii.special-category*` the pack keeps, no scorer;
- `scorer`: the scorer rule `pii.special-category-scored` alone in their place;
- `both`: both (what ships when the regex rules are kept).

Folds are the batches the shipped scorer was trained on (`train_veto.SPECIAL_BATCHES`, 1-24,
tests/data/heldout/pii-secret-marker-N.jsonl) and its validation files (`SPECIAL_VAL`, val-9..24,
tests/data/dev/pii-secret-marker-val-N.jsonl): for each, the scorer is trained as
tools/train_veto.py trains the shipped one on everything else (the dev files always) and the
three packs check the fold. `VAL` (val-24), the newest, is also shown on its own (its fold).
Later batches, which the shipped scorer never saw, are tools/special_refit.py's. The real
posts of ../shared/corpora are cut in five folds, each measured by a scorer trained without it.
Recall counts a `pii` leak of kind health, hr or pay caught at its expected verdict; hard
negatives count every category's. The same data gives the same figures.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

import train_veto as tv  # noqa: E402
from default_pack_rates import categories, read_jsonl, rules_verdict  # noqa: E402
from heldout_rates import RANK, guard_for  # noqa: E402

from guard.detect.events.model import dump, load, parse  # noqa: E402
from guard.engine import Guard  # noqa: E402

PACKS = ("rules", "scorer", "both")
# The regex rules that raised val-12's two false alarms: the sweep's third kept set is the
# others.
KEEP_OUT = ("pii.special-category-term", "pii.special-category-situation")
REGEX = "pii.special-category"  # the round-ten rules' ids start so (the scorer's too)
# The newest validation file, shown on its own as well (its fold: a scorer trained on
# everything else); round twenty-two: val-23 (round twenty: val-21, round nineteen: val-20).
VAL = "val-24"


def folds() -> dict[str, list[dict[str, Any]]]:
    """The development folds by name."""
    out = {f"b{n}": read_jsonl(tv.HELDOUT / f"pii-secret-marker-{n}.jsonl")
           for n in tv.SPECIAL_BATCHES}
    out |= {f"val-{n}": read_jsonl(tv.DEV / f"pii-secret-marker-val-{n}.jsonl")
            for n in tv.SPECIAL_VAL}
    return out


def special(row: dict[str, Any]) -> bool:
    """A draft of the special-category family."""
    return row["category"] == "pii" and row.get("kind") in tv.SPECIAL_KINDS


class Packs:
    """The three packs, the scorer rule pointed at a model written to a temporary folder."""

    def __init__(self, below: float) -> None:
        base = guard_for(["default"], no_events=True, nlp=False).pack
        self.base, self.below = base, below
        self.tmp = Path(tempfile.mkdtemp(prefix="special-compare-"))
        self.rules = Guard(replace(base, rules=tuple(
            r for r in base.rules if r.id != tv.SPECIAL_RULE)), nlp=False)
        self._cache: dict[str, bool] = {}

    def with_model(self, doc: dict[str, Any]) -> dict[str, Guard]:
        """The three guards with this model as the scorer."""
        blob = dump(doc)
        path = self.tmp / f"{hashlib.sha256(blob).hexdigest()[:16]}.json"
        path.write_bytes(blob)
        digest = "sha256:" + hashlib.sha256(blob).hexdigest()
        load(str(path), digest)  # read now, as the pack loader does, not under a draft's budget

        def point(r: Any) -> Any:
            if r.id != tv.SPECIAL_RULE:
                return r
            return replace(r, veto=replace(r.veto, model_file=str(path), model_digest=digest,
                                           below=self.below))

        both = tuple(point(r) for r in self.base.rules)
        scorer = tuple(r for r in both if r.id == tv.SPECIAL_RULE or not r.id.startswith(REGEX))
        return {"rules": self.rules, "scorer": Guard(replace(self.base, rules=scorer), nlp=False),
                "both": Guard(replace(self.base, rules=both), nlp=False)}

    def found(self, texts: Sequence[str]) -> list[bool]:
        """`train_veto.candidates`, cached across folds."""
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            self._cache.update(zip(todo, tv.candidates(todo), strict=True))
        return [self._cache[t] for t in texts]


def tally(guards: dict[str, Guard], rows: list[dict[str, Any]], cells: dict, shown: list[str],
          name: str, doc: dict[str, Any] | None = None, packs: Packs | None = None) -> None:
    """Add the rows' outcomes under each pack to `cells` ((pack, what, lang) -> [hits]); with
    the model `doc`, also each row's (kind, p(leak) or None without a candidate, the regex
    rules that fired) under ("p", name, "")."""
    texts = [r["text"] for r in rows]
    outcomes = {}
    for pack, guard in guards.items():
        reps = guard.check_many(texts)
        outcomes[pack] = [(rules_verdict(rep), categories(rep)) for rep in reps]
        if pack == "rules" and doc is not None and packs is not None:
            scorer = parse(doc, "fold")
            found = packs.found(texts)
            cells.setdefault(("p", name, ""), []).extend(
                ("leak" if row["leak"] and special(row) else "neg" if not row["leak"] else "",
                 scorer.probabilities(tv.special_featurise(row["text"]))["leak"] if hit else None,
                 sorted({f.rule for f in rep.findings if f.rule.startswith(REGEX)}))
                for row, hit, rep in zip(rows, found, reps, strict=True))
    for i, row in enumerate(rows):
        got = {}
        for pack in PACKS:
            verdict, cats = outcomes[pack][i]
            if row["leak"]:
                got[pack] = row["category"] in cats and RANK[verdict] >= RANK[row["expect"]]
                if special(row):
                    cells.setdefault((pack, "recall", row["lang"]), []).append(got[pack])
            else:
                got[pack] = verdict != "allow"
                cells.setdefault((pack, "hard-neg", row["lang"]), []).append(got[pack])
        if special(row) and got["rules"] != got["scorer"]:
            tag = "leak" if row["leak"] else "neg "
            shown.append(f"{name:<7} {tag} rules={int(got['rules'])} scorer={int(got['scorer'])} "
                         f"both={int(got['both'])}: {row['text']}")


def real(packs: Packs, rows: list[dict[str, Any]], posts: list[str], cells: dict,
         shown: list[str], k: int = 5) -> None:
    """Content findings on the real posts, five folds, each by a scorer trained without it."""
    for i in range(k):
        held = posts[i::k]
        train = [p for j, p in enumerate(posts) if j % k != i]
        doc = tv.fit_special(rows, train, found=packs.found)
        guards = packs.with_model(doc)
        scorer = parse(doc, "fold")
        cells.setdefault(("p", f"real-{i}", ""), []).extend(
            ("real", scorer.probabilities(tv.special_featurise(t))["leak"] if hit else None, [])
            for t, hit in zip(held, packs.found(held), strict=True))
        for pack, guard in guards.items():
            for text, rep in zip(held, guard.check_many(held), strict=True):
                mine = [f.rule for f in rep.findings if f.rule.startswith(REGEX)]
                cells.setdefault((pack, "real", "all"), []).append(bool(mine))
                if mine and pack != "both":
                    shown.append(f"real    {pack} {mine[0]}: {text[:140]!r}")


def sweep(cells: dict) -> None:
    """Per bar: the scorer's special leaks with a candidate at p >= bar, the hard negatives it
    alone would flag; per regex rule: leaks only it catches, hard negatives it flags."""
    rows = [x for (k, _, _), v in cells.items() if k == "p" for x in v]
    leaks = [x for x in rows if x[0] == "leak"]
    negs = [x for x in rows if x[0] == "neg"]
    posts = [x for x in rows if x[0] == "real"]
    print(f"scorer alone by bar ({len(leaks)} special leaks, {len(negs)} hard negatives, "
          f"{len(posts)} real posts)")
    for bar in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7):
        caught = sum(p is not None and p >= bar for _, p, _ in leaks)
        flagged = sum(p is not None and p >= bar for _, p, _ in negs)
        real = sum(p is not None and p >= bar for _, p, _ in posts)
        print(f"  bar {bar:<4} leaks {caught}/{len(leaks)}  hard negatives {flagged}/{len(negs)}"
              f"  real posts {real}/{len(posts)}")
    ids = sorted({r for _, _, fired in rows for r in fired})
    for bar in (0.3, 0.4, 0.5):
        for keep in (ids, (), [r for r in ids if r not in KEEP_OUT]):
            caught = sum((p is not None and p >= bar) or bool(set(f) & set(keep))
                         for _, p, f in leaks)
            flagged = sum((p is not None and p >= bar) or bool(set(f) & set(keep))
                          for _, p, f in negs)
            print(f"  bar {bar:<4} scorer + {len(keep)} regex rules: leaks {caught}/{len(leaks)}"
                  f"  hard negatives (special alarms) {flagged}/{len(negs)}")
    ids = sorted({r for _, _, fired in rows for r in fired})
    print("regex rules at bar 0.3: leaks only the rule catches, hard negatives it flags")
    for rid in ids:
        only = sum(rid in f and (p is None or p < 0.3) for _, p, f in leaks)
        alarms = sum(rid in f for _, _, f in negs)
        print(f"  {rid:<36} only {only:>3}  alarms {alarms:>3}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--below", type=float, default=None,
                        help="the scorer's bar (default: the rule's `below`)")
    parser.add_argument("--c", type=float, default=tv.SPECIAL_C, help="inverse regularisation")
    parser.add_argument("--show", action="store_true", help="list the drafts that differ")
    parser.add_argument("--no-real", action="store_true", help="skip the real posts")
    args = parser.parse_args(argv)
    rule = next(r for r in guard_for(["pii"], no_events=True, nlp=False).pack.rules
                if r.id == tv.SPECIAL_RULE)
    below = rule.veto.below if args.below is None else args.below
    packs = Packs(below)
    dev = [r for p in tv.dev_files() for r in read_jsonl(p)]
    dev += read_jsonl(ROOT / "tests" / "data" / "labelled.jsonl")
    posts = tv.real_posts()
    all_folds = folds()
    cells: dict[tuple[str, str, str], list[bool]] = {}
    val_table: dict[tuple[str, str, str], list[bool]] = {}
    shown: list[str] = []
    for name, rows in all_folds.items():
        train = [r for n, b in all_folds.items() if n != name for r in b] + dev
        doc = tv.fit_special(train, posts, c=args.c, found=packs.found)
        tally(packs.with_model(doc), rows, cells, shown, name, doc, packs)
    everything = [r for b in all_folds.values() for r in b] + dev
    others = [r for n, b in all_folds.items() if n != VAL for r in b] + dev
    tally(packs.with_model(tv.fit_special(others, posts, c=args.c, found=packs.found)),
          all_folds[VAL], val_table, shown, VAL)
    if not args.no_real:
        real(packs, everything, posts, cells, shown)
    print(f"bar {below:g}, C {args.c:g}; leave one batch out over {len(all_folds)} folds")
    sweep(cells)
    for title, table in (("development folds", cells), (f"{VAL} (its fold)", val_table)):
        # real: posts where a special-category rule fires (the family's own alarms)
        print(title)
        for what in ("recall", "hard-neg", "real"):
            if what == "real" and args.no_real:
                continue
            for lang in ("en", "fr", "all"):
                row = [table.get((p, what, lang)) for p in PACKS]
                if row[0] is None:
                    continue
                print(f"  {what:<8} {lang:<3} " + "  ".join(
                    f"{p} {sum(h)}/{len(h)} {sum(h) / len(h):6.1%}" for p, h in
                    zip(PACKS, row, strict=True)))
    if args.show:
        print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
