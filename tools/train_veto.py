"""Rebuild the veto models: rules/marker-veto.json and rules/special-veto.json.

    pip install -e '.[train]'
    python tools/train_veto.py              # writes both models
    python tools/train_veto.py --only special --out /tmp/s.json   # one model, elsewhere
    python tools/pii_compare.py             # leave one batch out, with and without the veto
    python tools/special_compare.py         # the special-category scorer against the rules

`marker-veto.json`, the scorer that tells label talk from a carried label: the veto of
`marker.confidential`, `marker.confidential-word`, `marker.do-not-share`, `marker.quoted-from`,
`marker.document-status` and `marker.classification` (`veto:` in rules/confidentiality.yaml)
drops their finding when this scorer gives the draft a probability of a leak below the rule's
`below`. Since round twenty-four it is trained on every labelled `confidentiality-marker` draft
of pii batches 1-26 (tests/data/heldout/pii-secret-marker-1..26.jsonl, development data since
they were measured), val-9..24, the dev files tests/data/dev/pii-secret-marker-dev-*.jsonl,
tests/data/labelled.jsonl and the marker rules' own examples (each flag example a leak, each
pass example a hard negative unless another marker rule flags it). Features are the events
detector's word features (guard/detect/events/features.py: each word, its first and last 3-5
letters, word bigrams) and the label-talk cues (guard/detect/label_talk.py: a label named as a
thing, advice, a label of the past, a label then what the document says, told anyway, a label
heading the draft), so the guard computes them as training did. tools/marker_veto_study.py
measures it out of fold on the commits that measured batches 21-26.

`special-veto.json` (round eleven) decides `pii.special-category-scored`: whose health, HR or
pay detail a draft gives. Leaks are the `pii` drafts of kind health, hr and pay of batches 1-18,
the dev files and val-9..19 (round eighteen added batch 18 and val-19); negatives are
those kinds' hard negatives, every other hard negative and every real post of ../shared/corpora
in which the rule's terms find a candidate (what the scorer will be asked about). Its features
add the draft's cues (`guard.detect.veto.draft_cues`: a name inside a sentence).

The same data gives the same bytes: features and classes are sorted, the solver is
deterministic, weights are rounded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guard.detect.events.model import FORMAT, dump, encode  # noqa: E402
from guard.detect.veto import veto_features  # noqa: E402

OUT = ROOT / "rules" / "marker-veto.json"
SPECIAL_OUT = ROOT / "rules" / "special-veto.json"
SPECIAL_RULE = "pii.special-category-scored"
SPECIAL_KINDS = ("health", "hr", "pay")
SPECIAL_BATCHES = tuple(range(1, 25))  # batches 1-24; 25 and later stay unseen
# dev/pii-secret-marker-val-N.jsonl (round 20 added val-21 after its first look; round twenty-two
# added val-22 and val-23, round twenty-three val-24)
SPECIAL_VAL = (9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24)
SPECIAL_C = 4.0  # tools/special_compare.py: C 1 -> 4 caught more at the same alarms
CORPORA = ROOT.parent / "shared" / "corpora"
REAL = (CORPORA / "real_posts.jsonl", CORPORA / "real_posts_fr.jsonl")
HELDOUT = ROOT / "tests" / "data" / "heldout"
DEV = ROOT / "tests" / "data" / "dev"
BATCHES = tuple(range(1, 27))  # batches 1-26 (round twenty-four); 27 and later stay unseen
# dev/pii-secret-marker-val-N.jsonl for the marker veto: val-25 is the next round's first look
MARKER_VAL = tuple(range(9, 25))
CATEGORY = "confidentiality-marker"
CLASSES = ("none", "leak")
C = 4.0  # inverse regularisation (tools/pii_compare.py, round five)
CHARS = (3, 5)
MIN_COUNT = 1  # every feature: with 2, two French labels of batches 4-5 fell under the bar
DIGITS = 3


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """One JSON object per non-empty line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def batch(n: int) -> list[dict[str, Any]]:
    """Held-out batch `n`, one of the development batches."""
    assert n in BATCHES, n
    return read_jsonl(HELDOUT / f"pii-secret-marker-{n}.jsonl")


def dev_files() -> list[Path]:
    """The development files, by number."""
    return sorted(DEV.glob("pii-secret-marker-dev-*.jsonl"),
                  key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def all_rows() -> list[dict[str, Any]]:
    """Every labelled draft the shipped model trains on (all categories; `fit` picks)."""
    rows = [r for n in BATCHES for r in batch(n)]
    rows += [r for path in dev_files() for r in read_jsonl(path)]
    rows += [r for n in MARKER_VAL for r in read_jsonl(DEV / f"pii-secret-marker-val-{n}.jsonl")]
    rows += read_jsonl(ROOT / "tests" / "data" / "labelled.jsonl")
    return rows + rule_examples()


def rule_examples(pack_names: Sequence[str] = ("confidentiality",)) -> list[dict[str, Any]]:
    """The marker rules' own examples as labelled drafts: each flag example a leak, each pass
    example a hard negative unless a marker rule flags it with the vetoes off (a pass example
    of one rule may be another rule's leak). First seen first, each text once."""
    from dataclasses import replace

    from guard.engine import Guard
    from guard.packs.loader import load_pack

    pack = load_pack(list(pack_names))
    rules = tuple(replace(r, veto=None) for r in pack.rules if r.category == CATEGORY)
    flag = list(dict.fromkeys(t for r in rules for t in r.examples.flag))
    leaks = set(flag)
    passes = [t for t in dict.fromkeys(t for r in rules for t in r.examples.passes)
              if t not in leaks]
    reports = Guard(replace(pack, rules=rules), nlp=False).check_many(passes)
    quiet = [t for t, rep in zip(passes, reports, strict=True)
             if not any(f.kind == "content" for f in rep.findings)]
    return ([{"text": t, "leak": True, "category": CATEGORY} for t in flag]
            + [{"text": t, "leak": False, "category": CATEGORY} for t in quiet])


def featurise(text: str) -> Counter[str]:
    """The features the guard computes for this draft under the marker veto
    (guard/detect/veto.py): words and the label-talk cues."""
    return veto_features(text, CHARS, cues=False, label_talk=True)


def special_featurise(text: str) -> Counter[str]:
    """The features the guard computes under the special-category scorer (with cues)."""
    return veto_features(text, CHARS, cues=True)


def fit(rows: Sequence[dict[str, Any]], c: float = C) -> dict[str, Any]:
    """A logistic regression, leak against hard negative, over the marker drafts of `rows`,
    as the JSON document the guard reads."""
    mine = [r for r in rows if r["category"] == CATEGORY]
    return fit_texts([r["text"] for r in mine], [bool(r["leak"]) for r in mine], featurise, c)


def fit_texts(
    texts: Sequence[str], leaks: Sequence[bool], featurise: Any, c: float
) -> dict[str, Any]:
    """A logistic regression, leak against not, over `texts` with their labels, as the JSON
    document the guard reads (both veto models are trained here)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    feats = [featurise(t) for t in texts]
    counts = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    indptr, indices, values = [0], [], []
    for fs in feats:
        known = sorted((index[f], n) for f, n in fs.items() if f in index)
        indices += [i for i, _ in known]
        values += [n for _, n in known]
        indptr.append(len(indices))
    x = csr_matrix((np.array(values, dtype=float), indices, indptr), shape=(len(texts), len(vocab)))
    y = np.array([int(leak) for leak in leaks])
    model = LogisticRegression(C=c, max_iter=3000, tol=1e-6)
    model.fit(x, y)
    # Two classes: the leak class gets +w/2, none -w/2 (softmax of the two is the sigmoid of w).
    half = model.coef_[0] / 2
    weights = {}
    for j, f in enumerate(vocab):
        w = round(float(half[j]), DIGITS)
        if abs(w) >= 10**-DIGITS:
            weights[f] = [-w, w]
    b = round(float(model.intercept_[0]) / 2, DIGITS)
    names, blob = encode(list(CLASSES), weights)
    return {"format": FORMAT, "classes": list(CLASSES), "bias": [-b, b], "chars": list(CHARS),
            "features": names, "weights": blob,
            "trained_on": dict(sorted(Counter("leak" if leak else "none"
                                              for leak in leaks).items()))}


def special_files() -> list[Path]:
    """The labelled files the special-category scorer learns from, in order."""
    files = [HELDOUT / f"pii-secret-marker-{n}.jsonl" for n in SPECIAL_BATCHES]
    files += dev_files() + [DEV / f"pii-secret-marker-val-{n}.jsonl" for n in SPECIAL_VAL]
    return [*files, ROOT / "tests" / "data" / "labelled.jsonl"]


def real_posts() -> list[str]:
    """The real public posts of ../shared/corpora (negatives: nobody's special-category data)."""
    return [r["text"] for path in REAL for r in read_jsonl(path)]


def candidates(texts: Sequence[str]) -> list[bool]:
    """Whether the terms of `pii.special-category-scored` find a candidate in each text (the
    rule as the pack loads it, its veto left out)."""
    from dataclasses import replace

    from guard.engine import Guard
    from guard.packs.loader import load_pack

    pack = load_pack(["pii"])
    rule = next(r for r in pack.rules if r.id == SPECIAL_RULE)
    guard = Guard(replace(pack, rules=(replace(rule, veto=None),)), nlp=False)
    return [bool(rep.findings) for rep in guard.check_many(list(texts))]


def special_examples(
    rows: Sequence[dict[str, Any]], posts: Sequence[str], found: Any = candidates
) -> tuple[list[str], list[bool]]:
    """(texts, leak labels) for the special-category scorer: the family's drafts, and every
    other hard negative and real post that holds a candidate (`found`: `candidates`, or a
    cached stand-in)."""
    def special(r: dict[str, Any]) -> bool:
        return r["category"] == "pii" and r.get("kind") in SPECIAL_KINDS

    mine = [(r["text"], bool(r["leak"])) for r in rows if special(r)]
    others = [r["text"] for r in rows if not special(r) and not r["leak"]] + list(posts)
    hits = found(others)
    texts = [t for t, _ in mine] + [t for t, hit in zip(others, hits, strict=True) if hit]
    return texts, [leak for _, leak in mine] + [False] * (len(texts) - len(mine))


def fit_special(rows: Sequence[dict[str, Any]], posts: Sequence[str],
                c: float = SPECIAL_C, found: Any = candidates) -> dict[str, Any]:
    """The special-category scorer trained on `rows` and `posts`, as the guard reads it."""
    texts, leaks = special_examples(rows, posts, found)
    return fit_texts(texts, leaks, special_featurise, c)


def build(name: str) -> bytes:
    """The bytes of the shipped model `name` (marker or special)."""
    if name == "marker":
        return dump(fit(all_rows()))
    rows = [r for path in special_files() for r in read_jsonl(path)]
    return dump(fit_special(rows, real_posts()))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("marker", "special"), help="build one model")
    parser.add_argument("--out", type=Path, help="where to write it (with --only)")
    args = parser.parse_args(argv)
    if args.out is not None and args.only is None:
        parser.error("--out needs --only marker or --only special")
    outs = {"marker": OUT, "special": SPECIAL_OUT}
    for name in ([args.only] if args.only else list(outs)):
        out = args.out or outs[name]
        blob = build(name)
        out.write_bytes(blob)
        print(f"wrote {out} ({len(blob):,} bytes, sha256:{hashlib.sha256(blob).hexdigest()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
