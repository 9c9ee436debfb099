"""The `pattern` detector: compiled once per pack, run under one time budget per draft.

Two things keep a pattern from running where it cannot matter (both are exact: the hits are the
same as running every pattern on every draft, which `tests/detect/patterns_prefilter_test.py`
holds). A pattern with required literals (`guard.detect.literals`) runs only on a draft holding
one of them, all tested in one pass; and a pattern whose findings count only `near` another rule,
and that no rule needs as a partner itself, waits until that rule has a hit (`find_late`, after
the NLP rules, since the partner may be one). A pattern compiles on its first run, so a cold
start compiles none that the draft does not need.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import lru_cache, partial

import regex

from guard.detect import samples
from guard.detect.literals import LiteralIndex, fold, min_digits, required_literals
from guard.detect.regex_budget import RegexBudget
from guard.errors import CheckError
from guard.models import Hit, Rule


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """One compile per distinct pattern for the whole process."""
    return regex.compile(pattern, regex.V0)


_DIGIT = regex.compile(r"\d", regex.V0)  # the patterns' own `\d`: every decimal digit
_NO_ASCII_DIGITS = str.maketrans("", "", "0123456789")


def digit_count(text: str) -> int:
    r"""How many characters of `text` a pattern's `\d` matches."""
    if text.isascii():
        return len(text) - len(text.translate(_NO_ASCII_DIGITS))
    return len(_DIGIT.findall(text))


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
        literals = {r.id: required_literals(r.pattern or "") for r in own}
        self._always = {rid for rid, lits in literals.items() if lits is None}
        self._index = LiteralIndex({rid: lits for rid, lits in literals.items() if lits})
        # Patterns whose every match holds a few digits (phone, card, IBAN...): a draft with
        # fewer digits in all cannot match them.
        digits = {r.id: min_digits(r.pattern or "") for r in own}
        self._digits = {rid: n for rid, n in digits.items() if n > 1}

    def preload(self) -> None:
        """Compile every pattern now (before worker processes fork)."""
        for rule in (*self._rules, *self._late):
            compile_pattern(rule.pattern or "")

    def find(self, text: str) -> list[Hit]:
        """Hits of the pattern rules that run on every draft; raises PatternTimeout when the
        budget runs out."""
        return self._run(text, self._candidates(text, self._rules))

    def find_late(self, text: str, hits: Sequence[Hit]) -> list[Hit]:
        """Hits of the rules that waited for a `near` partner, where one of `hits` is one."""
        ready = [r for r in self._late if self._partner_in(r, hits)]
        return self._run(text, self._candidates(text, ready)) if ready else []

    def _partner_in(self, rule: Rule, hits: Sequence[Hit]) -> bool:
        near = rule.near
        assert near is not None
        return any(
            h.rule_id != rule.id
            and (h.rule_id in near.rules or self._categories.get(h.rule_id) in near.categories)
            for h in hits
        )

    def _candidates(self, text: str, rules: list[Rule]) -> list[Rule]:
        if not self.prefilter or not rules:
            return rules
        # The digits first: a rule they rule out needs no look at its literals' edges (a NINO's
        # last letter, `a¦`, is at the end of many words).
        needs = self._digits
        short: set[str] = set()
        if needs:
            have = digit_count(text)
            short = {rid for rid, n in needs.items() if n > have}
        present = self._index.keys_in(fold(text), text, short)
        always = self._always
        return [r for r in rules if (r.id in always or r.id in present) and r.id not in short]

    def _run(self, text: str, rules: list[Rule]) -> list[Hit]:
        hits: list[Hit] = []
        if not rules:
            return hits
        # Compile first: a first compile (cold start) is not the draft's matching time.
        compiled_rules = [(rule, compile_pattern(rule.pattern or "")) for rule in rules]
        clock = RegexBudget(self._budget * 1000)
        for rule, compiled in compiled_rules:
            hits.extend(clock.run(
                partial(_matches, rule, compiled, text), partial(self._timed_out, rule)
            ))
        return hits

    def _timed_out(self, rule: Rule) -> PatternTimeout:
        return PatternTimeout(
            f"rule {rule.id}: its pattern ran past the time limit of "
            f"{self._budget * 1000:.0f} ms on this draft, so the draft was not "
            f"checked (simplify the pattern: avoid nested quantifiers such as "
            f"(a+)+; run `guard rules lint`)"
        )


def _matches(rule: Rule, compiled: regex.Pattern[str], text: str, remaining: float) -> list[Hit]:
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
    return [
        Hit(rule.id, m.start(), m.end(), "pattern", normalized=m.group())
        for m in compiled.finditer(text, timeout=left)
        if m.end() > m.start()
        and (not rule.validate or _valid(m.group(), rule.validate))
        and not (rule.unless and samples.nobodys(text, m.start(), m.end(), rule.unless))
    ]


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
