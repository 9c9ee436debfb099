"""One pass over a folded text that finds which of many literal sets it holds.

The literals are those of `guard.detect.literals`: ASCII, compared folded, with EDGE at an end
where the draft must hold no word character (see that module's docstring).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

EDGE = "\u00a6"  # a word boundary in a literal; literals are ASCII, so it is never their text
_NO_EDGE = str.maketrans("", "", EDGE)


class LiteralIndex:
    """Finds, in one pass over a folded text, which keys have one of their literals in it."""

    def __init__(self, literals: Mapping[Any, Iterable[str]]) -> None:
        self._owners: dict[str, list[Any]] = {}
        for key, strings in literals.items():
            for s in strings:
                self._owners.setdefault(s, []).append(key)
        # Literals with an EDGE are searched by their text, then checked where they occur.
        self._edged: dict[str, list[tuple[str, frozenset[Any]]]] = {}
        for s, keys in self._owners.items():
            core = s.translate(_NO_EDGE)
            if core != s:
                self._edged.setdefault(core, []).append((s, frozenset(keys)))
        texts = {s.translate(_NO_EDGE) for s in self._owners}
        self._search = searcher(sorted(texts)) if texts else None

    def keys_in(
        self, folded: str, text: str | None = None, settled: frozenset[Any] | set[Any] = frozenset()
    ) -> set[Any]:
        """The keys with at least one literal in `folded` (`text` passed through `fold`); without
        `text`, a literal's EDGEs are not checked. The answer for a key in `settled` does not
        matter to the caller (it is ruled out already): its edges are not checked."""
        if self._search is None:
            return set()
        found: set[Any] = set()
        owners, edged = self._owners, self._edged
        if text is not None and len(text) != len(folded):
            text = None  # not one character for one: an edge cannot be placed (never so today)
        present = self._search(folded)
        for literal in present:
            if literal in owners:
                found.update(owners[literal])
        # Edges are checked last, and only for a variant with an owner not found or settled yet:
        # the check is the costly part, and most owners also have a literal without edges.
        done = found | settled if settled else found
        for literal in present:
            for variant, keys in edged.get(literal, ()):
                if keys <= done:
                    continue
                if text is None or _occurs_with_edges(variant, literal, folded, text):
                    found |= keys
                    if done is not found:
                        done |= keys
        return found


def _occurs_with_edges(variant: str, core: str, folded: str, text: str) -> bool:
    """True when `core` occurs in `folded` with no word character of `text` where `variant`
    has an EDGE (the text's ends hold none)."""
    before, after = variant.startswith(EDGE), variant.endswith(EDGE)
    size = len(core)
    start = folded.find(core)
    while start >= 0:
        end = start + size
        if (not before or start == 0 or not _is_word(text[start - 1])) and (
            not after or end == len(text) or not _is_word(text[end])
        ):
            return True
        start = folded.find(core, start + 1)
    return False


def _is_word(char: str) -> bool:
    """True when the `regex` module's `\\w` (which `\\b` tests) matches `char`."""
    if char.isascii():
        return char.isalnum() or char == "_"
    import regex  # here: only a non-ASCII character at a literal's edge needs it

    return regex.match(r"\w", char, regex.V0) is not None


def searcher(literals: list[str]):  # type: ignore[no-untyped-def]
    """A function text -> the literals it contains as substrings, in one pass over the text."""
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - exercised by literals_test via the fallback
        return _alternation(literals)
    if "" in literals:  # the empty string is in every text; the automaton cannot hold it
        rest = searcher([s for s in literals if s])
        return lambda text: {"", *rest(text)}
    auto = ahocorasick.Automaton()
    for s in literals:
        auto.add_word(s, s)
    auto.make_automaton()

    second = itemgetter(1)  # each hit is (end index, literal)

    def search(text: str) -> set[str]:
        return set(map(second, auto.iter(text)))

    return search


def _alternation(literals: list[str]):  # type: ignore[no-untyped-def]
    """The fallback without pyahocorasick: one regex alternation, longest literal first.

    At each position the alternation reports only the longest literal starting there; the
    shorter ones starting there are its prefixes, so each reported literal also stands for them.
    """
    import re

    ordered = sorted(literals, key=len, reverse=True)
    combined = re.compile("(?=(" + "|".join(map(re.escape, ordered)) + "))", re.DOTALL)
    prefixes = {s: [p for p in literals if s.startswith(p)] for s in literals}

    def search(text: str) -> set[str]:
        found: set[str] = set()
        for m in combined.finditer(text):
            found.update(prefixes[m.group(1)])
        return found

    return search
