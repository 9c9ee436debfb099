"""Secrecy said in grammar, not in a listed phrase: telling forbidden, disclosure still to come.

Round ten: a third of untouched batch 12's misses said outright that the news was not out ("I
didn't tell you", "keep it off the group chat", "before the announcement drops", « La
direction nous demande de n'en parler à personne », « Vous l'apprendrez dans la presse ») in
words no `nonpublic` phrase held. Listing each wording is what the cue lists already do and
what fresh writers outrun; these patterns name the grammar instead: a verb of telling that is
negated or forbidden, telling that is rationed ("all I'm allowed to say"), a disclosure that is
still to come ("until the bank announces", "the official figures come out in July"). Each is a
`nonpublic` cue for the scorer and the decision, as a listed phrase is. An order given at work
("Security says don't post about it", « la direction nous demande de n'en parler à personne »)
also names the author's employer (`own`).

Round eleven: the patterns are data, `secrecy:` in rules/events.yaml (built from named lists
there: verbs of telling, negations, "ahead" words...; guard/packs/grammar.py reads and checks
them); this module compiles a pack's forms once and searches a draft for them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from guard.detect.events.cues import Span
from guard.models import SecrecyForm


class _Lazy:
    """One form's pattern, compiled on the first draft whose words open its gate: a cold check
    of a plain draft compiles none of a pack's forms (round nine of issue 15: ≈ 10 ms)."""

    __slots__ = ("_compiled", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def __call__(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._compiled is None:
            self._compiled = re.compile(self.source, re.I)
        return self._compiled

    @property
    def compiled(self) -> bool:
        """Whether the pattern was compiled yet."""
        return self._compiled is not None


_Gated = tuple[tuple[frozenset[str], ...], _Lazy]


_Index = tuple[frozenset[str], dict[str, tuple[int, ...]], tuple[int, ...]]


def _indexed(forms: tuple[_Gated, ...]) -> _Index:
    """The forms filed under the words of their smallest gate group (a form is searched only on
    a draft that has one of them), and those without a gate."""
    by_word: dict[str, list[int]] = {}
    always: list[int] = []
    for i, (gate, _) in enumerate(forms):
        if not gate:
            always.append(i)
            continue
        for word in min(gate, key=len):
            by_word.setdefault(word, []).append(i)
    return frozenset(by_word), {w: tuple(v) for w, v in by_word.items()}, tuple(always)


@dataclass(frozen=True)
class Grammar:
    """A pack's `secrecy:` forms, compiled, by what a match says."""

    nonpublic: tuple[_Gated, ...] = ()
    order: tuple[_Gated, ...] = ()
    inside: tuple[_Gated, ...] = ()
    labels: tuple[_Gated, ...] = ()
    # By kind, the forms by gate word: most drafts hold none, and are told so by one
    # intersection of sets instead of a test of every form's gate (round nine of issue 15).
    index: dict[str, _Index] = field(default_factory=dict, init=False, compare=False,
                                     repr=False)

    def __post_init__(self) -> None:
        for kind in ("nonpublic", "order", "inside", "labels"):
            self.index[kind] = _indexed(getattr(self, kind))


@lru_cache(maxsize=8)
def compiled(forms: Sequence[SecrecyForm]) -> Grammar:
    """The forms of a pack, by what a match says (once per distinct tuple of forms); each
    pattern compiles on first use."""
    by: dict[str, list[_Gated]] = {k: [] for k in ("nonpublic", "order", "inside", "labels")}
    for f in forms:
        by[f.says].append((tuple(frozenset(g) for g in f.gate), _Lazy(f.pattern)))
    return Grammar(**{k: tuple(v) for k, v in by.items()})


def compile_all(grammar: Grammar) -> None:
    """Compile every form now (before `scan --jobs` forks its workers, which then share them)."""
    for forms in (grammar.nonpublic, grammar.order, grammar.inside, grammar.labels):
        for _, p in forms:
            p()


_WORD = re.compile(r"\w+")


def _searched(grammar: Grammar, kind: str, words: set[str] | frozenset[str]
              ) -> list[re.Pattern[str]]:
    """The patterns of the forms of `kind` a draft with these `\\w+` tokens could hold (in the
    forms' order): those whose every gate group has one of its words."""
    keys, by_word, always = grammar.index[kind]
    opened = keys.intersection(words)
    if not opened and not always:
        return []  # most drafts
    chosen = set(always).union(*(by_word[w] for w in opened))
    forms = getattr(grammar, kind)
    return [forms[i][1]() for i in sorted(chosen)
            if all(not g.isdisjoint(words) for g in forms[i][0])]


def secrecy(folded: str, grammar: Grammar) -> list[Span]:
    """`nonpublic` spans of a draft whose apostrophes are straight (cues.fold), and `own` ones
    for an order given at work or a role there."""
    words = set(_WORD.findall(folded.casefold()))
    found = sorted((m.start(), -m.end()) for p in _searched(grammar, "nonpublic", words)
                   for m in p.finditer(folded))
    out: list[Span] = []
    for start, end in ((a, -b) for a, b in found):  # of overlapping matches, the leftmost longest
        if not out or start >= out[-1].end:
            out.append(Span("nonpublic", start, end, folded[start:end]))
    if out:
        out += [Span("own", m.start(), m.end(), m.group())
                for p in _searched(grammar, "order", words) for m in p.finditer(folded)]
    out += [Span("own", m.start(), m.end(), m.group())
            for p in _searched(grammar, "inside", words) for m in p.finditer(folded)]
    return out


def secrecy_groups(low: str, grammar: Grammar, words: list[str] | None = None) -> set[str]:
    """The groups `secrecy` finds in a casefolded draft, without their spans (the fast path);
    `words`: its `\\w+` tokens or a superset of them (cues' tokens), when the caller has them."""
    words = set(_WORD.findall(low) if words is None else words)
    own = {"own"} if inside(low, grammar, words) else set()
    if not any(p.search(low) for p in _searched(grammar, "nonpublic", words)):
        return own
    ordered = any(p.search(low) for p in _searched(grammar, "order", words))
    return {"nonpublic", "own"} if ordered else {"nonpublic"} | own


def inside(low: str, grammar: Grammar, words: set[str] | None = None) -> bool:
    """The casefolded draft speaks from inside a company without "we" ("barista here:");
    `words`: its `\\w+` tokens or a superset of them, when the caller has them."""
    words = set(_WORD.findall(low)) if words is None else words
    return any(p.search(low) for p in _searched(grammar, "inside", words))


def labels(low: str, grammar: Grammar) -> bool:
    """The casefolded draft names secrecy labels (a list of classification levels, a quoted
    "confidential"): it explains them, it does not keep a secret."""
    words = set(_WORD.findall(low))
    return any(p.search(low) for p in _searched(grammar, "labels", words))
