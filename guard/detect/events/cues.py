"""Cue lists -> one compiled matcher each; figures and the cue set of a draft.

A cue word is a literal phrase matched case-insensitively, token by token; a trailing `*` takes
any word ending ("licenci*" finds licenciement, licenciés). Curly apostrophes match straight
ones. Matching runs on the draft as written, so offsets are code-point offsets into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, compress, repeat
from operator import getitem, itemgetter

from guard.detect.events.cuegate import (  # the tokenizer, read here too by the detector
    FOLD,
    PIECES,
    TOKEN,
    CueGate,
    token_list,  # noqa: F401
)
from guard.record import record

# The standard library's `re` (its Unicode \w is letters, numbers and _), not `regex`: these
# compile in a millisecond at import, on the cold path of every check.
# A figure: a number that is not a bare year (a year is a date, and often a past one).
FIGURE = re.compile(
    r"(?<![^\W_])(?:[$€£¥]\s?)?\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?\s?"
    r"(?:%|k\b|m\b|bn\b|[MBK]\b|millions?|billions?|milliards?|M€|k€|€|\$)?"
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")


_CURLY = re.compile("[\u2019\u2018\u02bc\u00a0]")


def fold(text: str) -> str:
    """The draft with curly apostrophes made straight (same length, same offsets)."""
    return text.translate(FOLD) if _CURLY.search(text) else text


# The cue tokenizer (`TOKEN`, `token_list`) lives in `cuegate`: the events gate cuts drafts with it
# before this module is loaded; the split keeps the gaps too.
_SPLIT = re.compile(f"({PIECES})", re.IGNORECASE)
_PLAIN_SPLIT = re.compile(r"(\w+|[^\s\w])")


def _split(low: str) -> list[str]:
    """The split by `_SPLIT`: tokens and the gaps between them, alternately."""
    return (_SPLIT if "$" in low else _PLAIN_SPLIT).split(low)


def line(words: list[str]) -> str:
    """Tokens written one space apart, with a space before and after (tokens hold none)."""
    return " " + " ".join(words) + " "


def cue_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, casefolded token) of a folded text, offsets into it."""
    low = text.casefold()
    if len(low) != len(text):  # a character grew when casefolded (ß -> ss): one by one
        return [(m.start(), m.end(), m.group().casefold()) for m in TOKEN.finditer(text)]
    # No character grew, so each stays at its offset and the text is casefolded once. Split
    # keeps the tokens and the gaps between them, alternately; their running lengths are the
    # offsets (all at C speed: no match object per token).
    parts = _split(low)
    ends = list(accumulate(map(len, parts)))
    return list(zip(ends[0:-1:2], ends[1::2], parts[1::2], strict=True))


Groups = tuple[tuple[str, tuple[str, ...]], ...]  # named cue lists, as a CueSet is built from


@record
class Span:
    """A cue found in a draft: which list, which words, where."""

    group: str
    start: int
    end: int
    text: str


class CueSet:
    """Named cue lists as one token index: `find` lists every cue span of a draft.

    Matching walks the draft's tokens once and looks each up in a dict (a phrase's first token,
    or a prefix for a `*` cue), so the cost grows with the draft, not with the lists.
    """

    def __init__(self, groups: Iterable[tuple[str, Sequence[str]]]) -> None:
        self.groups: Groups = tuple((name, tuple(words)) for name, words in groups)
        self._order: dict[str, int] = {}
        # first token -> [(rest of the phrase, star on the last token, group)]
        self._exact: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
        self._prefix: dict[str, list[str]] = {}  # a one-token `*` cue: prefix -> groups
        # The whole words of each other cue, filed under its longest one: a draft that lacks
        # some word of every cue, and has no word starting like a `*` cue, has no cue at all.
        self._keys: dict[str, list[frozenset[str]]] = {}
        # Each cue as the text it is in a draft written token, space, token (see `groups_in`):
        # " not public yet ", or " licenci" for a `*` cue -> the lists it is in.
        self._phrases: dict[str, set[str]] = {}
        self._search = None  # the automaton over those, built on the first draft that needs it
        for name, words in self.groups:
            self._order.setdefault(name, len(self._order))
            for word in words:
                self._add(name, word)
        # Which token lists may hold a cue, told from the words alone: the events gate keeps it
        # apart, so that a draft it turns away needs none of the rest.
        self.gate = CueGate(self._keys, self._prefix)
        self._lengths = self.gate.lengths  # prefix lengths to try
        self._heads = self.gate.heads
        self._cut = self.gate.cut

    def __getstate__(self) -> dict[str, object]:
        # The automaton is built again on the first draft that needs it (it does not pickle).
        return {**self.__dict__, "_search": None}

    def may_match(self, folded: str) -> bool:
        """False only when no cue can match the folded draft: no cue's key word is among its
        words, and no word starts like a `*` cue. One C-speed pass, no offsets, no walk."""
        return self.cut(folded) is not None

    def cut(self, folded: str) -> list[tuple[int, int, str]] | None:
        """The folded draft's `cue_tokens`, or None when no cue can match it (most posts):
        the cut is made once and only drafts that pass get their offsets."""
        low = folded.casefold()
        if len(low) != len(folded):
            return cue_tokens(folded)  # a character grew when casefolded: no shortcut
        parts = _split(low)  # as in cue_tokens: tokens and gaps, alternately
        words = parts[1::2]
        if not self.gate.could_match(set(words)):
            return None
        ends = list(accumulate(map(len, parts)))
        return list(zip(ends[0:-1:2], ends[1::2], words, strict=True))

    def might_hold(self, words: list[str]) -> bool:
        """False only when no cue can be among these tokens (`may_match`'s gate, on the
        tokens as strings): most drafts, turned away before the automaton is even built."""
        return self.gate.could_match(set(words))

    def groups_in(self, words: list[str]) -> set[str]:
        """The names of the lists with a cue among `words` (a folded draft's casefolded tokens,
        in order): the groups of `find`'s spans, without their offsets."""
        return self.groups_in_line(line(words))

    def groups_in_line(self, written: str) -> set[str]:
        """`groups_in` for the words as `line` writes them: " w1 w2 ... wn ". A cue's tokens
        follow one another in the draft exactly where its key (" we ", " not public yet ",
        " licenci") is a substring, so one automaton pass finds every key, overlapping ones
        included."""
        search = self._search
        if search is None:
            from guard.detect.literals import searcher

            search = self._search = searcher(sorted(self._phrases))
        phrases = self._phrases
        return {name for key in search(written) for name in phrases[key]}

    def _add(self, name: str, word: str) -> None:
        star = word.strip().endswith("*")
        toks = [t for _, _, t in cue_tokens(fold(word.strip().rstrip("*")))]
        if not toks:
            return
        key = " " + " ".join(toks) + ("" if star else " ")
        self._phrases.setdefault(key, set()).add(name)
        if star and len(toks) == 1:
            self._prefix.setdefault(toks[0], []).append(name)
            return
        whole = toks[:-1] if star else toks  # a `*` cue's last word is only a prefix
        need = frozenset(whole)
        bucket = self._keys.setdefault(max(reversed(whole), key=len), [])
        if need not in bucket:
            bucket.append(need)
        entry = (tuple(toks[1:]), star, name)
        bucket = self._exact.setdefault(toks[0], [])
        if entry not in bucket:
            bucket.append(entry)

    def find(self, folded: str, toks: list[tuple[int, int, str]] | None = None) -> list[Span]:
        """Cue spans in a folded draft (`toks`: its cue_tokens, when already cut)."""
        toks = cue_tokens(folded) if toks is None else toks
        found: set[tuple[str, int, int]] = set()
        exact, prefix, heads = self._exact, self._prefix, self._heads
        count = len(toks)
        words = list(map(itemgetter(2), toks))
        # Only the positions whose word starts a cue are walked (picked out at C speed).
        for i in compress(range(count), map(exact.__contains__, words)):
            start, end, tok = toks[i]
            for rest, star, name in exact[tok]:
                if not rest:
                    found.add((name, start, end))
                elif (
                    i + len(rest) < count
                    and (star or toks[i + 1][2] == rest[0])
                    and _tail_matches(toks, i + 1, rest, star)
                ):
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


_READY: dict[Groups, CueSet] = {}  # built in this process, or read back from the pack cache
_MOST = 16  # a long-lived process that reloads edited packs keeps only the latest ones


def cue_set(groups: Iterable[tuple[str, Sequence[str]]]) -> CueSet:
    """The CueSet of these named lists, built once per process (≈ 10 ms for the default pack's
    1,500 cues) or taken from the pack cache (`prime`)."""
    key: Groups = tuple((name, tuple(words)) for name, words in groups)
    ready = _READY.get(key)
    if ready is None:
        ready = CueSet(key)
        if len(_READY) >= _MOST:
            _READY.clear()
        _READY[key] = ready
    return ready


def prime(ready: Mapping[Groups, CueSet]) -> None:
    """Take CueSets that this same code built earlier (`gate.fingerprint` says so: it digests
    this module's source with the others the cue index depends on): `cue_set` then finds them
    under the very lists they were built from, and builds any other afresh."""
    _READY.update((k, v) for k, v in ready.items()
                  if isinstance(k, tuple) and isinstance(v, CueSet))


def _tail_matches(
    toks: list[tuple[int, int, str]], at: int, rest: tuple[str, ...], star: bool
) -> bool:
    if at + len(rest) > len(toks):
        return False
    for k, want in enumerate(rest):
        got = toks[at + k][2]
        last = k == len(rest) - 1
        if not (got == want or (star and last and got.startswith(want))):
            return False
    return True


def has_figure(text: str) -> bool:
    """Whether `figures(text)` finds any (stops at the first; no span made)."""
    digit = _DIGIT.search(text)
    if digit is None:
        return False
    # No figure starts more than two characters before its first digit ("$ 5"), and looking
    # back is not limited by the start position: the same matches as from the start.
    for m in FIGURE.finditer(text, max(0, digit.start() - 2)):
        raw = m.group().strip()
        if raw and not _YEAR.fullmatch(raw):
            return True
    return False


def figures(text: str) -> list[Span]:
    """Numbers that are amounts, counts or percentages (bare years left out)."""
    out: list[Span] = []
    if not _DIGIT.search(text):
        return out  # every figure has a digit; one search is cheaper than FIGURE's scan
    for m in FIGURE.finditer(text):
        raw = m.group().strip()
        if not raw or _YEAR.fullmatch(raw):
            continue
        out.append(Span("figure", m.start(), m.start() + len(raw), raw))
    return out
