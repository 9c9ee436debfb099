"""A frozen copy of the `events` detector's scoring as it was before its fast path (463efdc):
every draft cut into tokens, the cue lists walked token by token, named features summed.

Only the mechanics are frozen (tokens, cue matching, the sums); what a feature means stays the
live code's (`word_features`, `draft_features`, `cue_features`, `figures`, `fold`), so the
reference follows new cue words, a retrained model or a new feature, and the fast path must
follow it float for float.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from itertools import accumulate, compress, repeat
from operator import getitem, itemgetter

from guard.detect.events.cues import Span, figures, fold
from guard.detect.events.features import draft_features, word_features
from guard.detect.events.secrecy import compiled, secrecy
from guard.detect.events.senses import read
from guard.packs.bundled import bundled_secrecy

# Round seventeen changed what a token is (a currency with its country, "US$" before a digit, is
# one): the reference cuts as the live code does.
_PIECES = r"(?<!\w)(?:us|ca|au|nz|hk|sg|c|a)\$(?=\s?\d)|\w+|[^\s\w]"
_TOKEN = re.compile(_PIECES, re.IGNORECASE)
_SPLIT = re.compile(f"({_PIECES})", re.IGNORECASE)
_DIGITS = str.maketrans("0123456789", "0000000000")
_ASCII_DIGIT = re.compile("[0-9]")
SCALE = 1000


def cue_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, casefolded token) of a folded text."""
    low = text.casefold()
    if len(low) != len(text):
        return [(m.start(), m.end(), m.group().casefold()) for m in _TOKEN.finditer(text)]
    parts = _SPLIT.split(low)
    ends = list(accumulate(map(len, parts)))
    return list(zip(ends[0:-1:2], ends[1::2], parts[1::2], strict=True))


class Walk:
    """The cue lists as a token index, walked over a draft's tokens."""

    def __init__(self, groups: Iterable[tuple[str, Sequence[str]]]) -> None:
        self._order: dict[str, int] = {}
        self._exact: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
        self._prefix: dict[str, list[str]] = {}
        for name, words in groups:
            self._order.setdefault(name, len(self._order))
            for word in words:
                star = word.strip().endswith("*")
                toks = [t for _, _, t in cue_tokens(fold(word.strip().rstrip("*")))]
                if not toks:
                    continue
                if star and len(toks) == 1:
                    self._prefix.setdefault(toks[0], []).append(name)
                    continue
                entry = (tuple(toks[1:]), star, name)
                bucket = self._exact.setdefault(toks[0], [])
                if entry not in bucket:
                    bucket.append(entry)
        self._lengths = sorted({len(p) for p in self._prefix})
        self._short = self._lengths[0] if self._lengths else 0
        self._heads = {p[: self._short] for p in self._prefix}
        self._cut = slice(0, self._short)

    def find(self, folded: str, toks: list[tuple[int, int, str]]) -> list[Span]:
        """Every cue span of the folded draft."""
        found: set[tuple[str, int, int]] = set()
        exact, prefix, heads = self._exact, self._prefix, self._heads
        count = len(toks)
        words = list(map(itemgetter(2), toks))
        for i in compress(range(count), map(exact.__contains__, words)):
            start, end, tok = toks[i]
            for rest, star, name in exact[tok]:
                if not rest:
                    found.add((name, start, end))
                elif i + len(rest) < count and _tail(toks, i + 1, rest, star):
                    found.add((name, start, toks[i + len(rest)][1]))
        heads_at = map(heads.__contains__, map(getitem, words, repeat(self._cut)))
        for i in compress(range(count), heads_at):
            start, end, tok = toks[i]
            for n in self._lengths:
                if n > len(tok):
                    break
                for name in prefix.get(tok[:n], ()):
                    found.add((name, start, end))
        return [
            Span(name, s, e, folded[s:e])
            for name, s, e in sorted(found, key=lambda f: (self._order[f[0]], f[1], -f[2]))
        ]


def _tail(toks: list[tuple[int, int, str]], at: int, rest: tuple[str, ...], star: bool) -> bool:
    for k, want in enumerate(rest):
        got = toks[at + k][2]
        if not (got == want or (star and k == len(rest) - 1 and got.startswith(want))):
            return False
    return True


def scorer_tokens(toks: list[tuple[int, int, str]]) -> list[str]:
    """The tokens less punctuation, ASCII digits written 0."""
    words = [t for _, _, t in toks if len(t) > 1 or unicodedata.category(t)[0] != "P"]
    if words and any(map(_ASCII_DIGIT.search, words)):
        return " ".join(words).translate(_DIGITS).split(" ")
    return words


def logits(scorer, toks: list[str], draft: set[str]) -> list[float]:  # type: ignore[no-untyped-def]
    """Each distinct word's features summed per class, then the per-draft features."""
    get = scorer.index.get
    parts = []
    for t in dict.fromkeys(toks):
        rows = [i for f in word_features(t, scorer.chars) if (i := get(f)) is not None]
        if rows:
            parts.append(tuple(sum(col[i] for i in rows) for col in scorer.columns))
    rows = [i for f in draft if (i := get(f)) is not None]
    if rows:
        parts.append(tuple(sum(col[i] for i in rows) for col in scorer.columns))
    if not parts:
        return list(scorer.bias)
    sums = zip(*parts, strict=True)
    return [b + sum(col) / SCALE for b, col in zip(scorer.bias, sums, strict=True)]


def score(walk: Walk, scorer, text: str):  # type: ignore[no-untyped-def]
    """(class probabilities, cue spans, scorer tokens) of a draft; None without a cue."""
    folded = read(fold(text))  # round twenty-nine b: as the detector reads it
    toks = cue_tokens(folded)
    # round ten: live, as `figures`
    spans = walk.find(folded, toks) + secrecy(folded, compiled(bundled_secrecy()))
    if not spans:
        return None
    spans += figures(folded)
    words = scorer_tokens(toks)
    return scorer.softmax(logits(scorer, words, draft_features(words, spans))), spans, words
