"""The everyday forms of `guard check` and `guard hook`, read without typer.

Importing typer costs a cold check about as much CPU as Python's own start (its completion,
subprocess and platform modules come with it), on every call from a shell, a posting tool or
pre-commit. The common forms (drafts or files, and options with a value or none) are read here,
with typer's meaning, and go straight to the command's `run` (guard.commands.checking,
guard.commands.hooking); anything else (`--help`, an unknown or misspelt option, a value typer
would refuse, `-rVALUE`) returns None and typer parses it as before, with its own messages.
tests/cli_quick_test.py holds the two readings equal on every form, and each table equal to
the typer command's options.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, NamedTuple

from guard.commands.options import FailOn, Platform

# The options several commands share: option -> (run's parameter, what it takes): a choice
# enum, str (one value: the last given wins, as in click), list (repeatable) or bool (a flag).
SHARED: dict[str, tuple[str, Any]] = {
    "--rules": ("rules", list),
    "-r": ("rules", list),
    "--platform": ("platform", Platform),
    "-p": ("platform", Platform),
    "--fail-on": ("fail_on", FailOn),
    "--no-nlp": ("no_nlp", bool),
    "--today": ("today", str),
}


class Reading(NamedTuple):
    """How to read one command: its options, the parameter its arguments fill, its `run`."""

    options: dict[str, tuple[str, Any]]
    arguments: str
    run: Callable[..., int]


def _check() -> Reading:
    from guard.commands.checking import Format, run

    return Reading({
        **SHARED,
        "--file": ("files", list),
        "-f": ("files", list),
        "--format": ("output_format", Format),
        "--redact": ("redact", bool),
        "--lang": ("lang", str),
        "--override": ("override", str),
        "--audit": ("audit", str),
        "--thread": ("thread", bool),
        "--image": ("images", list),
        "--alt": ("alts", list),
        "--no-ocr": ("no_ocr", bool),
    }, "text", run)


def _hook() -> Reading:
    from guard.commands.hooking import run

    return Reading(SHARED, "files", run)


READERS: dict[str, Callable[[], Reading]] = {"check": _check, "hook": _hook}


def parse(command: str, args: Sequence[str]) -> tuple[Callable[..., int], dict[str, Any]] | None:
    """`run` and its keyword arguments for `guard COMMAND ARGS`, or None when typer should read
    them (a command not read here, or a form this does not read)."""
    if command not in READERS:
        return None
    reading = READERS[command]()
    values = read(reading, args)
    return None if values is None else (reading.run, values)


def read(reading: Reading, args: Sequence[str]) -> dict[str, Any] | None:
    """`reading.run`'s keyword arguments for ARGS, or None when typer should read them."""
    values: dict[str, Any] = {}
    arguments: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            arguments += rest
            break
        if arg == "-" or not arg.startswith("-"):
            arguments.append(arg)
            continue
        name, given = arg, None
        if arg.startswith("--") and "=" in arg:
            name, given = arg.split("=", 1)
        if name not in reading.options:
            return None  # --help, an unknown option, -rVALUE: typer's to read or refuse
        param, kind = reading.options[name]
        if kind is bool:
            if given is not None:
                return None
            values[param] = True
            continue
        if given is None:
            if not rest or (rest[0].startswith("-") and rest[0] != "-"):
                return None  # a missing value, or one typer might read as an option
            given = rest.pop(0)
        value = _value(kind, given)
        if value is None or (param == "lang" and not _supported(value)):
            return None  # typer names the choices, or the languages the guard knows
        if kind is list:
            values.setdefault(param, []).append(value)
        else:
            values[param] = value
    if arguments:
        values[reading.arguments] = arguments
    return values


def _supported(lang: str) -> bool:
    # Imported for --lang only: the language module compiles its `regex` patterns on import.
    from guard.detect.language import SUPPORTED

    return lang in SUPPORTED


def _value(kind: Any, given: str) -> Any:
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(given)
        except ValueError:
            return None
    return given
