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
from guard.detect.regex_budget import RegexBudget
from guard.errors import CheckError

# Punctuation that closes a sentence or a quote, right after a word; French typography puts a
# space (often a no-break one) before « ? », « ! » and a closing « »: "pied de page ?" ends in a
# question as "footer?" does.
_TRAILING = regex.compile(r"(?:[ \u00a0\u202f](?=[?!»]))?[?!.…»”\"')\]]{1,4}")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*|[$€£¥%]")
# A French elided article or pronoun glued to a word ("l'agence", "d'atelier"): a rule's
# exclude or context word matches the word without it too (round fifteen: « Nouvelle adresse
# de l'agence : ... » is an agency's, and "agence" is in the address rule's exclude words).
_ELISION = regex.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['\u2019](?=\p{L})")


class FilterTimeout(CheckError):
    """A per-draft filter (near, context, exclude) ran past the pack's time budget."""


class Deadline(RegexBudget):
    """The time left for one draft's filters; every stage asks it before more work.

    It shares the pattern rules' policy: one fresh budget per draft, so that a pause of a busy
    machine (the scheduler, a first compile, a garbage collection) does not fail a draft closed
    that a runaway filter would still fail.
    """

    def remaining(self) -> float:
        """Seconds left; raises FilterTimeout when none are, twice."""
        return self.left(self._filters_timeout)

    def _filters_timeout(self) -> FilterTimeout:
        return FilterTimeout(
            f"the filters (allow, exclude, context, near) ran past the time limit of "
            f"{self.budget_ms} ms on this draft, so the draft was not checked "
            "(shorten the draft, or raise settings.pattern_timeout_ms)"
        )


@dataclass(frozen=True, slots=True)
class Tokens:
    """The word tokens of a draft with their character offsets."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]  # casefolded
    bare: tuple[str, ...]  # the same words less a French elision ("l'agence" -> "agence")

    @classmethod
    def of(cls, text: str) -> Tokens:
        """Tokenise a draft once; every window query reuses it."""
        spans = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        words = tuple(w for _, _, w in spans)
        return cls(
            tuple(s for s, _, _ in spans),
            tuple(e for _, e, _ in spans),
            words,
            tuple(_ELISION.sub("", w, count=1) if "'" in w or "\u2019" in w else w
                  for w in words),
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
    bare = tokens.bare[lo:hi]
    found = []
    for phrase in words:
        parts = _phrase_words(phrase)
        if not parts:
            continue
        # A trailing `*` takes any ending ("rumor*"), as in the events cue lists a rule may name.
        stem = phrase.endswith("*")
        for i in range(len(region) - len(parts) + 1):
            # The finding's own tokens are not its context ("launch" is not context for itself).
            if lo + i >= inner_lo and lo + i + len(parts) <= inner_hi:
                continue
            got = region[i : i + len(parts)]
            if bare[i] != got[0] and bare[i] == parts[0]:
                got = (bare[i], *got[1:])
            if got == parts or (stem and got[:-1] == parts[:-1] and got[-1].startswith(parts[-1])):
                found.append(phrase)
                break
    return found


def patterns_in_window(
    text: str,
    tokens: Tokens,
    start: int,
    end: int,
    patterns: Sequence[str],
    window: int,
    deadline: Deadline,
) -> list[str]:
    """Which of `patterns` match within `window` tokens of the span, within the deadline."""
    lo, hi = tokens.around(start, end, window)
    span_start, span_end = tokens.char_span(lo, hi, (start, end))
    span_start, span_end = min(span_start, start), max(span_end, end)
    # The punctuation right after the window's last word belongs to it: a question that ends
    # the draft ("... in the footer?") is a question within the window.
    trail = _TRAILING.match(text, span_end)
    if trail:
        span_end = trail.end()
    found = []
    for p in patterns:
        compiled = compile_pattern(p)  # a first compile is not the pattern's search time

        def too_slow(p: str = p) -> FilterTimeout:
            return FilterTimeout(
                f"the exclude pattern {p!r} ran past the time limit of {deadline.budget_ms} ms "
                "on this draft, so the draft was not checked (simplify the pattern; run "
                "`guard rules lint`)"
            )

        def search(left: float, compiled: regex.Pattern[str] = compiled) -> object:
            return compiled.search(text, span_start, span_end, timeout=left)

        if deadline.run(search, too_slow):
            found.append(p)
    return found


def token_distance(tokens: Tokens, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Tokens strictly between two spans (0 when they touch or overlap)."""
    a_first, a_last = tokens.index_range(*a)
    b_first, b_last = tokens.index_range(*b)
    if a_last <= b_first:
        return b_first - a_last
    if b_last <= a_first:
        return a_first - b_last
    return 0


class NearIndex:
    """Candidate spans sorted by token position, so `near` looks only inside its window.

    Comparing every candidate with every other is quadratic: "1 " x 30,000 took 26 s.
    """

    def __init__(self, tokens: Tokens, spans: Sequence[tuple[str, str, int, int]]) -> None:
        # spans: (rule id, category, start, end) in candidate order
        located = []
        for order, (rule_id, category, start, end) in enumerate(spans):
            first, last = tokens.index_range(start, end)
            located.append((first, last, order, rule_id, category))
        located.sort()
        self._firsts = [entry[0] for entry in located]
        self._entries = located
        self._widest = max((last - first for first, last, *_ in located), default=0)
        self._tokens = tokens

    def partners(
        self,
        span: tuple[int, int],
        own_rule: str,
        categories: Sequence[str],
        rules: Sequence[str],
        window: int,
        deadline: Deadline,
    ) -> tuple[str, ...]:
        """Rule ids (in candidate order) of the partners within `window` tokens of `span`."""
        first, last = self._tokens.index_range(*span)
        lo = bisect.bisect_left(self._firsts, first - window - self._widest)
        hi = bisect.bisect_right(self._firsts, last + window)
        found: dict[str, int] = {}
        for n, (b_first, b_last, order, rule_id, category) in enumerate(
            self._entries[lo:hi], start=1
        ):
            if n % 512 == 0:
                deadline.remaining()
            if rule_id == own_rule or (rule_id in found and found[rule_id] < order):
                continue
            if category not in categories and rule_id not in rules:
                continue
            gap = b_first - last if last <= b_first else (first - b_last if b_last <= first else 0)
            if gap <= window:
                found[rule_id] = order
        return tuple(sorted(found, key=found.__getitem__))
