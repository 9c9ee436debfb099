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

Round twelve: the forms are editable regular expressions, so they run as pattern rules do: with
the `regex` module under the pack's `pattern_timeout_ms` per draft; a form that runs past it
stops the check (SecrecyTimeout: exit 3, "the draft was not checked"), it never hangs it.

Round thirteen: forms that say `aside` name a draft that is about secrets or events without
keeping one of its author's employer: a story (a novel's plot, a book one read), advice about
secrecy in general ("never share your one-time code", "Recruiter tip:"), a disclosure that has
happened ("all affected users have been notified"), a customer writing to a brand's support
account. The decision reads them as someone else's news.

Round fifteen: forms that say `customer` name a customer's own account, device or service ("my
email accounts", « ma box », « sans internet », "what I need from @Dropbox"): with no secrecy
cue, the draft is a customer's, as one written to a brand is, and the scorer must be as sure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

import regex

from guard.detect.events.cues import Span
from guard.detect.regex_budget import RegexBudget
from guard.errors import CheckError
from guard.models import SECRECY_KINDS, SecrecyForm

DEFAULT_BUDGET_MS = 250  # Settings.pattern_timeout_ms's default, for callers without a pack
_T = TypeVar("_T")


class SecrecyTimeout(CheckError):
    """A `secrecy:` form ran past the draft's time budget (it backtracks catastrophically)."""


class Budget(RegexBudget):
    """The time left for one draft's secrecy searches (round twelve: the forms are editable
    regular expressions, searched under the pack's `pattern_timeout_ms` as pattern rules are)."""

    def run(self, name: str, call: Callable[[float], _T]) -> _T:  # type: ignore[override]
        """`call(timeout)`'s result; SecrecyTimeout when the form `name` outruns the budget."""
        return super().run(call, lambda: SecrecyTimeout(
            f"secrecy.{name}: the form's pattern ran past the time limit of "
            f"{self.budget_ms} ms on this draft, so the draft was not checked (simplify "
            "the pattern under `secrecy:` in the rule file: avoid nested quantifiers such "
            "as (a+)+; or raise settings.pattern_timeout_ms)"))


class _Lazy:
    """One form's pattern, compiled on the first draft whose words open its gate: a cold check
    of a plain draft compiles none of a pack's forms (round nine of issue 15: ≈ 10 ms)."""

    __slots__ = ("_compiled", "name", "source")

    def __init__(self, source: str, name: str = "") -> None:
        self.source = source
        self.name = name  # the form's name, for a timeout's message
        self._compiled: regex.Pattern[str] | None = None

    def __call__(self) -> regex.Pattern[str]:
        """The compiled pattern (the `regex` module, for its timeout; round twelve)."""
        if self._compiled is None:
            self._compiled = regex.compile(self.source, regex.IGNORECASE | regex.V0)
        return self._compiled

    @property
    def compiled(self) -> bool:
        """Whether the pattern was compiled yet."""
        return self._compiled is not None


_Gated = tuple[tuple[frozenset[str], ...], _Lazy]
_KINDS = SECRECY_KINDS  # what a match says


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
    aside: tuple[_Gated, ...] = ()  # round thirteen
    customer: tuple[_Gated, ...] = ()  # round fifteen
    withheld: tuple[_Gated, ...] = ()  # round sixteen
    listed: tuple[_Gated, ...] = ()  # after round sixteen
    budget_ms: int = DEFAULT_BUDGET_MS  # the pack's pattern_timeout_ms: one draft's searches
    # By kind, the forms by gate word: most drafts hold none, and are told so by one
    # intersection of sets instead of a test of every form's gate (round nine of issue 15).
    index: dict[str, _Index] = field(default_factory=dict, init=False, compare=False,
                                     repr=False)

    def __post_init__(self) -> None:
        for kind in _KINDS:
            self.index[kind] = _indexed(getattr(self, kind))


def compiled(forms: Sequence[SecrecyForm], budget_ms: int = DEFAULT_BUDGET_MS) -> Grammar:
    """The forms of a pack, by what a match says (once per distinct tuple of forms and budget,
    however the budget is given), searched under `budget_ms` per draft; each pattern compiles on
    first use."""
    return _compiled(forms, budget_ms)


@lru_cache(maxsize=8)
def _compiled(forms: Sequence[SecrecyForm], budget_ms: int) -> Grammar:
    by: dict[str, list[_Gated]] = {k: [] for k in _KINDS}
    for f in forms:
        by[f.says].append((tuple(frozenset(g) for g in f.gate), _Lazy(f.pattern, f.name)))
    return Grammar(**{k: tuple(v) for k, v in by.items()}, budget_ms=budget_ms)


def budget(grammar: Grammar) -> Budget:
    """A fresh time budget for one draft's searches of `grammar`."""
    return Budget(grammar.budget_ms)


def compile_all(grammar: Grammar) -> None:
    """Compile every form now (before `scan --jobs` forks its workers, which then share them)."""
    for kind in _KINDS:
        for _, p in getattr(grammar, kind):
            p()


_WORD = re.compile(r"\w+")


def _searched(grammar: Grammar, kind: str, words: set[str] | frozenset[str]
              ) -> list[_Lazy]:
    """The patterns of the forms of `kind` a draft with these `\\w+` tokens could hold (in the
    forms' order): those whose every gate group has one of its words."""
    keys, by_word, always = grammar.index[kind]
    opened = keys.intersection(words)
    if not opened and not always:
        return []  # most drafts
    chosen = set(always).union(*(by_word[w] for w in opened))
    forms = getattr(grammar, kind)
    return [forms[i][1] for i in sorted(chosen)
            if all(not g.isdisjoint(words) for g in forms[i][0])]


def _any(forms: list[_Lazy], low: str, clock: Budget) -> bool:
    for form in forms:
        pattern = form()  # compiled first: a first compile is not the draft's matching time
        if clock.run(form.name, lambda t, p=pattern: p.search(low, timeout=t)):
            return True
    return False


def _all(forms: list[_Lazy], text: str, clock: Budget) -> list[regex.Match[str]]:
    out: list[regex.Match[str]] = []
    for form in forms:
        pattern = form()
        out += clock.run(form.name, lambda t, p=pattern: list(p.finditer(text, timeout=t)))
    return out


def secrecy(folded: str, grammar: Grammar, clock: Budget | None = None) -> list[Span]:
    """`nonpublic` spans of a draft whose apostrophes are straight (cues.fold), and `own` ones
    for an order given at work or a role there; `clock`: the draft's budget, when the caller
    has one (else a fresh one)."""
    clock = budget(grammar) if clock is None else clock
    words = set(_WORD.findall(folded.casefold()))
    found = sorted((m.start(), -m.end())
                   for m in _all(_searched(grammar, "nonpublic", words), folded, clock))
    out: list[Span] = []
    for start, end in ((a, -b) for a, b in found):  # of overlapping matches, the leftmost longest
        if not out or start >= out[-1].end:
            out.append(Span("nonpublic", start, end, folded[start:end]))
    if out:
        out += [Span("own", m.start(), m.end(), m.group())
                for m in _all(_searched(grammar, "order", words), folded, clock)]
    out += [Span("own", m.start(), m.end(), m.group())
            for m in _all(_searched(grammar, "inside", words), folded, clock)]
    return out


def secrecy_groups(low: str, grammar: Grammar, words: list[str] | None = None,
                   clock: Budget | None = None) -> set[str]:
    """The groups `secrecy` finds in a casefolded draft, without their spans (the fast path);
    `words`: its `\\w+` tokens or a superset of them (cues' tokens), when the caller has them."""
    clock = budget(grammar) if clock is None else clock
    words = set(_WORD.findall(low) if words is None else words)
    own = {"own"} if inside(low, grammar, words, clock) else set()
    if not _any(_searched(grammar, "nonpublic", words), low, clock):
        return own
    ordered = _any(_searched(grammar, "order", words), low, clock)
    return {"nonpublic", "own"} if ordered else {"nonpublic"} | own


def inside(low: str, grammar: Grammar, words: set[str] | None = None,
           clock: Budget | None = None) -> bool:
    """The casefolded draft speaks from inside a company without "we" ("barista here:");
    `words`: its `\\w+` tokens or a superset of them, when the caller has them."""
    words = set(_WORD.findall(low)) if words is None else words
    return _any(_searched(grammar, "inside", words), low,
                budget(grammar) if clock is None else clock)


def words_of(low: str) -> set[str]:
    """The `\\w+` tokens of a casefolded draft, which open the forms' gates: a caller that asks
    several kinds about one draft (`shape.decision_groups`) cuts it once."""
    return set(_WORD.findall(low))


def _says(kind: str, low: str, grammar: Grammar, clock: Budget | None,
          words: set[str] | None) -> bool:
    """Whether a form of `kind` matches the casefolded draft (its gates opened by its words)."""
    return _any(_searched(grammar, kind, words_of(low) if words is None else words), low,
                budget(grammar) if clock is None else clock)


def labels(low: str, grammar: Grammar, clock: Budget | None = None, *,
           words: set[str] | None = None) -> bool:
    """The casefolded draft names secrecy labels (a list of classification levels, a quoted
    "confidential"): it explains them, it does not keep a secret."""
    return _says("labels", low, grammar, clock, words)


def aside(low: str, grammar: Grammar, clock: Budget | None = None, *,
          words: set[str] | None = None) -> bool:
    """The casefolded draft is about secrets or events without keeping one of its author's
    employer (round thirteen): a story, advice in general, a disclosure that has happened, a
    customer writing to a brand's support account."""
    return _says("aside", low, grammar, clock, words)


def customer(low: str, grammar: Grammar, clock: Budget | None = None, *,
             words: set[str] | None = None) -> bool:
    """The casefolded draft speaks of a customer's own account, device or service (round
    fifteen): "my email accounts", « ma box », « sans internet »."""
    return _says("customer", low, grammar, clock, words)


def withheld(low: str, grammar: Grammar, clock: Budget | None = None, *,
             words: set[str] | None = None) -> bool:
    """The casefolded draft says a secret in a way only the decision reads (round sixteen): a
    disclosure still to come ("Announcement in two weeks"), the rest withheld ("That's all I'll
    say"). Not a feature of the scorer: trained on as `nonpublic` cues, these forms cost leaks
    of fresh wording (docs/history/events-rounds.md, round sixteen)."""
    return _says("withheld", low, grammar, clock, words)


def listed(low: str, grammar: Grammar, clock: Budget | None = None, *,
           words: set[str] | None = None) -> bool:
    """The casefolded draft names a listed company as newswires and stock-alert accounts do
    ("Cerus Corporation (NASDAQ:CERS)"): market news about that company. Read by the decision
    only, and only where no secrecy cue is: an insider may name a ticker too."""
    return _says("listed", low, grammar, clock, words)


def withheld_spans(folded: str, grammar: Grammar, clock: Budget | None = None) -> list[Span]:
    """The `withheld` matches of a draft whose apostrophes are straight, as `nonpublic` spans:
    for a finding's evidence only (training reads `secrecy`, which leaves them out)."""
    clock = budget(grammar) if clock is None else clock
    words = set(_WORD.findall(folded.casefold()))
    return [Span("nonpublic", m.start(), m.end(), m.group())
            for m in _all(_searched(grammar, "withheld", words), folded, clock)]


def aside_spans(folded: str, grammar: Grammar, clock: Budget | None = None
                ) -> list[tuple[int, int]]:
    """Where the `aside` forms match a draft whose apostrophes are straight (cues.fold): the
    sentences an aside reaches (round twenty-two, `asides.without`)."""
    clock = budget(grammar) if clock is None else clock
    words = set(_WORD.findall(folded.casefold()))
    return [(m.start(), m.end())
            for m in _all(_searched(grammar, "aside", words), folded, clock)]
