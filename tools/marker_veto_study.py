"""The marker veto out of fold (round twenty-four): leave one batch out on the commits that
measured pii batches 21-26, the rule files' examples in k folds, the real posts.

    pip install -e '.[train]'
    # once per measuring commit (fb360e7: 21, 22; a702363: 23; 2373579: 24; 06968fa: 25, 26),
    # into DUMPS as b21-22.json, b23.json, b24.json, b25-26.json and ex-<commit>.json:
    # tools/marker_veto_dump.py (its docstring says how)
    git show d8734f2:rules/marker-veto.json > /tmp/before.json    # the veto before the round
    python tools/marker_veto_study.py --dumps DUMPS --before /tmp/before.json
    python tools/marker_veto_study.py --dumps DUMPS --before /tmp/before.json --words-only
    python tools/marker_veto_study.py --examples DUMPS/ex-now.json   # today's rule files
    python tools/marker_veto_study.py --real

Batch k: the veto is trained as tools/train_veto.py trains the shipped one, on what was known
when batch k was measured: batches 1 to k-1, val-9 to val-(k-1) (never past val-24), the dev
files, tests/data/labelled.jsonl and the measuring commit's rule examples. Each draft's
findings are the measuring commit's (the dump), with the vetoed rules' findings dropped when
p(leak) < the bar; verdicts are recomputed from the findings left (guard.score). It prints the
hard-negative alarms taken back and the leaks lost per batch and language, against the pack
with no marker veto, for the veto before the round (three rules, its model) and for the new one
on each rule set. `--words-only` trains without the label-talk cues (guard/detect/label_talk.py).

`--examples FILE`: the rule files' marker examples (`marker_veto_dump.py --examples` run on
this worktree) in five folds; each fold's flag examples are scored by a model trained on
batches 1-26, val-9..24, the dev files, labelled.jsonl and the other folds. A flag example of a
vetoed rule below the bar is a rule-file example the veto would lose.

`--real`: the real posts of ../shared/corpora that a marker rule flags with the vetoes off, and
how many of them the shipped model drops.

Batch 27 and later, val-25 and later are never read. The same data gives the same figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import train_veto  # noqa: E402

from guard.detect.events.model import parse  # noqa: E402
from guard.detect.veto import veto_features  # noqa: E402
from guard.score import WEIGHTS, risk_score, verdict  # noqa: E402

HELDOUT = ROOT / "tests" / "data" / "heldout"
DEV = ROOT / "tests" / "data" / "dev"
CATEGORY = train_veto.CATEGORY
read_jsonl = train_veto.read_jsonl
# pii batch -> (its dump, the commit that measured it)
MEASURED = {21: ("b21-22", "fb360e7"), 22: ("b21-22", "fb360e7"), 23: ("b23", "a702363"),
            24: ("b24", "2373579"), 25: ("b25-26", "06968fa"), 26: ("b25-26", "06968fa")}
LAST_VAL = 24  # val-25 is the next round's first look
SHIPPED_SET = "six"
BARS = (0.05, 0.1, 0.2)
RANK = {"allow": 0, "warn": 1, "block": 2}
FOLDS = 5


def known_before(k: int) -> list[dict[str, Any]]:
    """The labelled drafts known when batch k was measured (rule examples aside)."""
    rows = [r for n in range(1, k) for r in read_jsonl(HELDOUT / f"pii-secret-marker-{n}.jsonl")]
    rows += [r for n in range(9, min(k - 1, LAST_VAL) + 1)
             for r in read_jsonl(DEV / f"pii-secret-marker-val-{n}.jsonl")]
    rows += [r for path in train_veto.dev_files() for r in read_jsonl(path)]
    return rows + read_jsonl(ROOT / "tests" / "data" / "labelled.jsonl")


def scorer(rows: Sequence[dict[str, Any]], examples: Sequence[dict[str, Any]],
           words_only: bool) -> Callable[[str], float]:
    """p(leak) of a text under a veto trained on the marker drafts of `rows` and `examples`,
    as the guard reads the shipped one (rounded weights)."""
    def words(text: str) -> Counter[str]:
        return veto_features(text, train_veto.CHARS, cues=False)

    featurise = words if words_only else train_veto.featurise
    mine = [r for r in rows if r["category"] == CATEGORY] + list(examples)
    model = parse(train_veto.fit_texts([r["text"] for r in mine], [bool(r["leak"]) for r in mine],
                                       featurise, train_veto.C), "candidate")
    return lambda text: model.probabilities(featurise(text))["leak"]


def model_file(path: Path) -> Callable[[str], float]:
    """p(leak) of a text under a model file (the veto before the round)."""
    model = parse(json.loads(path.read_text(encoding="utf-8")), path.name)
    return lambda text: model.probabilities(veto_features(text, model.chars, cues=False))["leak"]


class _Finding:
    """What guard.score reads of a finding."""

    kind = "content"

    def __init__(self, row: Sequence[Any]) -> None:
        self.rule, self.category, self.severity, self.confidence = row


def judged(item: dict[str, Any], findings: Sequence[Sequence[Any]], events: bool) -> bool:
    """A leak caught (category found, verdict reaching `expect`) or a hard negative flagged."""
    kept = [_Finding(f) for f in findings if events or not f[0].startswith("event.")]
    said = verdict(risk_score(kept), 40, 70)
    if not item["leak"]:
        return said != "allow"
    cats = {f.category for f in kept if WEIGHTS[f.severity] >= WEIGHTS["low"]}
    return item["category"] in cats and RANK[said] >= RANK[item["expect"]]


def batches(dumps: Path, before: Path, words_only: bool, show: bool) -> list[str]:
    """Alarms taken back and leaks lost, per configuration, batch and language."""
    old = model_file(before)
    tally: Counter[tuple[Any, ...]] = Counter()
    shown: list[str] = []
    configs: list[tuple[str, str, float]] = [("before", "three", 0.1)]
    configs += [("new", s, b) for s in ("three", "five", "six", "all") for b in BARS]
    for k, (dump_name, commit) in MEASURED.items():
        dump = json.loads((dumps / f"{dump_name}.json").read_text(encoding="utf-8"))
        examples = json.loads((dumps / f"ex-{commit}.json").read_text(encoding="utf-8"))
        new = scorer(known_before(k), examples, words_only)
        items = read_jsonl(HELDOUT / f"pii-secret-marker-{k}.jsonl")
        p_new = {i["id"]: new(i["text"]) for i in items}
        p_old = {i["id"]: old(i["text"]) for i in items}
        for events in (False, True):
            plain = {i["id"]: judged(i, dump["none"][i["id"]], events) for i in items}
            for model, rule_set, bar in configs:
                p = p_old if model == "before" else p_new
                forced = dump[f"force:{rule_set}"]
                key = (events, model, rule_set, bar)
                for i in items:
                    found = dump["none"][i["id"]]
                    if i["id"] in forced and p[i["id"]] < bar:
                        found = forced[i["id"]]
                    now = judged(i, found, events)
                    if not i["leak"]:
                        tally[(*key, "negatives", k)] += 1
                        tally[(*key, "flagged", k)] += now
                    if plain[i["id"]] and not now:
                        what = "lost" if i["leak"] else "back"
                        tally[(*key, what, k, i["lang"])] += 1
                        if show and events and (model, rule_set, bar) in (
                                ("before", "three", 0.1), ("new", SHIPPED_SET, 0.1)):
                            shown.append(f"  {k} {model:6} {what:4} p={p[i['id']]:.3f} "
                                         f"{i['text'][:100]}")
    lines = []
    for events in (False, True):
        lines.append("whole pack" if events else "without the event rules (--no-events)")
        for model, rule_set, bar in configs:
            key = (events, model, rule_set, bar)
            cells = []
            for k in MEASURED:
                back = [tally[(*key, "back", k, lang)] for lang in ("en", "fr")]
                lost = [tally[(*key, "lost", k, lang)] for lang in ("en", "fr")]
                rate = tally[(*key, "flagged", k)] / tally[(*key, "negatives", k)]
                cells.append(f"{k}: -{back[0]}/-{back[1]} lost {sum(lost)} ({rate:.1%})")
            back_all = sum(v for t, v in tally.items() if t[:4] == key and t[4] == "back")
            lost_all = sum(v for t, v in tally.items() if t[:4] == key and t[4] == "lost")
            lines.append(f"  {model:6} {rule_set:5} <{bar:<4}: {back_all:2} back, {lost_all} lost"
                         f" | " + " | ".join(cells))
    return lines + shown


def examples_out_of_fold(path: Path, shipped_rules: Sequence[str]) -> list[str]:
    """Flag examples of vetoed rules that a model trained without them scores below a bar."""
    examples = json.loads(path.read_text(encoding="utf-8"))
    rows = known_before(27)
    below: Counter[float] = Counter()
    lines = []
    for fold in range(FOLDS):
        held = [e for n, e in enumerate(examples) if n % FOLDS == fold]
        rest = [e for n, e in enumerate(examples) if n % FOLDS != fold]
        p = scorer(rows, rest, words_only=False)
        for e in held:
            if e["leak"] and e["rule"] in shipped_rules:
                for bar in BARS:
                    if p(e["text"]) < bar:
                        below[bar] += 1
                        lines.append(f"  < {bar}: {e['rule']} {e['text'][:100]}")
    n = sum(1 for e in examples if e["leak"] and e["rule"] in shipped_rules)
    return [f"flag examples of the vetoed rules: {n}; scored below the bar out of fold: "
            + ", ".join(f"{below[b]} at {b}" for b in BARS), *lines]


def real_posts() -> list[str]:
    """Real posts a marker rule flags with the vetoes off, and those the shipped veto drops."""
    from dataclasses import replace

    from guard.detect.veto import vetoed
    from guard.engine import Guard
    from guard.packs.loader import load_pack

    pack = load_pack(["confidentiality"])
    shipped = {r.id: r.veto for r in pack.rules if r.veto is not None}
    rules = tuple(replace(r, veto=None) for r in pack.rules)
    posts = train_veto.real_posts()
    reports = Guard(replace(pack, rules=rules), nlp=False).check_many(posts)
    flagged = [(t, found) for t, rep in zip(posts, reports, strict=True)
               if (found := [f for f in rep.findings if f.kind == "content"])]
    dropped = [t for t, found in flagged
               if all(f.rule in shipped and vetoed(t, shipped[f.rule]) for f in found)]
    return [f"real posts: {len(posts)}; flagged by a marker rule with the vetoes off: "
            f"{len(flagged)}; quiet with the shipped veto: {len(dropped)}"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dumps", type=Path, help="the dumps of tools/marker_veto_dump.py")
    parser.add_argument("--before", type=Path, help="the veto model before the round")
    parser.add_argument("--words-only", action="store_true", help="no label-talk cues")
    parser.add_argument("--show", action="store_true", help="the drafts that change")
    parser.add_argument("--examples", type=Path, help="k folds over these rule examples")
    parser.add_argument("--real", action="store_true", help="the real posts")
    args = parser.parse_args(argv)
    if args.dumps is not None:
        if args.before is None:
            parser.error("--dumps needs --before")
        print("\n".join(batches(args.dumps, args.before, args.words_only, args.show)))
    if args.examples is not None:
        from marker_veto_dump import SETS

        print("\n".join(examples_out_of_fold(args.examples, SETS[SHIPPED_SET])))
    if args.real:
        print("\n".join(real_posts()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
