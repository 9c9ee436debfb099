"""`guard hook FILE...`: its typer declaration (options, help); the work is
guard.commands.hooking."""

from __future__ import annotations

from typing import Annotated

import typer

from guard.commands.declared import FailOnOpt, NoNlpOpt, PlatformOpt, RulesOpt, TodayOpt
from guard.commands.hooking import run
from guard.commands.options import FailOn


def command(
    files: Annotated[list[str] | None, typer.Argument(metavar="FILE...", help="Draft files.",
                                                      show_default=False)] = None,
    rules: RulesOpt = None,
    platform: PlatformOpt = None,
    fail_on: FailOnOpt = FailOn.block,
    no_nlp: NoNlpOpt = False,
    today: TodayOpt = None,
) -> int:
    """Check draft files for pre-commit: exit 1 when a draft is blocked or a file cannot be read."""
    return run(files=files, rules=rules, platform=platform, fail_on=fail_on, no_nlp=no_nlp,
               today=today)
