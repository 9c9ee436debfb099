"""The everyday forms of `guard check`, read without typer.

Importing typer costs a cold `guard check` about as much CPU as Python's own start (its
completion, subprocess and platform modules come with it), on every call from a shell or a
posting tool. The common forms (a draft or `-`, files, and options with a value or none) are
read here, with typer's meaning, and go straight to `guard.commands.checking.run`; anything
else (`--help`, an unknown or misspelt option, a value typer would refuse, `-rVALUE`) returns
None and typer parses it as before, with its own messages. tests/commands/quick_test.py holds
the two readings equal on every form, and this table equal to typer's options.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from guard.commands.checking import Format
from guard.commands.options import FailOn, Platform
from guard.detect.language import SUPPORTED

# Option -> (run's parameter, what it takes): a choice enum, str (one value: the last given
# wins, as in click), list (repeatable) or bool (a flag).
OPTIONS: dict[str, tuple[str, Any]] = {
    "--file": ("files", list),
    "-f": ("files", list),
    "--rules": ("rules", list),
    "-r": ("rules", list),
    "--platform": ("platform", Platform),
    "-p": ("platform", Platform),
    "--format": ("output_format", Format),
    "--fail-on": ("fail_on", FailOn),
    "--redact": ("redact", bool),
    "--no-nlp": ("no_nlp", bool),
    "--lang": ("lang", str),
    "--today": ("today", str),
    "--override": ("override", str),
    "--audit": ("audit", str),
    "--thread": ("thread", bool),
    "--image": ("images", list),
    "--alt": ("alts", list),
    "--no-ocr": ("no_ocr", bool),
}


def parse_check(args: Sequence[str]) -> dict[str, Any] | None:
    """`run`'s keyword arguments for `guard check ARGS`, or None when typer should read them."""
    values: dict[str, Any] = {}
    texts: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--":
            texts += rest
            break
        if arg == "-" or not arg.startswith("-"):
            texts.append(arg)
            continue
        name, given = arg, None
        if arg.startswith("--") and "=" in arg:
            name, given = arg.split("=", 1)
        if name not in OPTIONS:
            return None  # --help, an unknown option, -rVALUE: typer's to read or refuse
        param, kind = OPTIONS[name]
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
        if value is None or (param == "lang" and value not in SUPPORTED):
            return None  # typer names the choices, or the languages the guard knows
        if kind is list:
            values.setdefault(param, []).append(value)
        else:
            values[param] = value
    if texts:
        values["text"] = texts
    return values


def _value(kind: Any, given: str) -> Any:
    if isinstance(kind, type) and issubclass(kind, Enum):
        try:
            return kind(given)
        except ValueError:
            return None
    return given
