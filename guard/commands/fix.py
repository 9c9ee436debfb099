"""`guard fix`: one draft -> the draft rewritten by its rules' fixes, checked again."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer

from guard.commands.declared import (
    FailOnOpt,
    LangOpt,
    NoNlpOpt,
    PlatformOpt,
    RedactOpt,
    RulesOpt,
    TodayOpt,
)
from guard.commands.options import FailOn, build_guard, exit_for
from guard.errors import UsageError
from guard.fix import fix, fix_dict, reason
from guard.report.redact import redact as redact_report
from guard.sources.drafts import read_file, read_stdin


class Format(str, Enum):
    """Output formats of `fix`."""

    text = "text"
    json = "json"


def command(
    text: Annotated[
        str | None,
        typer.Argument(help="The draft; '-' reads it from standard input.", show_default=False),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", "-f", metavar="FILE", help="Read the draft from this file.",
                     show_default=False),
    ] = None,
    rules: RulesOpt = None,
    platform: PlatformOpt = None,
    output_format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.text,
    fail_on: FailOnOpt = FailOn.block,
    redact: RedactOpt = False,
    no_nlp: NoNlpOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> int:
    """Rewrite a draft with its rules' approved wordings (replace_with) and removals (remove).

    The rewritten draft goes to standard output; what was changed and what could not be fixed go
    to standard error. The exit code is the verdict of the rewritten draft (0, 1), as `check`.
    """
    if (text is None) == (file is None):
        raise UsageError("give the draft as an argument, with -f FILE, or '-' to read standard "
                         "input (one draft)")
    if text is not None:
        draft = read_stdin() if text == "-" else text
    else:
        draft = read_stdin() if file == "-" else read_file(str(file))
    guard = build_guard(rules, no_nlp, today)
    result = fix(guard, draft, platform=platform.value if platform else None, lang=lang)
    report = redact_report(result.report) if redact else result.report
    if output_format == Format.json:
        sys.stdout.write(json.dumps(fix_dict(result, guard.pack, report), ensure_ascii=False,
                                    indent=2) + "\n")
    else:
        sys.stdout.write(result.text + ("" if result.text.endswith("\n") else "\n"))
        err = sys.stderr
        for edit in result.edits:
            what = "removed" if edit.action == "remove" else f"replaced with {edit.replacement!r}"
            err.write(f"fixed: {edit.rule} at {edit.start}-{edit.end}: {what}\n")
        for finding in report.findings:
            err.write(f"not fixed: {finding.rule} at {finding.start}-{finding.end} "
                      f"{finding.text!r}: {reason(finding, guard.pack)}\n")
        length = report.length
        err.write(f"{report.verdict.upper()} (score {report.score}); length "
                  f"{length.weighted}/{length.limit} on {length.platform}\n")
    return exit_for([report.verdict], fail_on)
