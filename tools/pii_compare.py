"""Leave one batch out: the pack's rules against a small learned scorer for the two fuzzy families.

    pip install -e '.[train]'
    python tools/pii_compare.py              # batches 1-7, per family and language
    python tools/pii_compare.py --show 0.1   # and the drafts the veto changes at 0.1
    python tools/pii_compare.py --rules /tmp/base/rules/default.yaml   # on round four's rules

The fuzzy families are a colleague's special-category data (`pii` drafts of kind health, hr,
pay; rules `pii.special-category*`) and confidentiality markers carried or talked about
(`confidentiality-marker` drafts; rules `marker.*`). For each batch n of
`tests/data/heldout/pii-secret-marker-1..7.jsonl`, a logistic regression over the events
detector's word features (`guard/detect/events/features.py`: each word, its first and last 3-5
letters, word bigrams; no cue lists) is trained on every other batch, the development files
`tests/data/dev/pii-secret-marker-dev-*.jsonl` and `tests/data/labelled.jsonl`, one model per
family, and measured on batch n three ways:

- `rules`: the pack as shipped (model-free, no `event.*` rules). Its rules were tuned on every
  batch, so this column flatters them; batch 5's first run is the honest figure for them.
- `scorer`: the scorer alone (a leak when p(leak) >= the threshold).
- `veto`: the rules, less the findings of the vetoed rules (by default the six marker rules that
  carry `veto:` in rules/confidentiality.yaml) on drafts the scorer gives p(leak) < the threshold
  (the draft's verdict kept when another finding remains, allow when none does).

The marker scorer is trained exactly as tools/train_veto.py trains the shipped one; the
special-category scorer is a plain logistic regression (measured, not shipped). For batch n,
the dev files count only when written before batch n was read (dev-k for batch k and later),
so drafts written after reading a batch's misses do not flatter it. `--rules` measures an older
pack (the rules of `main` before round five: `git archive main rules | tar -x -C /tmp/base`);
`--on FILE` trains on everything else and measures on FILE.

Batch 8 and later are never read here. The same data gives the same figures (sorted features,
a deterministic solver).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

import train_veto  # noqa: E402
from default_pack_rates import categories, read_jsonl, rules_verdict  # noqa: E402
from heldout_rates import RANK, guard_for  # noqa: E402

from guard.detect.events.cues import cue_tokens, fold  # noqa: E402
from guard.detect.events.features import features, tokens  # noqa: E402
from guard.detect.events.model import parse  # noqa: E402

HELDOUT = ROOT / "tests" / "data" / "heldout"
DEV = ROOT / "tests" / "data" / "dev"
BATCHES = (1, 2, 3, 4, 5, 6, 7)  # batch 8 and later stay unseen
FAMILIES = {
    "special": ("pii", ("health", "hr", "pay"), "pii.special-category"),
    "marker": ("confidentiality-marker", None, "marker."),
}
C = 4.0
CHARS = (3, 5)
# The rules that carry a veto in rules/confidentiality.yaml (empty: every rule of the family).
SHIPPED = ("marker.confidential", "marker.confidential-word", "marker.do-not-share",
           "marker.quoted-from", "marker.document-status", "marker.classification")
VETOED: tuple[str, ...] = SHIPPED


def may_veto(rule: str, family_name: str) -> bool:
    """True when the veto of this family may drop this rule's findings."""
    if VETOED:
        return rule in VETOED and rule.startswith(FAMILIES[family_name][2])
    return rule.startswith(FAMILIES[family_name][2])


def family(row: dict[str, Any]) -> str | None:
    """The fuzzy family a labelled draft belongs to, if any."""
    for name, (cat, kinds, _) in FAMILIES.items():
        if row["category"] == cat and (kinds is None or row.get("kind") in kinds):
            return name
    return None


def featurise(text: str) -> dict[str, float]:
    """The events detector's word features of a draft, without cue lists."""
    folded = fold(text)
    return dict(features(tokens(cue_tokens(folded)), (), CHARS))


def fit(rows: Sequence[dict[str, Any]], name: str) -> Any:
    """p(leak) of a text by a model trained on these rows: for markers, the shipped veto's
    training (tools/train_veto.py) and the guard's scorer; for special-category data, a plain
    logistic regression (not shipped)."""
    if name == "marker":
        scorer = parse(train_veto.fit(rows), "candidate")
        return lambda text: scorer.probabilities(train_veto.featurise(text))["leak"]
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(DictVectorizer(sort=True),
                          LogisticRegression(C=C, max_iter=3000, tol=1e-6))
    model.fit([featurise(r["text"]) for r in rows], [int(r["leak"]) for r in rows])
    return lambda text: model.predict_proba([featurise(text)])[0][1]


def extra_rows(batch: int) -> list[dict[str, Any]]:
    """Labelled drafts that are no held-out batch: tests/data/labelled.jsonl and the dev files
    written before `batch` was read (dev-k for batch k and later: dev-5 was written after
    reading batch 5's misses, so it would flatter every batch)."""
    rows = read_jsonl(ROOT / "tests" / "data" / "labelled.jsonl")
    for path in sorted(DEV.glob("pii-secret-marker-dev-*.jsonl")):
        if int(path.stem.rsplit("-", 1)[1]) <= batch:
            rows += read_jsonl(path)
    return rows


def measure(threshold: float, show: float | None, rules: str = "default") -> list[str]:
    """One line per family, language and method; the hard negatives of all families."""
    guard = guard_for([rules], no_events=True, nlp=False)
    batches = {n: read_jsonl(HELDOUT / f"pii-secret-marker-{n}.jsonl") for n in BATCHES}
    cells: dict[tuple[str, str, str], list[bool]] = {}
    negatives: dict[str, list[bool]] = {"rules": [], "veto": []}
    changed: list[str] = []
    for n, rows in batches.items():
        train = [r for m, b in batches.items() if m != n for r in b] + extra_rows(n)
        models = {f: fit([r for r in train if family(r) == f], f) for f in FAMILIES}
        reports = guard.check_many([r["text"] for r in rows])
        for row, report in zip(rows, reports, strict=True):
            fam = family(row)
            probs = {f: m(row["text"]) for f, m in models.items()}
            verdict, cats = rules_verdict(report), categories(report)
            kept = [f for f in report.findings if f.category != "length" and not any(
                may_veto(f.rule, g) and probs[g] < threshold for g in FAMILIES)]
            vetoed = verdict if kept else "allow"
            kept_cats = {f.category for f in kept}
            if row["leak"]:
                want = RANK[row["expect"]]
                ok_rules = row["category"] in cats and RANK[verdict] >= want
                ok_veto = row["category"] in kept_cats and RANK[vetoed] >= want
                if fam:
                    key = (fam, row["lang"])
                    cells.setdefault((*key, "rules"), []).append(ok_rules)
                    cells.setdefault((*key, "veto"), []).append(ok_veto)
                    cells.setdefault((*key, "scorer"), []).append(probs[fam] >= threshold)
                if show is not None and ok_rules != ok_veto:
                    changed.append(f"lost    b{n} {probs}: {row['text']}")
            else:
                negatives["rules"].append(verdict != "allow")
                negatives["veto"].append(vetoed != "allow")
                if show is not None and (verdict != "allow") != (vetoed != "allow"):
                    changed.append(f"quieted b{n} {probs}: {row['text']}")
                if fam:
                    cells.setdefault((fam, row["lang"], "scorer-neg"), []).append(
                        probs[fam] >= threshold)
    lines = [f"threshold {threshold:g}; recall per family and language (leave one batch out)"]
    for (fam, lang, method), hits in sorted(cells.items()):
        label = "flagged" if method == "scorer-neg" else "recall"
        lines.append(f"{fam:<8} {lang} {method:<11} {label} {sum(hits):>3}/{len(hits):<3} "
                     f"{sum(hits) / len(hits):6.1%}")
    for method, flags in negatives.items():
        lines.append(f"hard negatives, all families, {method:<6} {sum(flags):>3}/{len(flags)} "
                     f"{sum(flags) / len(flags):6.1%}")
    return lines + changed


def measure_file(path: Path, threshold: float, rules: str = "default") -> list[str]:
    """Train on batches 1-6, labelled.jsonl and every dev file but `path`; measure on `path`:
    the rules, the rules with the veto, what the veto changes."""
    guard = guard_for([rules], no_events=True, nlp=False)
    train = [r for n in BATCHES for r in read_jsonl(HELDOUT / f"pii-secret-marker-{n}.jsonl")]
    train += read_jsonl(ROOT / "tests" / "data" / "labelled.jsonl")
    train += [r for p in sorted(DEV.glob("pii-secret-marker-dev-*.jsonl"))
              if p.resolve() != path.resolve() for r in read_jsonl(p)]
    models = {f: fit([r for r in train if family(r) == f], f) for f in FAMILIES}
    rows = read_jsonl(path)
    lines, counts = [], {"rules": [0, 0, 0, 0], "veto": [0, 0, 0, 0]}  # caught, leaks, alarms, negs
    for row, report in zip(rows, guard.check_many([r["text"] for r in rows]), strict=True):
        probs = {f: m(row["text"]) for f, m in models.items()}
        verdict, cats = rules_verdict(report), categories(report)
        kept = [f for f in report.findings if f.category != "length" and not any(
            may_veto(f.rule, g) and probs[g] < threshold for g in FAMILIES)]
        outcomes = {"rules": (verdict, cats),
                    "veto": (verdict if kept else "allow", {f.category for f in kept})}
        for method, (v, c) in outcomes.items():
            tally = counts[method]
            if row["leak"]:
                tally[0] += row["category"] in c and RANK[v] >= RANK[row["expect"]]
                tally[1] += 1
            else:
                tally[2] += v != "allow"
                tally[3] += 1
        if outcomes["rules"][0] != outcomes["veto"][0]:
            lines.append(f"changed {row['id']} {outcomes['rules'][0]} -> {outcomes['veto'][0]} "
                         f"{ {k: round(float(v), 2) for k, v in probs.items()} }: {row['text']}")
    head = [f"{m}: leaks caught {c[0]}/{c[1]}, hard negatives flagged {c[2]}/{c[3]}"
            for m, c in counts.items()]
    return head + lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.1,
                        help="p(leak) a finding needs (the shipped `below`: 0.1)")
    parser.add_argument("--show", type=float, help="list the drafts the veto changes")
    parser.add_argument("--rules", default="default",
                        help="the pack (default: the bundled one; e.g. an older default.yaml)")
    parser.add_argument("--veto-rules", help="comma-separated rule ids the veto may drop, or "
                        "'all' (default: the three marker rules that carry one)")
    parser.add_argument("--on", type=Path, help="train on everything else, measure on this file")
    args = parser.parse_args(argv)
    global VETOED
    if args.veto_rules:
        VETOED = () if args.veto_rules == "all" else tuple(args.veto_rules.split(","))
    threshold = args.show if args.show is not None else args.threshold
    if args.on is not None:
        print("\n".join(measure_file(args.on, threshold, args.rules)))
        return 0
    print("\n".join(measure(threshold, args.show, args.rules)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
