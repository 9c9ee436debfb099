"""The typer declarations of the options several commands share, declared once so they read the
same everywhere.

Only the typer commands import this module (and with it typer): the everyday forms of `guard
check` and `guard hook` are read without typer (guard.commands.quick) and use the plain helpers
of guard.commands.options.
"""

from __future__ import annotations

from typing import Annotated

import typer

from guard.commands.options import FailOn, Platform
from guard.detect.language import SUPPORTED


def _known_lang(value: str | None) -> str | None:
    # Checked here, not by the NLP stage: with --no-nlp an unknown language went unnoticed.
    if value is not None and value not in SUPPORTED:
        raise typer.BadParameter(f"'{value}' is not a language the guard knows; use one of "
                                 f"{', '.join(SUPPORTED)}")
    return value


RulesOpt = Annotated[list[str] | None, typer.Option(
    "--rules", "-r", metavar="PATH", show_default=False,
    help="Rule file or bundled pack name; repeat to stack packs.")]
PlatformOpt = Annotated[Platform | None, typer.Option(
    "--platform", "-p", help="Length profile (default: the pack's).")]
FailOnOpt = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 on this verdict or worse.")]
RedactOpt = Annotated[bool, typer.Option("--redact", help="Mask matched text in the output.")]
NoNlpOpt = Annotated[bool, typer.Option(
    "--no-nlp", help="Skip spaCy rules (faster; the report says it is partial).")]
LangOpt = Annotated[str | None, typer.Option(
    "--lang", metavar="LANG", callback=_known_lang,
    help="Force the draft language (en, fr) instead of detecting it.")]
TodayOpt = Annotated[str | None, typer.Option(
    "--today", metavar="YYYY-MM-DD",
    help="Check as of this date (YYYY-MM-DD), for `active` rules.")]
# `guard check --thread` and `--image` (guard.commands.parts)
ThreadOpt = Annotated[bool, typer.Option(
    "--thread", help="The drafts are the posts of one thread, in order (stdin and files: posts "
    "separated by a line holding only ---).")]
ImageOpt = Annotated[list[str] | None, typer.Option(
    "--image", metavar="PATH", show_default=False,
    help="An image attached to the post; repeatable, in order.")]
AltOpt = Annotated[list[str] | None, typer.Option(
    "--alt", metavar="TEXT", show_default=False,
    help="The alt text of the --image of the same rank; repeatable.")]
NoOcrOpt = Annotated[bool, typer.Option(
    "--no-ocr", help="Do not read the text in images (the report says OCR was skipped).")]
