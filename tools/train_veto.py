"""Rebuild rules/marker-veto.json, the scorer that tells label talk from a carried label.

    pip install -e '.[train]'
    python tools/train_veto.py              # writes rules/marker-veto.json
    python tools/pii_compare.py             # leave one batch out, with and without the veto

The veto of `marker.confidential`, `marker.confidential-word` and `marker.do-not-share`
(`veto:` in rules/confidentiality.yaml) drops their finding when this scorer gives the draft a
probability of a leak below the rule's `below`. It is trained on every labelled
`confidentiality-marker` draft the repo keeps, leaks against hard negatives: the held-out
batches 1-7 (tests/data/heldout/pii-secret-marker-1..7.jsonl, development data since they were
measured), the dev files tests/data/dev/pii-secret-marker-dev-*.jsonl and
tests/data/labelled.jsonl. Batch 8 and later are never read here. Features are the events
detector's word features (guard/detect/events/features.py: each word, its first and last 3-5
letters, word bigrams; no cue lists), so the guard computes them as training did. The same data
gives the same bytes: features and classes are sorted, the solver is deterministic, weights
are rounded.
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

from guard.detect.events.cues import cue_tokens, fold  # noqa: E402
from guard.detect.events.features import features, tokens  # noqa: E402
from guard.detect.events.model import FORMAT, dump, encode  # noqa: E402

OUT = ROOT / "rules" / "marker-veto.json"
HELDOUT = ROOT / "tests" / "data" / "heldout"
DEV = ROOT / "tests" / "data" / "dev"
BATCHES = (1, 2, 3, 4, 5, 6, 7)  # development data; batch 8 and later stay unseen
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
    return rows + read_jsonl(ROOT / "tests" / "data" / "labelled.jsonl")


def featurise(text: str) -> Counter[str]:
    """The features the guard computes for this draft (guard/detect/veto.py)."""
    return features(tokens(cue_tokens(fold(text))), (), CHARS)


def fit(rows: Sequence[dict[str, Any]], c: float = C) -> dict[str, Any]:
    """A logistic regression, leak against hard negative, over the marker drafts of `rows`,
    as the JSON document the guard reads."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    mine = [r for r in rows if r["category"] == CATEGORY]
    feats = [featurise(r["text"]) for r in mine]
    counts = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    indptr, indices, values = [0], [], []
    for fs in feats:
        known = sorted((index[f], n) for f, n in fs.items() if f in index)
        indices += [i for i, _ in known]
        values += [n for _, n in known]
        indptr.append(len(indices))
    x = csr_matrix((np.array(values, dtype=float), indices, indptr), shape=(len(mine), len(vocab)))
    y = np.array([int(bool(r["leak"])) for r in mine])
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
            "trained_on": dict(sorted(Counter("leak" if r["leak"] else "none"
                                              for r in mine).items()))}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the model")
    args = parser.parse_args(argv)
    blob = dump(fit(all_rows()))
    args.out.write_bytes(blob)
    print(f"wrote {args.out} ({len(blob):,} bytes, sha256:{hashlib.sha256(blob).hexdigest()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
