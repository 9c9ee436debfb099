"""One draft's time budget for editable regular expressions and the filters (pattern rules,
`secrecy:` forms, exclude patterns, `near`).

Each search gets the time left (the `regex` module's `timeout=`). Once per draft a search that
runs out gets a fresh budget: on a busy machine a pause (the scheduler, a garbage collection)
must not pass for a runaway pattern, while one that backtracks catastrophically runs out again
and stops the check with the caller's error (exit 3: the draft was not checked, never a hang).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from guard.errors import CheckError

_T = TypeVar("_T")


class RegexBudget:
    """The time left for one draft's searches."""

    def __init__(self, budget_ms: float) -> None:
        self.budget_ms = budget_ms
        self._end = time.perf_counter() + budget_ms / 1000
        self._second_chance = True

    def left(self, timed_out: Callable[[], CheckError]) -> float:
        """Seconds left, with the draft's one fresh budget when they have run out;
        `timed_out()` raised when they run out a second time."""
        left = self._end - time.perf_counter()
        if left > 0:
            return left
        self._renew(timed_out)
        return self.budget_ms / 1000

    def run(self, call: Callable[[float], _T], timed_out: Callable[[], CheckError]) -> _T:
        """`call(seconds_left)`'s result; `timed_out()` raised when it outruns the budget twice
        (`call` raises TimeoutError when it runs out, as `regex` does)."""
        while True:
            left = self.left(timed_out)
            try:
                return call(left)
            except TimeoutError:
                self._renew(timed_out)

    def aside(self, call: Callable[[], _T]) -> _T:
        """`call()`'s result; the time it takes is not the searches' (a validator's first
        import, a cold process's first use of a table)."""
        start = time.perf_counter()
        try:
            return call()
        finally:
            self._end += time.perf_counter() - start

    def _renew(self, timed_out: Callable[[], CheckError]) -> None:
        if not self._second_chance:
            raise timed_out() from None
        self._second_chance = False
        self._end = time.perf_counter() + self.budget_ms / 1000
