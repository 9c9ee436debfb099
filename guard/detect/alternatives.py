"""The top-level alternatives of a pattern, so that a draft runs only those it can match.
(A pattern that is one group around an alternation counts as that alternation.)

Many rules are one long alternation of unrelated shapes (`marker.classification` has eleven). A
draft that holds the required literals of one alternative used to run all of them; the pattern
detector now runs the alternation of the alternatives whose literals are present, in their
order. That is exact: an alternative whose required literal the draft lacks matches nowhere in
it, so at every position the same alternative wins as in the whole pattern.

Splitting is refused (None) wherever an alternative could depend on the others or on text the
split moves: group references and recursion (numbers shift), inline flags that apply to the
whole pattern from the middle, verbose mode and comments (a `|` or `(` may be prose).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from guard.detect.lazy import LazyPattern

_LEADING_FLAGS = LazyPattern(r"\A\(\?[a-zA-Z]*\)")
# Anything that ties one alternative to another or to the pattern as a whole.
_REFUSED = LazyPattern(
    r"\\[1-9]|\\g[<{0-9]|\(\?P[=>]|\(\?&|\(\?R\)|\(\?[+-]?\d+\)|\(\?\(|\(\?#|\(\?[a-zA-Z]*x"
    r"|\(\?[a-zA-Z]*\)|\\[QE]|\(\*"
)


Split = tuple[str, ...] | None
_KNOWN: dict[str, Split] = {}  # pattern -> its alternatives; a cached pack primes it


def alternatives(pattern: str) -> Split:
    """The pattern's top-level alternatives, each a pattern of its own (with the leading global
    flags), in order; None when it is not an alternation or cannot be split safely."""
    if pattern not in _KNOWN:
        _KNOWN[pattern] = _alternatives(pattern)
    return _KNOWN[pattern]


def known(patterns: Iterable[str]) -> dict[str, Split]:
    """The splits of these patterns, to store beside a cached pack (`prime` reads it back)."""
    return {p: alternatives(p) for p in patterns}


def prime(splits: Mapping[str, Split]) -> None:
    """Take what this same code split earlier (the pack cache is keyed by version)."""
    _KNOWN.update(splits)


def _alternatives(pattern: str) -> Split:
    head = m.group() if (m := _LEADING_FLAGS.match(pattern)) else ""
    body = pattern[len(head):]
    if "x" in head.lower() or _REFUSED.search(body):
        return None
    parts = _split(body)
    if parts is not None and len(parts) == 1 and (group := _WRAPPER.match(body)):
        # One group around it all, `(?i:A|B)`: the same as `(?i:A)|(?i:B)`.
        opener = group.group()
        # The group closes at the body's last character exactly when what lies between is
        # balanced on its own (`_split` refuses an unbalanced text).
        inner = _split(body[len(opener):-1]) if body.endswith(")") else None
        if inner is not None and len(inner) > 1:
            return tuple(f"{head}{opener}{part})" for part in inner)
    if parts is None or len(parts) < 2:
        return None
    return tuple(head + part for part in parts)


_WRAPPER = LazyPattern(r"\(\?[a-zA-Z]*(?:-[a-zA-Z]+)?:")  # `(?:` or scoped flags, `(?i:`


# What can hide a `|` or a parenthesis from the top level: an escape, a set (a POSIX class in
# it included; a `[` in a set is a literal in version 0), a group's bounds. Searched in C, so a
# split of the pack's ≈ 80 patterns takes ≈ 2 ms. The patterns compile on first use: a cold start
# from the pack cache (`prime`) splits nothing and compiles none of them.
# (re.DOTALL is regex.DOTALL: the flags share their values.)
_TOKENS = LazyPattern(r"\\.|\[\^?\]?(?:\[:\w+:\]|\\.|[^\]\\])*\]|[()|]|\[", re.DOTALL)


def _split(body: str) -> list[str] | None:
    parts: list[str] = []
    depth = start = 0
    for m in _TOKENS.finditer(body):
        token = m.group()
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
            if depth < 0:
                return None
        elif token == "|":
            if depth == 0:
                parts.append(body[start : m.start()])
                start = m.end()
        elif token == "[":
            return None  # a set that never closes
    if depth:
        return None
    parts.append(body[start:])
    return parts

