"""Token windows around a finding: `context` hotwords, `exclude` words, `near` partners.

Windows count word tokens, not characters, so "within 8 tokens" means the same thing in a
terse post and in one full of long words. The tokenizer is a plain word regex: it needs no
model, so windows work with `--no-nlp` too.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from guard.detect.patterns import compile_pattern

_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*|[$€£¥%]")


@dataclass(frozen=True, slots=True)
class Tokens:
    """The word tokens of a draft with their character offsets."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]  # casefolded

    @classmethod
    def of(cls, text: str) -> Tokens:
        """Tokenise a draft once; every window query reuses it."""
        spans = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        return cls(
            tuple(s for s, _, _ in spans),
            tuple(e for _, e, _ in spans),
            tuple(w for _, _, w in spans),
        )

    def index_range(self, start: int, end: int) -> tuple[int, int]:
        """The first and one-past-last token indices that a character span touches."""
        first = bisect.bisect_right(self.ends, start)
        last = bisect.bisect_left(self.starts, end)
        return first, max(first, last)

    def around(self, start: int, end: int, window: int) -> tuple[int, int]:
        """Token index range of the span widened by `window` tokens on each side."""
        first, last = self.index_range(start, end)
        return max(0, first - window), min(len(self.words), last + window)

    def char_span(self, first: int, last: int, default: tuple[int, int]) -> tuple[int, int]:
        """Character span covered by tokens first..last-1."""
        if first >= last:
            return default
        return self.starts[first], self.ends[last - 1]


@lru_cache(maxsize=8192)
def _phrase_words(phrase: str) -> tuple[str, ...]:
    # A rule's context and exclude words are fixed: tokenise each once, not once per hit.
    return tuple(p.casefold() for p in _WORD.findall(phrase))


def words_in_window(
    tokens: Tokens, start: int, end: int, words: Sequence[str], window: int
) -> list[str]:
    """Which of `words` (each one or more words) occur within `window` tokens of the span."""
    lo, hi = tokens.around(start, end, window)
    inner_lo, inner_hi = tokens.index_range(start, end)
    region = tokens.words[lo:hi]
    found = []
    for phrase in words:
        parts = _phrase_words(phrase)
        if not parts:
            continue
        for i in range(len(region) - len(parts) + 1):
            # The finding's own tokens are not its context ("launch" is not context for itself).
            if lo + i >= inner_lo and lo + i + len(parts) <= inner_hi:
                continue
            if region[i : i + len(parts)] == parts:
                found.append(phrase)
                break
    return found


def patterns_in_window(
    text: str, tokens: Tokens, start: int, end: int, patterns: Sequence[str], window: int
) -> list[str]:
    """Which of `patterns` match within `window` tokens of the span."""
    lo, hi = tokens.around(start, end, window)
    span_start, span_end = tokens.char_span(lo, hi, (start, end))
    span_start, span_end = min(span_start, start), max(span_end, end)
    return [p for p in patterns if compile_pattern(p).search(text, span_start, span_end)]


def token_distance(tokens: Tokens, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Tokens strictly between two spans (0 when they touch or overlap)."""
    a_first, a_last = tokens.index_range(*a)
    b_first, b_last = tokens.index_range(*b)
    if a_last <= b_first:
        return b_first - a_last
    if b_last <= a_first:
        return a_first - b_last
    return 0
