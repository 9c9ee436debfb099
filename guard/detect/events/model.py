"""The shipped scorer: a sparse multinomial logistic regression read from a JSON file.

Inference is a dict lookup per feature, pure Python: no numpy, nothing to download. The file
keeps the feature names as one newline-separated string and the weights as one base64 block of
16-bit integers (thousandths), class by class: a JSON document of a few large strings parses in
a millisecond or two, where one list per feature took 40-70 ms on a cold start.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import sys
from array import array
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import pairwise
from operator import itemgetter
from pathlib import Path

from guard.detect.events.features import word_features

FORMAT = "tweet-guard-events/2"
SCALE = 1000  # weights are stored as integer thousandths
# `fast_logits` packs one integer per class into one Python int, _LANE bits per class.
_LANE = 64
_HALF = 1 << (_LANE - 1)
_MASK = (1 << _LANE) - 1


# Indexing every bigram of the model by its two words (≈ 39,000; `_pair_rows`) costs ≈ 24 ms of
# CPU and saves ≈ 1.7 µs on each draft scored after it, against naming each bigram: a cold check
# would pay the index and never earn it back. Drafts are scored by name until the index has been
# paid for (≈ 14,000 drafts), then through it: never more than twice the better choice.
PAIRS_AFTER = 14_000


class ModelError(ValueError):
    """A model file that cannot be read or is not an events model."""


class Scorer:
    """Class probabilities for a draft's features; `classes[0]` is the no-event class.

    A word's features (the word, its first and last letters) are summed once into one vector
    per class and kept, so a word seen before costs one dict lookup.
    """

    def __init__(
        self, classes: tuple[str, ...], bias: tuple[float, ...], index: dict[str, int],
        columns: tuple[array, ...], chars: tuple[int, int] | None, shapes: bool = False,
    ) -> None:
        self.classes = classes
        self.bias = bias
        self.index = index  # feature -> its row
        self.columns = columns  # one array of integer thousandths per class
        self.chars = chars
        self.shapes = shapes  # whether it weighs the draft's shape (events.shape)
        self._words: dict[str, tuple[int, ...] | None] = {}
        self._pairs: dict[tuple[str, str], int] | None = None  # (a, b) -> the row of "b:a b"
        self._named = 0  # drafts whose bigrams were looked up by name (before `_pairs`)
        self._rows: dict[int, int] = {}  # a bigram's row -> its packed vector
        self._cues: dict[frozenset[str], int] = {}  # cue features -> their packed sum
        self._packed_words: dict[str, int] = {}  # word -> its packed vector (0: no weight)

    def _sum(self, rows: list[int]) -> tuple[int, ...]:
        if len(rows) == 1:
            return tuple(col[rows[0]] for col in self.columns)
        pick = itemgetter(*rows)
        return tuple(sum(pick(col)) for col in self.columns)

    def _word(self, token: str) -> tuple[int, ...] | None:
        vec = self._words.get(token, False)
        if vec is False:
            get = self.index.get
            rows = [i for f in word_features(token, self.chars) if (i := get(f)) is not None]
            vec = self._sum(rows) if rows else None
            if len(self._words) > 200_000:  # bounded: a stream of new words cannot grow it
                self._words.clear()
            self._words[token] = vec
        return vec  # type: ignore[return-value]

    def draft_logits(self, toks: Iterable[str], draft: Iterable[str]) -> list[float]:
        """The raw score of each class for a draft's words and per-draft features."""
        parts = [v for t in dict.fromkeys(toks) if (v := self._word(t)) is not None]
        get = self.index.get
        rows = [i for f in draft if (i := get(f)) is not None]
        if rows:
            parts.append(self._sum(rows))
        if not parts:
            return list(self.bias)
        sums = zip(*parts, strict=True)
        return [b + sum(col) / SCALE for b, col in zip(self.bias, sums, strict=True)]

    def fast_logits(self, toks: list[str], cue_feats: Iterable[str]) -> list[float]:
        """`draft_logits(toks, draft_features(toks, cues))`, the same floats, in plain int sums.

        Each class's integer thousandths sit side by side in one Python int (`_LANE` bits
        apart; see `_packed`), so a draft's words, bigrams and cue flags add up with one `sum`
        per kind instead of one per class, and the classes are read back exactly at the end.
        Word pairs are looked up by name for the first PAIRS_AFTER drafts, then as tuples of
        the two words; word vectors come from a cache.
        """
        distinct = set(toks)
        try:
            total = sum(map(self._packed_words.get, distinct))
        except TypeError:  # a word not seen before (None): weigh and cache it
            total = sum(map(self._packed_word, distinct))
        pairs = self._pairs
        if pairs is None and self._named < PAIRS_AFTER:
            # A cold check scores a draft or two: naming its bigrams beats indexing the model's.
            self._named += 1
            get = self.index.get
            found = {get(f"b:{a} {b}") for a, b in pairwise(toks)}
        else:
            if pairs is None:
                pairs = self._pairs = _pair_rows(self.index)
            found = set(map(pairs.get, pairwise(toks)))
        # One row per distinct bigram feature, so distinct rows are distinct bigrams.
        found.discard(None)
        if found:
            rows = self._rows
            try:
                total += sum(map(rows.__getitem__, found))
            except KeyError:  # a bigram not seen before: its packed vector, kept
                rows.update((i, self._packed((i,))) for i in found if i not in rows)
                total += sum(map(rows.__getitem__, found))
        cues = self._cues.get(cue_feats) if isinstance(cue_feats, frozenset) else None
        if cues is None:  # the cue flags of a draft come in few combinations: summed once each
            get = self.index.get
            cues = self._packed([i for f in cue_feats if (i := get(f)) is not None])
            if isinstance(cue_feats, frozenset) and len(self._cues) < 4096:
                self._cues[cue_feats] = cues
        total += cues
        out = []
        for b in self.bias:  # lane by lane from the lowest, each a signed integer
            lane = ((total + _HALF) & _MASK) - _HALF
            out.append(b + lane / SCALE)
            total = (total - lane) >> _LANE
        return out

    def _packed(self, rows: Iterable[int]) -> int:
        # The rows' sum per class, class c shifted c lanes up. Exact: each lane's sum is far
        # below 2**63 (int16 weights, at most a draft's features), and Python ints do not wrap.
        rows = list(rows)
        total = 0
        for c, col in enumerate(self.columns):
            total += sum(map(col.__getitem__, rows)) << (c * _LANE)
        return total

    def _packed_word(self, token: str) -> int:
        vec = self._packed_words.get(token)
        if vec is None:
            get = self.index.get
            vec = self._packed([i for f in word_features(token, self.chars)
                                if (i := get(f)) is not None])
            if len(self._packed_words) > 200_000:  # bounded, as the tuple cache
                self._packed_words.clear()
            self._packed_words[token] = vec
        return vec

    def logits(self, feats: Mapping[str, int] | Iterable[str]) -> list[float]:
        """The raw score of each class for named features (with counts, or each once)."""
        counted = feats if isinstance(feats, Mapping) else dict.fromkeys(feats, 1)
        z = list(self.bias)
        for f, n in counted.items():
            i = self.index.get(f)
            if i is not None:
                for c, col in enumerate(self.columns):
                    z[c] += n * col[i] / SCALE
        return z

    def probabilities(self, feats: Mapping[str, int] | Iterable[str]) -> dict[str, float]:
        """Softmax over the classes, for named features."""
        return self.softmax(self.logits(feats))

    def softmax(self, z: list[float]) -> dict[str, float]:
        """Class probabilities from raw scores."""
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {c: v / total for c, v in zip(self.classes, e, strict=True)}

    @property
    def weights(self) -> dict[str, list[float]]:
        """Every feature's weights, one per class (built on demand, for inspection)."""
        return {f: [col[i] / SCALE for col in self.columns] for f, i in self.index.items()}

    def strongest(self, feats: Iterable[str], cls: str, n: int = 3) -> list[str]:
        """The features that push hardest towards `cls` (for the evidence)."""
        mine, none = self.columns[self.classes.index(cls)], self.columns[0]
        ranked = sorted(
            ((mine[i] - none[i], f) for f in feats if (i := self.index.get(f)) is not None),
            key=lambda p: (-p[0], p[1]),
        )
        return [f for v, f in ranked[:n] if v > 0]


def _pair_rows(index: dict[str, int]) -> dict[tuple[str, str], int]:
    # A draft's bigram is "b:" + two tokens + one space (tokens hold no space): a feature with
    # any other shape can never be one, so it is left out.
    out = {}
    for f, i in index.items():
        if f.startswith("b:") and f.count(" ") == 1:
            a, b = f[2:].split(" ")
            out[a, b] = i
    return out


def encode(classes: list[str], weights: dict[str, list[float]]) -> tuple[str, str]:
    """(features, weights) as the file stores them: sorted names joined by newlines, and the
    weights as base64 of little-endian int16 thousandths, one block per class."""
    names = sorted(weights)
    blob = array("h")
    for c in range(len(classes)):
        blob.extend(round(weights[f][c] * SCALE) for f in names)
    if sys.byteorder == "big":
        blob.byteswap()
    return "\n".join(names), base64.b64encode(blob.tobytes()).decode("ascii")


def dump(doc: Mapping[str, object]) -> bytes:
    """A model document as the file keeps it: sorted keys, the feature names and weights last
    (two long lines), so that the same model is the same bytes (the trainers' determinism)."""
    head = {k: v for k, v in doc.items() if k not in ("features", "weights")}
    lines = [json.dumps(head, sort_keys=True, ensure_ascii=False)[:-1] + ","]
    lines.append(f' "features": {json.dumps(doc["features"], ensure_ascii=False)},')
    lines.append(f' "weights": {json.dumps(doc["weights"])}}}')
    return ("\n".join(lines) + "\n").encode("utf-8")


def parse(data: dict, where: str) -> Scorer:  # type: ignore[type-arg]
    """A Scorer from the JSON document; ModelError when it is not one."""
    try:
        if data.get("format") != FORMAT:
            raise ModelError(f"{where}: not an events model (format is not {FORMAT!r})")
        classes = tuple(data["classes"])
        bias = tuple(float(v) for v in data["bias"])
        names = data["features"].split("\n") if data["features"] else []
        raw = base64.b64decode(data["weights"], validate=True)
        chars = tuple(data["chars"]) if data.get("chars") else None
        shapes = data.get("shapes", False)
        if not isinstance(shapes, bool):
            raise ModelError(f"{where}: malformed events model ('shapes' is not true or false)")
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as exc:
        if isinstance(exc, ModelError):
            raise
        raise ModelError(f"{where}: malformed events model ({exc})") from None
    n = len(classes)
    flat = array("h")
    if len(raw) != 2 * n * len(names) or len(bias) != n:
        raise ModelError(f"{where}: every feature needs one weight per class")
    flat.frombytes(raw)
    if sys.byteorder == "big":
        flat.byteswap()
    k = len(names)
    columns = tuple(flat[c * k : (c + 1) * k] for c in range(n))
    return Scorer(classes, bias, dict(zip(names, range(k), strict=True)), columns, chars,  # type: ignore[arg-type]
                  shapes)


@lru_cache(maxsize=8)
def load(path: str, digest: str) -> Scorer:
    """The scorer in `path` (cached by path and content digest)."""
    try:
        data = json.loads(Path(path).read_bytes())
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read the events model: {exc}") from None
    return parse(data, path)
