"""A regular expression compiled when first used.

Modules whose patterns serve only some drafts (the `unless:` checks run only after a pattern
rule matched) would otherwise compile them on every cold start, for the many drafts that never
need them; and a cold check that compiles none does not import `regex` at all (≈ 12 ms).
"""

from __future__ import annotations

from typing import Any


class LazyPattern:
    """`regex.compile(pattern, flags)`, done on the first attribute asked for (`search`, ...)."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            import regex  # here: a check that compiles no pattern does not load the module

            self._compiled = regex.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)
