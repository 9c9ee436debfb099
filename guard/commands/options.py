"""What the commands share without typer: the choices, the engine from the options, the exit code.

The typer declarations of the shared options are in guard.commands.declared, which only the
typer commands import: `guard check` and `guard hook` read their everyday forms without typer
(guard.commands.quick) and use these.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Iterable
from enum import Enum
from typing import TextIO

from guard.engine import Guard
from guard.errors import UsageError


class Platform(str, Enum):
    """Length profiles."""

    x = "x"
    x_classic = "x-classic"
    mastodon = "mastodon"
    bluesky = "bluesky"


class FailOn(str, Enum):
    """Which verdict makes the command exit 1."""

    warn = "warn"
    block = "block"


def failing(verdict: str, fail_on: FailOn) -> bool:
    """True when a verdict (or "error": a draft that could not be checked) fails the command."""
    return verdict in ("block", "error") or (verdict == "warn" and fail_on == FailOn.warn)


def exit_for(verdicts: Iterable[str], fail_on: FailOn) -> int:
    """1 when any verdict fails the command (see `failing`), else 0."""
    return 1 if any(failing(v, fail_on) for v in verdicts) else 0


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_today(value: str | None) -> dt.date | None:
    """`--today` as a date, or a usage error that says how to write it."""
    if value is None:
        return None
    try:
        # Only YYYY-MM-DD: Python 3.11 also reads 20261130 and 2026-W48, which look like typos.
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today '{value}' is not a date; write it as YYYY-MM-DD") from None


def build_guard(rules: list[str] | None, no_nlp: bool, today: str | None) -> Guard:
    """The engine over the rules found in discovery order (--rules, $GUARD_RULES, ...), read
    through the user's pack cache (`guard.packs.cache`)."""
    from guard.packs.cache import load_cached
    from guard.packs.pack import discover

    guard = Guard(load_cached(discover(rules or ())), today=parse_today(today), nlp=not no_nlp)
    if guard.nlp_enabled:
        use_program_cache()
    return guard


def use_program_cache() -> None:
    """Let spaCy pipelines load with the user cache's compiled regular expressions (the French
    one compiles for seconds otherwise; `guard.detect.nlp.programs`)."""
    from guard.detect.nlp import programs
    from guard.packs.cache import cache_dir

    programs.use(cache_dir())


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)()) and stream is sys.stdout
