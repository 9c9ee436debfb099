"""Regexes that can backtrack catastrophically: a static look for risky shapes, then a timed probe.

The static pass walks the pattern's parse tree for the two shapes behind most runaway regexes:
a repeated group whose body holds another repeat that can swallow the start of the next
iteration (`(a+)+`, `(\\w+\\s?)*`), and a repeated alternation whose branches can start with the
same character (`(a|a)*`, `(a|aa)+`). The `regex` module copes with many of these, so each
suspect is then run on crafted input (the repeated character plus a character that makes the
match fail) under a time limit: only a pattern that runs out of time is confirmed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

try:  # the stdlib parser gives the tree; its public alias was removed in 3.11
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse  # type: ignore[no-redef]

# Characters that stand for every class: enough to tell whether two classes can overlap.
_SAMPLE = "".join(chr(c) for c in range(32, 127)) + "\t\n\u00a0é٣ж"
_SUFFIXES = ("!", "\x00", "\n", " ", "a", "1", "_", ".", "@", "-")
# Exponential backtracking shows on a few dozen characters; slower growth (polynomial, such as
# `(a+)+b`: ~75 ms on 250 characters) is left to the engine's time budget, and a probe that
# long would flag it or not depending on how busy the machine is.
_PROBE_SIZES = (24, 48)
PROBE_SECONDS = 0.1  # the engine gives all patterns of a draft 250 ms together
RUNAWAY_FIX = ("make the repeated parts unable to match the same text, or use an atomic group "
               "(?>...) or a possessive quantifier such as ++")
_CATEGORY_RE = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RegexRisk:
    """A risky shape in a pattern, and whether the timed probe confirmed it."""

    shape: str  # "nested" | "alternation"
    confirmed: bool
    probe: str = ""  # the input that ran out of time

    def describe(self) -> str:
        """One sentence for a lint message."""
        kind = ("a repeat inside a repeat that can split the same text many ways"
                if self.shape == "nested" else "a repeated alternation whose branches overlap")
        if self.confirmed:
            probe = self.probe
            shown = probe if len(probe) <= 12 else probe[:6] + "..." + probe[-3:]
            return (f"the pattern backtracks catastrophically ({kind}): it ran past "
                    f"{PROBE_SECONDS * 1000:.0f} ms on {len(self.probe)} characters ({shown!r})")
        return (f"the pattern may backtrack catastrophically ({kind}); "
                "the probe did not confirm it on crafted input")


def pattern_risks(pattern: str) -> list[RegexRisk]:
    """Risky shapes of `pattern` (empty when it looks safe or cannot be analysed)."""
    try:
        tree = sre_parse.parse(pattern)
    except (re.error, OverflowError, RecursionError):
        return []  # `regex`-only syntax: the loader already checked that it compiles
    ignore_case = bool(tree.state.flags & re.IGNORECASE)
    try:
        compiled = regex.compile(pattern, regex.V0)
    except regex.error:
        return []
    risks: list[RegexRisk] = []
    seen: set[str] = set()
    for shape, prefix, pumps in _suspects(list(tree), ignore_case, ""):
        key = f"{shape}:{prefix}:{pumps}"
        if key in seen:
            continue
        seen.add(key)
        probe = _probe(compiled, prefix, pumps)
        risks.append(RegexRisk(shape, probe is not None, probe or ""))
    # One confirmed risk says it all; otherwise one suspicion is enough to report.
    confirmed = [r for r in risks if r.confirmed]
    return confirmed[:1] or risks[:1]


def _probe(compiled: regex.Pattern[str], prefix: str, pumps: list[str]) -> str | None:
    for pump in pumps:
        for size in _PROBE_SIZES:
            count = max(1, size // max(1, len(pump)))
            for suffix in _SUFFIXES:
                text = prefix + pump * count + suffix
                # Twice: on a busy machine one slow run may be the scheduler, not the regex.
                if _too_slow(compiled, text) and _too_slow(compiled, text):
                    return text
    return None


def _too_slow(compiled: regex.Pattern[str], text: str) -> bool:
    started = time.perf_counter()
    try:
        compiled.search(text, timeout=PROBE_SECONDS)
    except TimeoutError:
        return True
    return time.perf_counter() - started > PROBE_SECONDS


def _suspects(seq: list[Any], icase: bool, prefix: str) -> Iterator[tuple[str, str, list[str]]]:
    """(shape, text before the suspect, pump strings) for each risky repeat."""
    before = prefix
    for op, av in seq:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            high, body = av[1], list(av[2])
            if high is sre_parse.MAXREPEAT or high >= 10:
                yield from _risky_body(body, icase, before)
            yield from _suspects(body, icase, before)
        elif name == "SUBPATTERN":
            yield from _suspects(list(av[-1]), icase, before)
        elif name == "BRANCH":
            for branch in av[1]:
                yield from _suspects(list(branch), icase, before)
        # ATOMIC_GROUP and POSSESSIVE_REPEAT never backtrack into themselves: skip them.
        before += _witness([(op, av)])  # one item at a time: the prefix grows in linear time


def _risky_body(body: list[Any], icase: bool, before: str) -> Iterator[tuple[str, str, list[str]]]:
    first = _first(body, icase)
    pumps_tail = [_witness(body)] if _witness(body) else []
    for inner, follow, after_nullable in _inner_items(body, first, True, icase):
        name = str(inner[0])
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, sub = inner[1]
            if high == low or high == 1 or not after_nullable:
                continue
            shared = _first(list(sub), icase) & first
            if shared:
                yield "nested", before, [_pick(shared), *pumps_tail]
        elif name == "BRANCH":
            # A branch that can be empty competes with whatever follows it (the parser turns
            # `a|aa` into `a(?:|a)`), so compare what each branch can start with, follow included.
            firsts = [_first(list(b), icase) | (follow if _nullable(list(b)) else frozenset())
                      for b in inner[1][1]]
            for a in range(len(firsts)):
                for b in range(a + 1, len(firsts)):
                    shared = firsts[a] & firsts[b]
                    if shared:
                        yield "alternation", before, [_pick(shared), *pumps_tail]


def _inner_items(
    seq: list[Any], follow: frozenset[str], tail_nullable: bool, icase: bool
) -> Iterator[tuple[Any, frozenset[str], bool]]:
    """Each repeat or alternation in `seq`: what can follow it, and whether that can be empty."""
    for i, item in enumerate(seq):
        rest = seq[i + 1:]
        after = tail_nullable and _nullable(rest)
        after_first = _first(rest, icase) | (follow if _nullable(rest) else frozenset())
        name = str(item[0])
        if name in ("MAX_REPEAT", "MIN_REPEAT", "BRANCH"):
            yield item, after_first, after
        if name == "SUBPATTERN":
            yield from _inner_items(list(item[1][-1]), after_first, after, icase)
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            yield from _inner_items(list(item[1][2]), after_first, after, icase)
        elif name == "BRANCH":
            for branch in item[1][1]:
                yield from _inner_items(list(branch), after_first, after, icase)


def _nullable(seq: list[Any]) -> bool:
    return all(_item_nullable(item) for item in seq)


def _item_nullable(item: Any) -> bool:
    op, av = item
    name = str(op)
    if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
        return False
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return av[0] == 0 or _nullable(list(av[2]))
    if name == "SUBPATTERN":
        return _nullable(list(av[-1]))
    if name == "ATOMIC_GROUP":
        return _nullable(list(av))
    if name == "BRANCH":
        return any(_nullable(list(b)) for b in av[1])
    return True  # anchors, lookarounds, backreferences: treat as possibly empty


def _first(seq: list[Any], icase: bool) -> frozenset[str]:
    """Sample characters the sequence can start with."""
    out: set[str] = set()
    for item in seq:
        out |= _item_first(item, icase)
        if not _item_nullable(item):
            break
    return frozenset(out)


def _item_first(item: Any, icase: bool) -> frozenset[str]:
    op, av = item
    name = str(op)
    if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
        return frozenset(ch for ch in _SAMPLE if _char_matches(item, ch, icase))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _first(list(av[2]), icase)
    if name == "SUBPATTERN":
        return _first(list(av[-1]), icase)
    if name == "ATOMIC_GROUP":
        return _first(list(av), icase)
    if name == "BRANCH":
        return frozenset().union(*(_first(list(b), icase) for b in av[1]))
    return frozenset()


def _char_matches(item: Any, ch: str, icase: bool) -> bool:
    op, av = item
    name = str(op)
    chars = {ch, ch.lower(), ch.upper()} if icase else {ch}
    if name == "LITERAL":
        return chr(av) in chars
    if name == "NOT_LITERAL":
        return chr(av) not in chars
    if name == "ANY":
        return ch != "\n"
    negate = False
    hit = False
    for sub_op, sub_av in av:
        sub = str(sub_op)
        if sub == "NEGATE":
            negate = True
        elif sub == "LITERAL":
            hit |= chr(sub_av) in chars
        elif sub == "RANGE":
            hit |= any(sub_av[0] <= ord(c) <= sub_av[1] for c in chars)
        elif sub == "CATEGORY":
            pattern = _CATEGORY_RE.get(str(sub_av))
            hit |= bool(pattern and re.match(pattern, ch))
    return hit != negate


def _pick(chars: frozenset[str]) -> str:
    # A letter first: classes such as \w are tried with the input people actually type.
    for ch in "ax1 ._-":
        if ch in chars:
            return ch
    return sorted(chars)[0]


@lru_cache(maxsize=4096)
def _leaf_witness(op: Any, av: Any) -> str:
    # One pass over the sample per distinct character class, not one per occurrence.
    chars = frozenset(ch for ch in _SAMPLE if _char_matches((op, av), ch, False))
    return _pick(chars) if chars else ""


def _witness(seq: list[Any]) -> str:
    """A short string the sequence matches (best effort: used only to build probe input)."""
    out = []
    for op, av in seq:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
            out.append(_leaf_witness(op, tuple(av) if isinstance(av, list) else av))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            out.append(_witness(list(av[2])) * max(av[0], 1 if av[0] == 0 else av[0]))
        elif name == "SUBPATTERN":
            out.append(_witness(list(av[-1])))
        elif name == "ATOMIC_GROUP":
            out.append(_witness(list(av)))
        elif name == "BRANCH":
            out.append(_witness(list(av[1][0])))
    return "".join(out)

