"""Token windows around a finding: `context` hotwords, `exclude` words, `near` partners.

Windows count word tokens, not characters, so "within 8 tokens" means the same thing in a
terse post and in one full of long words. The tokenizer is a plain word regex: it needs no
model, so windows work with `--no-nlp` too.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from guard.detect.patterns import compile_pattern
from guard.detect.regex_budget import RegexBudget
from guard.errors import CheckError
from guard.record import record

if TYPE_CHECKING:
    import regex

# Sources, compiled on first use by `compile_pattern` (a draft without hits needs none of them,
# nor `regex`); its cache is one C-level lookup a draft.
# Punctuation that closes a sentence or a quote, right after a word; French typography puts a
# space (often a no-break one) before « ? », « ! » and a closing « »: "pied de page ?" ends in a
# question as "footer?" does.
_TRAILING = r"(?:[ \u00a0\u202f](?=[?!»]))?[?!.…»”\"')\]]{1,4}"
_WORD = r"[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*|[$€£¥%]"
# A French elided article or pronoun glued to a word ("l'agence", "d'atelier"): a rule's
# exclude or context word matches the word without it too (round fifteen: « Nouvelle adresse
# de l'agence : ... » is an agency's, and "agence" is in the address rule's exclude words).
_ELISION = r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['\u2019](?=\p{L})"


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


@record
class Tokens:
    """The word tokens of a draft with their character offsets."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]  # casefolded
    bare: tuple[str, ...]  # the same words less a French elision ("l'agence" -> "agence")

    @classmethod
    def of(cls, text: str) -> Tokens:
        """Tokenise a draft once; every window query reuses it."""
        word, elision = compile_pattern(_WORD), compile_pattern(_ELISION)
        spans = [(m.start(), m.end(), m.group().casefold()) for m in word.finditer(text)]
        words = tuple(w for _, _, w in spans)
        return cls(
            tuple(s for s, _, _ in spans),
            tuple(e for _, e, _ in spans),
            words,
            tuple(elision.sub("", w, count=1) if "'" in w or "\u2019" in w else w
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


@record
class _Phrases:
    """A rule's context or exclude words, indexed by their first word.

    A window is read once, each of its words looked up here, instead of every phrase being
    tried at every position: the marker rules list 150-180 exclude words, and the scan tried
    each at every token of the window (1.0 s of the model-free pass's 5.7 s over the real posts,
    under the profiler).
    """

    parts: tuple[tuple[str, ...], ...]  # each phrase's casefolded words, in the list's order
    stem: tuple[bool, ...]  # a trailing `*`: the last word takes any ending ("rumor*")
    by_first: dict[str, tuple[int, ...]]  # the first word -> the phrases opening with it
    one_word_stems: tuple[int, ...]  # phrases of one word with a `*`: their first is a prefix


@lru_cache(maxsize=1024)
def _phrases(words: tuple[str, ...]) -> _Phrases:
    # A rule's words are fixed: index each list once, not once per hit.
    word = compile_pattern(_WORD)
    parts = tuple(tuple(p.casefold() for p in word.findall(w)) for w in words)
    stem = tuple(w.endswith("*") for w in words)
    by_first: dict[str, list[int]] = {}
    one_word_stems = []
    for k, (ps, st) in enumerate(zip(parts, stem, strict=True)):
        if not ps:
            continue
        if st and len(ps) == 1:
            one_word_stems.append(k)
        else:
            by_first.setdefault(ps[0], []).append(k)
    return _Phrases(parts, stem, {w: tuple(ks) for w, ks in by_first.items()},
                    tuple(one_word_stems))


def words_in_window(
    tokens: Tokens, start: int, end: int, words: Sequence[str], window: int
) -> list[str]:
    """Which of `words` (each one or more words) occur within `window` tokens of the span.

    A French elision is dropped from a window's word when that makes it a phrase's first word
    ("l'agence" for "agence"). The finding's own tokens are not its context ("launch" is not
    context for itself). Found phrases come in the order of `words`.
    """
    lo, hi = tokens.around(start, end, window)
    inner_lo, inner_hi = tokens.index_range(start, end)
    index = _phrases(tuple(words))
    found: set[int] = set()

    def fits(i: int, n: int) -> bool:
        return i + n <= hi and not (i >= inner_lo and i + n <= inner_hi)

    seq, bare = tokens.words, tokens.bare
    for i in range(lo, hi):
        firsts = (seq[i],) if bare[i] == seq[i] else (seq[i], bare[i])
        for first in firsts:
            for k in index.by_first.get(first, ()):
                if k in found:
                    continue
                parts = index.parts[k]
                n = len(parts)
                if not fits(i, n):
                    continue
                rest = seq[i + 1 : i + n]
                if rest == parts[1:] or (
                    index.stem[k] and rest[:-1] == parts[1:-1] and rest[-1].startswith(parts[-1])
                ):
                    found.add(k)
        for k in index.one_word_stems:
            if k not in found and fits(i, 1) and (
                seq[i].startswith(index.parts[k][0]) or bare[i] == index.parts[k][0]
            ):
                found.add(k)
    return [words[k] for k in sorted(found)]


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
    trail = compile_pattern(_TRAILING).match(text, span_end)
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
