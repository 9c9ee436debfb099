"""The `pattern` detector: compiled once per pack, run under one time budget per draft."""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import lru_cache

import regex

from guard.detect.validators import VALIDATORS
from guard.errors import CheckError
from guard.models import Hit, Rule


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """One compile per distinct pattern for the whole process."""
    return regex.compile(pattern, regex.V0)


class PatternTimeout(CheckError):
    """A pattern ran past the draft's time budget (it backtracks catastrophically)."""


class PatternDetector:
    """Runs every `pattern` rule of a pack over a draft."""

    def __init__(self, rules: Sequence[Rule], timeout_ms: int) -> None:
        self._rules = [
            (r, compile_pattern(r.pattern or "")) for r in rules if r.detector == "pattern"
        ]
        self._budget = timeout_ms / 1000

    def find(self, text: str) -> list[Hit]:
        """Hits of every pattern rule; raises PatternTimeout when the budget runs out."""
        hits: list[Hit] = []
        deadline = time.perf_counter() + self._budget
        for rule, compiled in self._rules:
            remaining = deadline - time.perf_counter()
            try:
                if remaining <= 0:
                    raise TimeoutError
                for m in compiled.finditer(text, timeout=remaining):
                    if m.end() == m.start():
                        continue
                    if all(VALIDATORS[name](m.group()) for name in rule.validate):
                        hits.append(
                            Hit(rule.id, m.start(), m.end(), "pattern", normalized=m.group())
                        )
            except TimeoutError:
                raise PatternTimeout(
                    f"rule {rule.id}: its pattern ran past the time limit of "
                    f"{self._budget * 1000:.0f} ms on this draft, so the draft was not checked "
                    f"(simplify the pattern: avoid nested quantifiers such as (a+)+; "
                    f"run `guard rules lint`)"
                ) from None
        return hits
