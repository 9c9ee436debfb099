"""Required literals of a pattern, and one pass that finds which of many literal sets a text holds.

A pattern can only match a draft that contains one of its required literals (`\\bAKIA[A-Z0-9]{16}`
needs `akia`), so the pattern detector runs a pattern only where one of them is present, the way
fast grep tools and Hyperscan prefilter. The literals come from the pattern's parse tree (Python's
`re` parser reads the `regex` module's V0 syntax for everything it accepts); a pattern it cannot
read, or whose literals are too short to be worth testing, has no prefilter and always runs.

A literal may also say where a word boundary sits: `EDGE` before or after it (`\\bNDA\\s` needs
`¦nda`), from a `\\b` or a `(?<!\\w)`/`(?!\\w)` next to it in the parse tree. Such a literal counts
only where the draft has a word boundary there (the `regex` module's own `\\w` decides, as `\\b`
does), so "Monday" and "agenda" do not let that pattern run. A pattern under the ASCII flag keeps
no edges (its `\\b` is not the Unicode one).

Everything is compared folded: ASCII letters lower-cased, and the three non-ASCII letters that
the `regex` module matches to an ASCII letter under IGNORECASE (U+0130, U+017F long s,
U+212A Kelvin sign)
mapped to it. Literals keep only ASCII characters, so a literal present in the text, in whatever
case, is present in the folded text: the prefilter may let a pattern run for nothing, never skip
one that matches.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from itertools import product
from typing import Any

from guard.detect.literal_index import EDGE, LiteralIndex, searcher

__all__ = [
    "EDGE",
    "LiteralIndex",
    "fold",
    "known",
    "min_digits",
    "prime",
    "required_clauses",
    "required_literals",
    "searcher",
]

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

DERIVATION = 8  # bump when the derivation changes: cached packs hold derived literals
# (7: literals of each top-level alternative, `guard.detect.alternatives`; 8: further clauses)
MIN_CLAUSE = 3  # a further requirement's literals are this long at least (shorter: everywhere)
MAX_CLAUSES = 2  # further requirements kept beside the first
MIN_LITERAL = 1  # even one character ("@" of an e-mail) is absent from most drafts
_MAX_SET = 64  # alternatives kept per position before a run of literals is cut
_MAX_CLASS = 10  # a character class of more characters is not spelled out
# While a tree is walked, markers stand for zero-width tests between literal characters: a `\\b`,
# and "no \\w before" / "no \\w after" (negative lookarounds of \\w). They are non-ASCII, so never
# a literal's own text; `_edges` turns those at a literal's ends into EDGE and drops the rest.
_BOUNDARY, _NO_WORD_BEFORE, _NO_WORD_AFTER = "\ue000", "\ue001", "\ue002"
_MARKERS = _BOUNDARY + _NO_WORD_BEFORE + _NO_WORD_AFTER
_FLAG_GROUP = re.compile(r"\(\?[a-zA-Z-]*a")  # an ASCII flag: its \b is not the Unicode one
_FOLD = str.maketrans({"\u0130": "i", "\u017f": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """The text as literals are compared: see the module docstring."""
    # `translate` with a mapping looks up every character in Python; most drafts hold none of
    # the three, and a scan for each is done in C.
    if not text.isascii() and ("\u0130" in text or "\u017f" in text or "\u212a" in text):
        text = text.translate(_FOLD)
    return text.lower()


# `regex`-only escapes that `re` refuses but that never stand for literal text: a Unicode
# property becomes \w (some character), a match-start reset \K nothing (the text before it is
# still matched). An escaped backslash before them is left alone.
_PROPERTY = re.compile(r"(?<!\\)((?:\\\\)*)\\(?:[pP]\{[^}]*\}|[pP][A-Za-z])")
_RESET = re.compile(r"(?<!\\)((?:\\\\)*)\\K")


# (required literals, fewest digits, further requirements: every match holds one of each)
Derived = tuple[frozenset[str] | None, int, tuple[frozenset[str], ...]]
_KNOWN: dict[str, Derived] = {}


def required_literals(pattern: str) -> frozenset[str] | None:
    """Folded strings one of which every match of `pattern` contains; None when unknown."""
    return _known(pattern)[0]


def required_clauses(pattern: str) -> tuple[frozenset[str], ...]:
    """Further sets of folded strings, beside `required_literals`: every match of `pattern` also
    contains one string of each (`\\b(?:my|his)\\s+(?:password|pin)\\b` needs a word of both)."""
    return _known(pattern)[2]


def min_digits(pattern: str) -> int:
    """The fewest decimal digits (the `regex` module's `\\d`) any match of `pattern` holds: a
    text with fewer cannot match (a phone number needs six); 0 when unknown."""
    return _known(pattern)[1]


def _known(pattern: str) -> Derived:
    if pattern not in _KNOWN:
        _KNOWN[pattern] = _derive(pattern)
    return _KNOWN[pattern]


def known(patterns: Iterable[str]) -> dict[str, Derived]:
    """What was derived from these patterns, to store beside a cached pack (`prime` reads it)."""
    return {p: _known(p) for p in patterns}


def prime(derived: Mapping[str, Derived]) -> None:
    """Take what this same code derived earlier (the pack cache is keyed by version)."""
    _KNOWN.update(derived)


def _derive(pattern: str) -> Derived:
    readable = _RESET.sub(r"\1", _PROPERTY.sub(r"\1\\w", pattern))
    # REVERSE only changes the direction of the search: every match is still a string the
    # pattern matches, and holds what it requires. `re` does not know the flag.
    readable = _REVERSE.sub(_drop_reverse, readable)
    global _edges_allowed, _lookaround_edges, _braces_literal
    # A `{` that is escaped or counts a repeat is what `re` reads it as; any other may be
    # `regex`'s fuzzy matching (`{e<=1}`), which `re` reads as literal text.
    _braces_literal = not _LOOSE_BRACE.search(pattern)
    _edges_allowed = not _FLAG_GROUP.search(pattern)
    # A property read as \w is no \w for a lookaround (`(?<!\p{L})` allows a digit before).
    _lookaround_edges = _PROPERTY.sub("", pattern) == pattern
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. "possible nested set": regex reads it otherwise
            tree = _parser.parse(readable)
    except Exception:  # any syntax `re` does not read: no prefilter
        return None, 0, ()
    also: list[frozenset[str]] = []
    try:
        _, required = _walk(list(tree), also=also)
        digits = _digits(list(tree))
    except _Unsafe:
        return None, 0, ()
    if not required or min(len(_core(s)) for s in required) < MIN_LITERAL:
        return None, digits, ()
    return frozenset(_edges(s) for s in required), digits, _clauses(required, also)


def _clauses(required: frozenset[str], also: list[frozenset[str]]) -> tuple[frozenset[str], ...]:
    """Up to MAX_CLAUSES requirements beside `required`, the most selective first: each long
    enough to rule out drafts (every literal of MIN_CLAUSE characters or more) and not implied
    by one kept before (a text with "password" holds "pass")."""
    kept = [required]
    for clause in sorted(set(also), key=_selectivity, reverse=True):
        if len(kept) > MAX_CLAUSES:
            break
        if min(len(_core(s)) for s in clause) < MIN_CLAUSE:
            continue
        if any(_implies(k, clause) for k in kept):
            continue
        kept.append(clause)
    return tuple(frozenset(_edges(s) for s in c) for c in kept[1:])


def _implies(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when every text holding a literal of `a` holds one of `b`: each of `a`'s literals
    contains one of `b`'s (compared without edges)."""
    cores = [_core(x) for x in b]
    return all(any(c in _core(s) for c in cores) for s in a)


_edges_allowed = True  # set by `_derive` for the pattern being walked
_lookaround_edges = True
_braces_literal = False
_REVERSE = re.compile(r"\A\(\?([a-zA-Z]*)\)")  # the global flags at the pattern's start
# A `{` with an even run of backslashes before it that does not open a counted repeat.
_LOOSE_BRACE = re.compile(r"(?<!\\)(?:\\\\)*\{(?!\d*(?:,\d*)?\})")


def _drop_reverse(flags: re.Match[str]) -> str:
    rest = flags.group(1).replace("r", "")
    return f"(?{rest})" if rest else ""


def _core(s: str) -> str:
    """A literal's text without its markers."""
    return s.translate(_NO_MARKERS)


_NO_MARKERS = str.maketrans("", "", _MARKERS)


def _edges(s: str) -> str:
    """The literal with EDGE where the text beside it must hold no word character."""
    core = _core(s)
    head = s[: len(s) - len(s.lstrip(_MARKERS))]
    tail = s[len(s.rstrip(_MARKERS)) :]
    word_start, word_end = _is_word_ascii(core[0]), _is_word_ascii(core[-1])
    before = _NO_WORD_BEFORE in head or (_BOUNDARY in head and word_start)
    after = _NO_WORD_AFTER in tail or (_BOUNDARY in tail and word_end)
    if not _edges_allowed:
        before = after = False
    return (EDGE if before else "") + core + (EDGE if after else "")


def _is_word_ascii(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def _digits(items: list[Any]) -> int:
    """The fewest digit characters a match of this sequence consumes."""
    return sum(_digit_node(op, av) for op, av in items)


def _digit_node(op: Any, av: Any) -> int:
    if op is _c.LITERAL:
        if chr(av) in "{}" and not _braces_literal:
            raise _Unsafe
        return 1 if "0" <= chr(av) <= "9" else 0
    if op is _c.IN:
        return 1 if av and all(_digit_item(o, a) for o, a in av) else 0
    if op is _c.SUBPATTERN:
        return _digits(list(av[-1]))
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _digits(list(av))
    if op is _c.BRANCH:
        return min(_digits(list(seq)) for seq in av[1])
    if op in _REPEATS:
        low, _, body = av
        inner = _digits(list(body))
        return low * inner
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        _digits(list(av[1]))  # refuses what `re` misreads; a lookaround consumes nothing
    elif op is _c.GROUPREF_EXISTS:
        _digits(list(av[1]))
        if av[2] is not None:
            _digits(list(av[2]))
    return 0


def _digit_item(op: Any, av: Any) -> bool:
    """True when this member of a character class is a decimal digit (so is all it matches)."""
    if op is _c.LITERAL:
        return "0" <= chr(av) <= "9"
    if op is _c.RANGE:
        return ord("0") <= av[0] <= av[1] <= ord("9")
    return op is _c.CATEGORY and av is _c.CATEGORY_DIGIT


class _Unsafe(Exception):
    """The parse tree holds something `re` reads differently from `regex` (fuzzy `{e<=1}`)."""


def _useless(r: frozenset[str] | None) -> bool:
    """True when the requirement holds in every text (one of its literals is only markers)."""
    return not r or any(not _core(s) for s in r)


def _weight(s: str) -> int:
    """How rare a literal is, about: its length, and one more for a word edge at each end (a
    `\\b` rules out as many places as a letter does)."""
    return len(_core(s)) + (s[:1] in _MARKERS) + (s[-1:] in _MARKERS)


def _selectivity(r: frozenset[str]) -> tuple[float, float, int]:
    # Longer literals are rarer in text: the shortest counts most, then the average length
    # (five TLDs like `.intranet` beat one `http`), then fewer literals.
    weights = [_weight(s) for s in r]
    return (min(weights), sum(weights) / len(weights), -len(r))


def _better_of(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements: longer shortest literal, then fewer literals."""
    if _useless(a):
        return None if _useless(b) else b
    if _useless(b):
        return a
    assert a is not None and b is not None
    return a if _selectivity(a) >= _selectivity(b) else b


def _join(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > _MAX_SET:
        return None
    return frozenset(x + y for x, y in product(a, b))


_EMPTY = frozenset({""})


def _walk(
    items: list[Any], prefix: frozenset[str] = _EMPTY, also: list[frozenset[str]] | None = None
) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(exact, required) of a sequence: the finite set of strings it matches when small, and the
    best set of literals one of which every match contains. `prefix`: markers just before it.
    `also` collects every requirement of the sequence, its mandatory groups' included: every
    match holds one literal of each (`required_clauses`)."""
    best: frozenset[str] | None = None
    run: frozenset[str] | None = prefix
    exact_all = True

    def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
        if also is not None and not _useless(b):
            also.append(b)  # type: ignore[arg-type]
        return _better_of(a, b)

    for op, av in items:
        exact, required = _node(op, av)
        if also is not None and (inner := _mandatory(op, av)) is not None:
            _walk(inner, also=also)
        if exact is None and op in _GROUPS and _only_markers(run):
            # `\b(?:has|have)\s`: the markers before a group belong to its literals' starts
            required = _node(op, av, run)[1]  # type: ignore[arg-type]
        if exact is not None and run is not None:
            joined = _join(run, exact)
            if joined is not None:
                run = joined
                continue
        # The run of literal text ends here: it is one candidate, this node's own is another.
        fence = exact is None and _non_word(op, av)
        if fence and run is not None:
            # `\s+NDA\s+`: a run ending at a non-word character ends at a word edge
            run = frozenset(s + _NO_WORD_AFTER for s in run)
        best = _better(best, run)
        best = _better(best, exact if exact is not None else required)
        run = exact
        if exact is None:
            exact_all = False
            run = frozenset({_NO_WORD_BEFORE if fence else ""})
    best = _better(best, run)
    return (run if exact_all else None), best


def _mandatory(op: Any, av: Any) -> list[Any] | None:
    """The items of a group every match goes through (not one in a branch or an optional
    repeat), whose own requirements then hold for the whole pattern."""
    if op is _c.SUBPATTERN:
        return list(av[-1])
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return list(av)
    if op in _REPEATS and av[0] >= 1:
        return list(av[2])
    return None


def _only_markers(run: frozenset[str] | None) -> bool:
    return run is not None and run != _EMPTY and all(not _core(s) for s in run)


def _node(
    op: Any, av: Any, prefix: frozenset[str] = _EMPTY
) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    if op is _c.LITERAL:
        if chr(av) in "{}" and not _braces_literal:
            raise _Unsafe  # `{e<=1}` is fuzzy matching to `regex`, literal text to `re`
        char = chr(av)
        return (frozenset({fold(char)}) if char.isascii() else None), None
    if op is _c.IN:
        return _char_class(av), None
    if op is _c.AT:
        # zero-width: the text around it is contiguous
        return frozenset({_BOUNDARY if av is _c.AT_BOUNDARY else ""}), None
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        _walk(list(av[1]))  # still refuse what `re` misreads inside a lookaround
        if op is _c.ASSERT_NOT and _lookaround_edges and _is_word_class(list(av[1])):
            return frozenset({_NO_WORD_BEFORE if av[0] < 0 else _NO_WORD_AFTER}), None
        return frozenset({""}), None
    if op is _c.SUBPATTERN:
        return _walk(list(av[-1]), prefix)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _walk(list(av), prefix)
    if op is _c.BRANCH:
        results = [_walk(list(seq), prefix) for seq in av[1]]
        exacts = [e for e, _ in results]
        exact = frozenset().union(*exacts) if all(e is not None for e in exacts) else None
        if exact is not None and len(exact) > _MAX_SET:
            exact = None
        reqs = [e if e is not None else r for e, r in results]
        required = (
            frozenset().union(*reqs)  # type: ignore[arg-type]
            if not any(_useless(r) for r in reqs)
            else None
        )
        return exact, required
    if op in _REPEATS:
        low, high, body = av
        exact, required = _walk(list(body))
        if low == 0:
            return None, None
        one = exact if exact is not None else required
        if exact is not None and low == high and low <= 8:
            whole: frozenset[str] | None = frozenset({""})
            for _ in range(low):
                whole = _join(whole, exact) if whole is not None else None
            if whole is not None:
                return whole, one
        return None, one
    if op in (_c.GROUPREF_EXISTS,):
        _, yes, no = av
        _walk(list(yes))
        if no is not None:
            _walk(list(no))
    return None, None  # ANY, CATEGORY, NOT_LITERAL, GROUPREF...: matches varied text


_GROUPS = tuple(
    getattr(_c, name) for name in ("SUBPATTERN", "ATOMIC_GROUP", "BRANCH") if hasattr(_c, name)
)
_REPEATS = tuple(
    getattr(_c, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(_c, name)
)


_NON_WORD_CATEGORIES = (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD)


def _non_word(op: Any, av: Any) -> bool:
    """True when every character this node consumes is no word character, and it consumes at
    least one (`\\s`, `\\s+`, `[\\s:(]{1,3}`): the text beside it has a word edge there."""
    if op in _REPEATS:
        low, _, body = av
        return low >= 1 and len(body) == 1 and _non_word(*next(iter(body)))
    if op is _c.CATEGORY:
        return av in _NON_WORD_CATEGORIES
    if op is _c.IN:
        return bool(av) and all(
            (o is _c.CATEGORY and a in _NON_WORD_CATEGORIES)
            or (o is _c.LITERAL and chr(a).isascii() and not _is_word_ascii(chr(a)))
            for o, a in av
        )
    return False


def _is_word_class(items: list[Any]) -> bool:
    """True for a single \\w, or a class that holds all of \\w (`[\\w-]`): its negative
    lookaround says the neighbour is no word character."""
    if len(items) != 1:
        return False
    op, av = items[0]
    if op is _c.CATEGORY:
        return av is _c.CATEGORY_WORD
    return (
        op is _c.IN
        and any(o is _c.CATEGORY and a is _c.CATEGORY_WORD for o, a in av)
        and not any(o is _c.NEGATE for o, _ in av)
    )


def _char_class(items: Any) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # NEGATE, CATEGORY, a wide range
        if len(chars) > _MAX_CLASS:
            return None
    if not chars or not all(c.isascii() for c in chars) or chars & {"{", "}"}:
        return None
    return frozenset(fold(c) for c in chars)
