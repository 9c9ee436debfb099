"""The shipped scorer: a sparse multinomial logistic regression read from a JSON file.

Inference is a dict lookup per feature, pure Python: no numpy, nothing to download.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FORMAT = "tweet-guard-events/1"


class ModelError(ValueError):
    """A model file that cannot be read or is not an events model."""


@dataclass(frozen=True)
class Scorer:
    """Class probabilities for a feature set; `classes[0]` is the no-event class."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, list[float]]
    chars: tuple[int, int] | None

    def logits(self, feats: Iterable[str]) -> list[float]:
        """The raw score of each class."""
        get = self.weights.get
        rows = [w for f in feats if (w := get(f)) is not None]
        if not rows:
            return list(self.bias)
        # zip(*rows) turns the rows into one column per class, summed at C speed.
        return [b + sum(col) for b, col in zip(self.bias, zip(*rows, strict=True), strict=True)]

    def probabilities(self, feats: Iterable[str]) -> dict[str, float]:
        """Softmax over the classes."""
        z = self.logits(feats)
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {c: v / total for c, v in zip(self.classes, e, strict=True)}

    def strongest(self, feats: Iterable[str], cls: str, n: int = 3) -> list[str]:
        """The features that push hardest towards `cls` (for the evidence)."""
        i = self.classes.index(cls)
        ranked = sorted(
            ((w[i] - w[0], f) for f in feats if (w := self.weights.get(f)) is not None),
            key=lambda p: (-p[0], p[1]),
        )
        return [f for v, f in ranked[:n] if v > 0]


def parse(data: dict, where: str) -> Scorer:  # type: ignore[type-arg]
    """A Scorer from the JSON document; ModelError when it is not one."""
    try:
        if data.get("format") != FORMAT:
            raise ModelError(f"{where}: not an events model (format is not {FORMAT!r})")
        classes = tuple(data["classes"])
        bias = tuple(float(v) for v in data["bias"])
        # The parsed lists are used as they are: converting 30,000 of them costs a cold start.
        weights = data["weights"]
        if not isinstance(weights, dict):
            raise TypeError("weights is not a mapping")
        chars = tuple(data["chars"]) if data.get("chars") else None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        if isinstance(exc, ModelError):
            raise
        raise ModelError(f"{where}: malformed events model ({exc})") from None
    n = len(classes)
    if len(bias) != n or any(not isinstance(w, list) or len(w) != n for w in weights.values()):
        raise ModelError(f"{where}: every weight needs one value per class")
    return Scorer(classes, bias, weights, chars)  # type: ignore[arg-type]


@lru_cache(maxsize=8)
def load(path: str, digest: str) -> Scorer:
    """The scorer in `path` (cached by path and content digest)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read the events model: {exc}") from None
    return parse(data, path)
