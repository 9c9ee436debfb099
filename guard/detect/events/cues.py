"""Cue lists -> one compiled matcher each; figures and the cue set of a draft.

A cue word is a literal phrase matched case-insensitively at word edges; a trailing `*` takes
any word ending ("licenci*" finds licenciement, licenciés). Curly apostrophes match straight
ones. Matching runs on the draft as written, so offsets are code-point offsets into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

# Curly quotes and apostrophes read as straight ones; one character for one, so offsets hold.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " "})

# A figure: a number that is not a bare year (a year is a date, and often a past one).
FIGURE = regex.compile(
    r"(?<![\p{L}\p{N}])(?:[$€£¥]\s?)?\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?\s?"
    r"(?:%|k\b|m\b|bn\b|[MBK]\b|millions?|billions?|milliards?|M€|k€|€|\$)?"
)
_YEAR = regex.compile(r"(?:19|20)\d\d")


def fold(text: str) -> str:
    """The draft with curly apostrophes made straight (same length, same offsets)."""
    return text.translate(_FOLD)


def _piece(word: str) -> str:
    word = fold(word.strip())
    star = word.endswith("*")
    body = regex.escape(word.rstrip("*")).replace(r"\ ", r"\s+")
    # Word edges only where the cue itself starts or ends with a word character (not for 🤐).
    head = r"(?<![\p{L}\p{N}_])" if regex.match(r"[\p{L}\p{N}_]", word) else ""
    if star:
        return head + body + r"[\p{L}\p{N}_'-]*"
    tail = r"(?![\p{L}\p{N}_])" if regex.search(r"[\p{L}\p{N}_]$", word) else ""
    return head + body + tail


@lru_cache(maxsize=256)
def compile_words(words: tuple[str, ...]) -> regex.Pattern[str] | None:
    """One alternation for a cue list, longest cue first; None for an empty list."""
    pieces = sorted({_piece(w) for w in words if w.strip()}, key=lambda p: (-len(p), p))
    if not pieces:
        return None
    return regex.compile("|".join(pieces), regex.IGNORECASE | regex.V0)


@dataclass(frozen=True, slots=True)
class Span:
    """A cue found in a draft: which list, which words, where."""

    group: str
    start: int
    end: int
    text: str


class CueSet:
    """Named cue lists, each compiled once: `find` lists every cue span of a draft."""

    def __init__(self, groups: Iterable[tuple[str, Sequence[str]]]) -> None:
        self._groups = [
            (name, pattern)
            for name, words in groups
            if (pattern := compile_words(tuple(words))) is not None
        ]

    def find(self, folded: str) -> list[Span]:
        """Cue spans in a folded draft, in list order then text order."""
        return [
            Span(name, m.start(), m.end(), m.group())
            for name, pattern in self._groups
            for m in pattern.finditer(folded)
        ]


def figures(text: str) -> list[Span]:
    """Numbers that are amounts, counts or percentages (bare years left out)."""
    out = []
    for m in FIGURE.finditer(text):
        raw = m.group().strip()
        if not raw or _YEAR.fullmatch(raw):
            continue
        out.append(Span("figure", m.start(), m.start() + len(raw), raw))
    return out
