"""Term matching: every term of every term rule, found in one pass over the draft.

This is the one seam for literal matching; `allow` phrases go through it too, so whatever
disguise handling finds a term also finds an allowed phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import regex

from .models import Hit, MatchOptions, Rule


@dataclass(frozen=True, slots=True)
class TermEntry:
    """One term to find, the key it reports under, and how to compare it."""

    key: str
    term: str
    match: MatchOptions


def _term_pattern(term: str) -> str:
    # Words of a multiword term may be split by any run of whitespace, line breaks included.
    words = [regex.escape(w) for w in term.split()]
    return r"(?<![\w])" + r"\s+".join(words) + r"(?![\w])"


class TermMatcher:
    """Finds all entries in a text; built once per pack."""

    def __init__(self, entries: Sequence[TermEntry]) -> None:
        self._entries = tuple(entries)
        self._by_group: dict[str, TermEntry] = {}
        parts_ci: list[str] = []
        parts_cs: list[str] = []
        for i, entry in enumerate(self._entries):
            if not entry.term.strip():
                continue
            group = f"t{i}"
            self._by_group[group] = entry
            part = f"(?P<{group}>{_term_pattern(entry.term)})"
            (parts_cs if entry.match.case == "sensitive" else parts_ci).append(part)
        self._ci = regex.compile("|".join(parts_ci), regex.IGNORECASE | regex.V1) if parts_ci else None
        self._cs = regex.compile("|".join(parts_cs), regex.V1) if parts_cs else None

    @classmethod
    def for_rules(cls, rules: Iterable[Rule]) -> TermMatcher:
        """A matcher over the terms of every `terms`/`terms_file` rule."""
        entries = [
            TermEntry(rule.id, term, rule.match)
            for rule in rules
            if rule.detector in ("terms", "terms_file")
            for term in rule.terms
        ]
        return cls(entries)

    def find(self, text: str) -> list[Hit]:
        """Every occurrence of every entry, overlapping ones included."""
        hits: list[Hit] = []
        for compiled in (self._ci, self._cs):
            if compiled is None:
                continue
            for m in compiled.finditer(text, overlapped=True):
                group = m.lastgroup
                if group is None:
                    continue
                entry = self._by_group[group]
                hits.append(
                    Hit(entry.key, m.start(), m.end(), "exact", normalized=entry.term.lower())
                )
        return hits

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of every occurrence, for allow lists."""
        return [(h.start, h.end) for h in self.find(text)]
