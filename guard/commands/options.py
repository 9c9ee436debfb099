"""Options shared by several commands, declared once so they read the same everywhere.

The typer declarations (`RulesOpt`, `NoNlpOpt`, ...) are made on first use: the plain helpers
here (`build_guard`, `exit_for`, the choices) serve `guard check` without importing typer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Annotated, TextIO

from guard.detect.language import SUPPORTED
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


def _known_lang(value: str | None) -> str | None:
    # Checked here, not by the NLP stage: with --no-nlp an unknown language went unnoticed.
    if value is not None and value not in SUPPORTED:
        import typer

        raise typer.BadParameter(f"'{value}' is not a language the guard knows; use one of "
                                 f"{', '.join(SUPPORTED)}")
    return value


def _typer_declarations() -> dict[str, object]:
    # typer is imported here, not at the top: the everyday `guard check` runs without it
    # (guard.commands.quick) and still uses this module's plain helpers.
    import typer

    return {
        "RulesOpt": Annotated[list[str] | None, typer.Option(
            "--rules", "-r", metavar="PATH", show_default=False,
            help="Rule file or bundled pack name; repeat to stack packs.")],
        "PlatformOpt": Annotated[Platform | None, typer.Option(
            "--platform", "-p", help="Length profile (default: the pack's).")],
        "FailOnOpt": Annotated[FailOn, typer.Option(
            "--fail-on", help="Exit 1 on this verdict or worse.")],
        "RedactOpt": Annotated[bool, typer.Option(
            "--redact", help="Mask matched text in the output.")],
        "NoNlpOpt": Annotated[bool, typer.Option(
            "--no-nlp", help="Skip spaCy rules (faster; the report says it is partial).")],
        "LangOpt": Annotated[str | None, typer.Option(
            "--lang", metavar="LANG", callback=_known_lang,
            help="Force the draft language (en, fr) instead of detecting it.")],
        "TodayOpt": Annotated[str | None, typer.Option(
            "--today", metavar="YYYY-MM-DD",
            help="Check as of this date (YYYY-MM-DD), for `active` rules.")],
    }


def declared_on_use(build: Callable[[], dict[str, object]], module: str) -> Callable[[str], object]:
    """A module `__getattr__` (PEP 562) that makes the typer declarations (names ending in `Opt`)
    with `build` on first use: `from guard.commands.options import RulesOpt` imports typer, the
    module's other names do not."""
    declared: dict[str, object] = {}

    def __getattr__(name: str) -> object:
        if name.endswith("Opt"):
            if not declared:
                declared.update(build())
            if name in declared:
                return declared[name]
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__


__getattr__ = declared_on_use(_typer_declarations, __name__)


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
