"""Measure the owner veto (rules/owner-veto.json, round twenty-four) as it would have done on
fresh drafts: leave one batch out on the findings of the commits that measured each batch.

    # 1. each measuring commit's findings, with its own guard (a detached worktree):
    git worktree add --detach /tmp/m25 06968fa
    python tools/owner_study.py dump --guard /tmp/m25 --out /tmp/d25-26.json \\
        tests/data/heldout/pii-secret-marker-25.jsonl tests/data/heldout/pii-secret-marker-26.jsonl
    # 2. the study, with this worktree's rules, parse and trainer:
    python tools/owner_study.py study --measured 21=/tmp/d21-22.json 22=/tmp/d21-22.json ...

For each batch k the model is trained only on what was known then: batches < k, val-9..k-1,
the dev files, tests/data/labelled.jsonl and the rule files' `pii.*` examples; a finding of a
personal-data rule below critical is dropped when its p(leak) is below the bar. It counts, per
bar, the hard-negative alarms taken back (every finding of the draft dropped) and the leaks
lost (none of the leak's category left). Then the rule files' flag examples out of fold (five
folds, trained on every batch), and the real posts of ../shared/corpora whose findings the
model trained on everything drops.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RANK = {"allow": 0, "warn": 1, "block": 2}


def dump(guard_root: Path, out: Path, files: Sequence[Path]) -> None:
    """Per draft of `files`: the verdict, categories and findings (rule, category, severity,
    start, end) of the default pack of the guard in `guard_root`."""
    sys.path[:0] = [str(guard_root), str(guard_root / "benchmarks")]
    from default_pack_rates import categories, read_jsonl, rules_verdict

    import guard
    from guard import Guard

    if not Path(guard.__file__).resolve().is_relative_to(guard_root.resolve()):
        sys.exit(f"guard is imported from {guard.__file__}, not {guard_root}")
    g = Guard.from_files(["default"], nlp=True)
    found = {}
    for path in files:
        items = read_jsonl(path)
        for item, rep in zip(items, g.check_many([i["text"] for i in items]), strict=True):
            found[item["id"]] = {
                "verdict": rules_verdict(rep), "cats": sorted(categories(rep)),
                "findings": [[f.rule, f.category, f.severity, f.start, f.end]
                             for f in rep.findings]}
    out.write_text(json.dumps(found), encoding="utf-8")
    print(f"{out}: {len(found)} drafts")


def vetoable(finding: Sequence[Any]) -> bool:
    """A finding the owner veto reads: a personal-data rule below critical (at the measuring
    commits too; the special-category scorer keeps its own veto)."""
    rule, category, severity = finding[0], finding[1], finding[2]
    return (category == "pii" and rule.startswith("pii.") and severity != "critical"
            and rule != "pii.special-category-scored")


class Study:
    """Every labelled row's owner examples, computed once; models fitted on subsets."""

    def __init__(self, c: float) -> None:
        sys.path.insert(0, str(ROOT / "tools"))
        import train_veto as tv

        from guard.detect.latin import latin
        from guard.detect.owner import parser
        from guard.packs.loader import load_pack

        self.tv, self.c, self.latin = tv, c, latin
        self.public = tuple(tv.public_words())
        self.parse = parser(load_pack(["default"]).settings)
        self.rows: list[tuple[str, dict[str, Any]]] = []  # (source, row)
        for n in range(1, 27):
            self.rows += [(f"b{n}", r) for r in tv.read_jsonl(
                tv.HELDOUT / f"pii-secret-marker-{n}.jsonl")]
        for n in range(9, 25):
            self.rows += [(f"v{n}", r) for r in tv.read_jsonl(
                tv.DEV / f"pii-secret-marker-val-{n}.jsonl")]
        for path in tv.dev_files():
            self.rows += [("dev", r) for r in tv.read_jsonl(path)]
        self.rows += [("dev", r) for r in tv.read_jsonl(ROOT / "tests/data/labelled.jsonl")]
        self.rows += [("ex", r) for r in tv.rule_example_rows()]
        kept = [(s, r) for s, r in self.rows if not r["leak"] or r["category"] == "pii"]
        spans = tv.owner_candidates([r["text"] for _, r in kept])
        self.examples = []  # (source, row, item)
        for (source, r), found in zip(kept, spans, strict=True):
            for rule, start, end in found:
                self.examples.append((source, r, self.inputs(r["text"], rule, start, end)))

    def inputs(self, text: str, rule: str, start: int, end: int) -> Any:
        from guard.detect.veto import owner_inputs

        read = self.latin(text)
        return owner_inputs(read, rule, start, end, self.parse(read), self.public)

    def fit(self, keep: Any) -> Any:
        from guard.detect.events.model import parse

        chosen = [(r, item) for s, r, item in self.examples if keep(s, r)]
        doc = self.tv.fit_texts([i for _, i in chosen], [bool(r["leak"]) for r, _ in chosen],
                                self.tv.owner_featurise, self.c)
        doc["chars"] = None
        scorer = parse(doc, "study")

        def p(item: Any) -> float:
            toks, feats = item
            return scorer.softmax(scorer.draft_logits(toks, feats))["leak"]
        return p


def known_before(k: int, examples: Any = None) -> Any:
    """What was known when batch k was measured."""
    def keep(source: str, row: dict[str, Any]) -> bool:
        if source == "ex":
            return examples is None or id(row) in examples
        if source[0] in "bv":
            return int(source[1:]) < k
        return True
    return keep


def study(measured: dict[int, Path], c: float, bars: Sequence[float], show: bool,
          real: Path) -> None:
    s = Study(c)
    tv = s.tv
    tot: Counter[Any] = Counter()
    lines: list[str] = []
    for k in sorted(measured):
        p = s.fit(known_before(k))
        found = json.loads(measured[k].read_text(encoding="utf-8"))
        for item in tv.read_jsonl(tv.HELDOUT / f"pii-secret-marker-{k}.jsonl"):
            out = found[item["id"]]
            fs = out["findings"]
            probs = {n: p(s.inputs(item["text"], f[0], f[3], f[4]))
                     for n, f in enumerate(fs) if vetoable(f)}
            alarm = not item["leak"] and out["verdict"] != "allow"
            caught = (item["leak"] and item["category"] in out["cats"]
                      and RANK[out["verdict"]] >= RANK[item["expect"]])
            for bar in bars:
                left = [f for n, f in enumerate(fs) if not (n in probs and probs[n] < bar)]
                if alarm:
                    tot[bar, "alarms"] += 1
                    tot[bar, "pii alarms"] += bool(probs)
                    if not left:
                        tot[bar, "taken back"] += 1
                        tot[bar, f"taken back b{k} {item['lang']}"] += 1
                        if show:
                            lines.append(f"  bar {bar} b{k} back {min(probs.values()):.3f} "
                                         f"{item['text'][:100]}")
                if caught:
                    tot[bar, "caught"] += 1
                    if not any(f[1] == item["category"] for f in left):
                        tot[bar, "lost"] += 1
                        tot[bar, f"lost b{k} {item.get('kind')} {item['lang']}"] += 1
                        lines.append(f"  bar {bar} b{k} LOST {min(probs.values()):.3f} "
                                     f"{item['text'][:100]}")
    print(f"leave one batch out, batches {min(measured)}-{max(measured)} (C = {c}):")
    for bar in bars:
        print(f"  bar {bar}: alarms {tot[bar, 'alarms']}, with a personal-data finding "
              f"{tot[bar, 'pii alarms']}, taken back {tot[bar, 'taken back']}; leaks caught "
              f"{tot[bar, 'caught']}, lost {tot[bar, 'lost']}")
        for key in sorted(k for b, k in tot if b == bar and k.startswith(("taken back ", "lost "))):
            print(f"    {key}: {tot[bar, key]}")
    print("\n".join(lines))

    # The rule files' flag examples out of fold: does the veto drop the example's own finding?
    examples = [r for src, r in s.rows if src == "ex"]
    random.Random(7).shuffle(examples)
    folds = [examples[n::5] for n in range(5)]
    dropped: Counter[float] = Counter()
    flags = [r for r in examples if r["leak"]]
    own = {id(r): [s.inputs(r["text"], f[0], f[3], f[4]) for f in fs
                   if f[0] == r["rule"] and vetoable(f)]
           for r, fs in zip(flags, _findings([r["text"] for r in flags]), strict=True)}
    for n, fold in enumerate(folds):
        others = {id(r) for m, f in enumerate(folds) if m != n for r in f}
        p = s.fit(known_before(27, others))
        for r in fold:
            if not r["leak"] or not own[id(r)]:
                continue
            for bar in bars:
                if all(p(item) < bar for item in own[id(r)]):
                    dropped[bar] += 1
                    if bar == bars[0] or show:
                        print(f"  flag example dropped at {bar}: {r['rule']}: {r['text'][:90]}")
    print("rule flag examples dropped out of fold:", {b: dropped[b] for b in bars})

    # Real posts: the findings of the rules as they are, that the shipped model would drop.
    p = s.fit(known_before(27))
    posts = [r["text"] for name in ("real_posts.jsonl", "real_posts_fr.jsonl")
             for r in tv.read_jsonl(real / name)]
    found = _findings(posts)
    hit = [(t, fs) for t, fs in zip(posts, found, strict=True) if any(vetoable(f) for f in fs)]
    for bar in bars:
        gone = sum(any(vetoable(f) and p(s.inputs(t, f[0], f[3], f[4])) < bar for f in fs)
                   for t, fs in hit)
        print(f"real posts: {len(posts)}, with a personal-data finding {len(hit)}, "
              f"one dropped at {bar}: {gone}")


def _findings(texts: Sequence[str]) -> list[list[list[Any]]]:
    """The default pack's findings with NLP and without the owner veto."""
    from dataclasses import replace

    from guard import Guard
    from guard.packs.loader import load_pack

    pack = load_pack(["default"])
    rules = tuple(replace(r, veto=None) if r.veto and r.veto.model == "owner-veto.json" else r
                  for r in pack.rules)
    g = Guard(replace(pack, rules=rules), nlp=True)
    return [[[f.rule, f.category, f.severity, f.start, f.end] for f in rep.findings]
            for rep in g.check_many(list(texts))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="a measuring commit's findings on batch files")
    d.add_argument("--guard", type=Path, required=True, help="that commit's worktree")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("files", type=Path, nargs="+")
    st = sub.add_parser("study", help="leave one batch out, rule examples, real posts")
    st.add_argument("--measured", nargs="+", required=True, metavar="K=DUMP",
                    help="batch number = its measuring commit's dump")
    st.add_argument("--c", type=float, default=4.0)
    st.add_argument("--bars", type=float, nargs="+", default=[0.1, 0.2])
    st.add_argument("--show", action="store_true", help="list the alarms taken back")
    st.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "corpora",
                    help="the folder of real_posts.jsonl and real_posts_fr.jsonl")
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.guard, args.out, args.files)
        return 0
    measured = {}
    for spec in args.measured:
        k, _, path = spec.partition("=")
        if not k.isdigit() or not path or not 1 <= int(k) <= 26:
            parser.error(f"--measured {spec!r}: write K=DUMP with K a batch from 1 to 26")
        measured[int(k)] = Path(path)
    sys.path.insert(0, str(ROOT))
    study(measured, args.c, args.bars, args.show, args.real)
    return 0


if __name__ == "__main__":
    sys.exit(main())
