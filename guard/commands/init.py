"""`guard init` (being built: see the issue tracker)."""

from __future__ import annotations

from ..errors import UsageError


def command() -> int:
    """Not available yet."""
    raise UsageError("'guard init' is not available in this version yet")
