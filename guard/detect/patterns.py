"""The `pattern` detector: compiled once per pack, run under one time budget per draft.

Three things keep a pattern from running where it cannot matter (all exact: the hits are the
same as running every pattern on every draft, which `tests/detect/patterns_prefilter_test.py`
holds). A pattern with required literals (`guard.detect.literals`) runs only on a draft holding
one of them, and one of each further clause, all tested in one pass; a pattern that is an
alternation runs only with the alternatives whose literals the draft holds
(`guard.detect.alternatives`); and a pattern whose findings count only `near` another rule,
and that no rule needs as a partner itself, waits until that rule has a hit (`find_late`, after
the NLP rules, since the partner may be one). A pattern compiles on its first run, so a cold
start compiles none that the draft does not need.

Patterns search the draft's Latin reading (`guard.detect.latin`): styled and look-alike letters
read as the Latin ones the patterns are written in, at the draft's own offsets.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from guard.detect import samples
from guard.detect.alternatives import alternatives
from guard.detect.latin import latin
from guard.detect.literals import (
    LiteralIndex,
    fold,
    min_digits,
    required_clauses,
    required_literals,
)
from guard.detect.regex_budget import RegexBudget
from guard.errors import CheckError
from guard.models import Hit, Rule

if TYPE_CHECKING:
    import regex


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """One compile per distinct pattern for the whole process. Not left to the `regex` module's
    own cache, which keeps 500 and then tosses a fifth of them at random: the default pack's
    patterns, their prefilter's alternations and the exclude patterns already fill 447 on the
    real posts, so a few more rules would have the pack recompiling patterns again and again."""
    import regex  # here: a draft that runs no pattern (most) needs no `regex` (≈ 12 ms cold)

    return regex.compile(pattern, regex.V0)


_DIGIT = r"\d"  # the patterns' own `\d` (`compile_pattern`): every decimal digit
_NO_ASCII_DIGITS = str.maketrans("", "", "0123456789")


def digit_count(text: str) -> int:
    r"""How many characters of `text` a pattern's `\d` matches."""
    if text.isascii():
        return len(text) - len(text.translate(_NO_ASCII_DIGITS))
    return len(compile_pattern(_DIGIT).findall(text))


class PatternTimeout(CheckError):
    """A pattern ran past the draft's time budget (it backtracks catastrophically)."""


class PatternDetector:
    """Runs every `pattern` rule of a pack over a draft."""

    def __init__(
        self, rules: Sequence[Rule], timeout_ms: int, pack_rules: Sequence[Rule] | None = None
    ) -> None:
        own = [r for r in rules if r.detector == "pattern"]
        self._budget = timeout_ms / 1000
        # Switch for tests and benchmarks: False runs every pattern on every draft.
        self.prefilter = True
        late = _waiting_for_partners(own, pack_rules) if pack_rules is not None else set()
        self._rules = [r for r in own if r.id not in late]
        self._late = [r for r in own if r.id in late]
        self._categories = {r.id: r.category for r in (pack_rules or own)}
        # A rule that is an alternation is prefiltered by alternative (`alternatives`): the key
        # of its alternative i is (id, i), and it runs with the alternatives that pass.
        self._parts: dict[str, tuple[str, ...]] = {}
        sources: dict[Any, str] = {}
        for r in own:
            parts = alternatives(r.pattern or "")
            if parts is None:  # not an alternation (or not one that can be split safely)
                sources[r.id] = r.pattern or ""
            else:
                self._parts[r.id] = parts
                sources.update(((r.id, i), part) for i, part in enumerate(parts))
        literals = {key: required_literals(source) for key, source in sources.items()}
        always = [key for key, lits in literals.items() if lits is None]
        self._always_whole = [key for key in always if not isinstance(key, tuple)]
        self._always_parts: dict[str, list[int]] = {}
        for key in always:
            if isinstance(key, tuple):
                self._always_parts.setdefault(key[0], []).append(key[1])
        self._sources = {r.id: r.pattern or "" for r in own}
        indexed: dict[Any, frozenset[str]] = {key: lits for key, lits in literals.items() if lits}
        # A key with further clauses (`required_clauses`) runs only when the draft also holds a
        # literal of each: ("&", key, c) is the key of its clause c.
        self._clauses: dict[Any, int] = {}
        for key in list(indexed):
            extra = required_clauses(sources[key])
            if extra:
                self._clauses[key] = len(extra)
                indexed.update((("&", key, c), lits) for c, lits in enumerate(extra))
        self._index = LiteralIndex(indexed)
        # Patterns whose every match holds a few digits (phone, card, IBAN...): a draft with
        # fewer digits in all cannot match them.
        digits = {key: min_digits(source) for key, source in sources.items()}
        self._digits = {key: n for key, n in digits.items() if n > 1}

    def preload(self) -> None:
        """Compile every pattern now (before worker processes fork)."""
        for rule in (*self._rules, *self._late):
            compile_pattern(rule.pattern or "")

    def find(self, text: str) -> list[Hit]:
        """Hits of the pattern rules that run on every draft; raises PatternTimeout when the
        budget runs out."""
        text = latin(text)
        return self._run(text, self._candidates(text, self._rules))

    def find_late(self, text: str, hits: Sequence[Hit]) -> list[Hit]:
        """Hits of the rules that waited for a `near` partner, where one of `hits` is one."""
        ready = [r for r in self._late if self._partner_in(r, hits)]
        if not ready:
            return []
        text = latin(text)
        return self._run(text, self._candidates(text, ready))

    def _partner_in(self, rule: Rule, hits: Sequence[Hit]) -> bool:
        near = rule.near
        assert near is not None
        return any(
            h.rule_id != rule.id
            and (h.rule_id in near.rules or self._categories.get(h.rule_id) in near.categories)
            for h in hits
        )

    def _candidates(self, text: str, rules: list[Rule]) -> list[tuple[Rule, str]]:
        """The rules to run on `text`, each with the pattern to run: the rule's own, or the
        alternation of those of its alternatives the prefilter lets through."""
        if not self.prefilter or not rules:
            return [(r, r.pattern or "") for r in rules]
        # The digits first: a key they rule out needs no look at its literals' edges (a NINO's
        # last letter, `a¦`, is at the end of many words).
        needs = self._digits
        short: set[Any] = set()
        if needs:
            have = digit_count(text)
            short = {key for key, n in needs.items() if n > have}
        present = self._index.keys_in(fold(text), text, short)
        # From what passed to what runs, without a look at every rule: a draft holds the
        # literals of few, and most split rules have no alternative that always runs.
        sources = self._sources
        ok = {rid: sources[rid] for rid in self._always_whole if rid not in short}
        passed = {rid: [i for i in idx if (rid, i) not in short]
                  for rid, idx in self._always_parts.items()}
        clauses = self._clauses
        met: dict[Any, int] = {}  # key -> how many of its further clauses the draft holds
        if clauses:
            for key in present:
                if type(key) is tuple and len(key) == 3:
                    met[key[1]] = met.get(key[1], 0) + 1
        for key in present:
            if key in short or (key in clauses and met.get(key, 0) < clauses[key]):
                continue
            if type(key) is tuple:
                if len(key) == 2:  # an alternative (a further clause's key is left alone)
                    passed.setdefault(key[0], []).append(key[1])
            else:
                ok[key] = sources[key]
        for rid, kept in passed.items():
            parts = self._parts[rid]
            if len(kept) == len(parts):
                ok[rid] = sources[rid]
            elif kept:
                ok[rid] = "|".join(parts[i] for i in sorted(kept))
        return [(r, ok[r.id]) for r in rules if r.id in ok]

    def _run(self, text: str, rules: list[tuple[Rule, str]]) -> list[Hit]:
        hits: list[Hit] = []
        if not rules:
            return hits
        # Compile first: a first compile (cold start) is not the draft's matching time.
        compiled_rules = [(rule, compile_pattern(source)) for rule, source in rules]
        clock = RegexBudget(self._budget * 1000)
        for rule, compiled in compiled_rules:
            found = clock.run(partial(_matches, rule, compiled, text),
                              partial(self._timed_out, rule))
            if found and (rule.validate or rule.unless):
                # Nor are the validators: their first call imports phonenumbers and its
                # regions' metadata (over 100 ms on a loaded machine, which ran out the budget).
                found = clock.aside(partial(_kept, rule, text, found))
            hits.extend(Hit(rule.id, s, e, "pattern", normalized=g) for s, e, g in found)
        return hits

    def _timed_out(self, rule: Rule) -> PatternTimeout:
        return PatternTimeout(
            f"rule {rule.id}: its pattern ran past the time limit of "
            f"{self._budget * 1000:.0f} ms on this draft, so the draft was not "
            f"checked (simplify the pattern: avoid nested quantifiers such as "
            f"(a+)+; run `guard rules lint`)"
        )


def _matches(
    rule: Rule, compiled: regex.Pattern[str], text: str, remaining: float
) -> list[tuple[int, int, str]]:
    """The rule's matches (start, end, text) within `remaining` seconds (`rule` names whose
    they are to tools that charge the time, benchmarks/rule_cost.py)."""
    # Most patterns that pass the prefilter still find nothing, and a `search` that finds
    # nothing costs less than a `finditer` (no iterator). When it finds one, all are found
    # from the text's start again: a `finditer` from the first match's start would differ (a
    # `\K` leaves out of the match text that a search from there cannot see; `\G` anchors there).
    deadline = time.perf_counter() + remaining
    if compiled.search(text, timeout=remaining) is None:
        return []
    left = deadline - time.perf_counter()
    if left <= 0:
        raise TimeoutError  # as `regex` does: the caller's budget decides
    return [(m.start(), m.end(), m.group()) for m in compiled.finditer(text, timeout=left)
            if m.end() > m.start()]


def _kept(
    rule: Rule, text: str, found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The matches the rule's validators confirm and its `unless` checks leave."""
    return [(s, e, g) for s, e, g in found
            if (not rule.validate or _valid(g, rule.validate))
            and not (rule.unless and samples.nobodys(text, s, e, rule.unless))]


def _valid(text: str, names: Sequence[str]) -> bool:
    # Imported on the first match that needs it: the validators compile regexes of their own.
    from guard.detect.validators import VALIDATORS

    return all(VALIDATORS[name](text) for name in names)


def _waiting_for_partners(own: Sequence[Rule], pack_rules: Sequence[Rule]) -> set[str]:
    """Pattern rules that can wait for their `near` partners: their own hits matter only next
    to a partner, and no rule of the pack names them (by id or category) as its partner."""
    named_ids: set[str] = set()
    named_categories: set[str] = set()
    for r in pack_rules:
        if r.near is not None:
            named_ids.update(r.near.rules)
            named_categories.update(r.near.categories)
    return {
        r.id
        for r in own
        if r.near is not None and r.id not in named_ids and r.category not in named_categories
    }
