"""`guard check`: its typer declaration (options, help); the work is guard.commands.checking."""

from __future__ import annotations

from typing import Annotated

import typer

from guard.commands.audit import AuditOpt
from guard.commands.checking import Format, run
from guard.commands.declared import (
    AltOpt,
    FailOnOpt,
    ImageOpt,
    LangOpt,
    NoNlpOpt,
    NoOcrOpt,
    PlatformOpt,
    RedactOpt,
    RulesOpt,
    ThreadOpt,
    TodayOpt,
)
from guard.commands.options import FailOn


def command(
    text: Annotated[
        list[str] | None,
        typer.Argument(help="The draft; '-' reads it from standard input.", show_default=False),
    ] = None,
    files: Annotated[
        list[str] | None,
        typer.Option(
            "--file",
            "-f",
            metavar="FILE",
            help="Read a draft from this file; repeatable.",
            show_default=False,
        ),
    ] = None,
    rules: RulesOpt = None,
    platform: PlatformOpt = None,
    output_format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.text,
    fail_on: FailOnOpt = FailOn.block,
    redact: RedactOpt = False,
    no_nlp: NoNlpOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
    override: Annotated[
        str | None,
        typer.Option("--override", metavar="REASON",
                     help="Override a warn (or what the policy allows) with this business "
                     "reason; recorded in the audit store.", show_default=False),
    ] = None,
    audit: AuditOpt = None,
    thread: ThreadOpt = False,
    images: ImageOpt = None,
    alts: AltOpt = None,
    no_ocr: NoOcrOpt = False,
) -> int:
    """Check a draft: exit 0 allowed (warn too), 1 blocked, 2 usage or rule error, 3 not checked."""
    return run(text=text, files=files, rules=rules, platform=platform,
               output_format=output_format, fail_on=fail_on, redact=redact, no_nlp=no_nlp,
               lang=lang, today=today, override=override, audit=audit, thread=thread,
               images=images, alts=alts, no_ocr=no_ocr)
