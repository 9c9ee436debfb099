"""The `guard` command: a thin typer shell over the engine.

`main(argv)` returns the exit code instead of exiting, so tests run the CLI in-process. Every
GuardError maps to its exit code here, in one place; anything else is an internal error (3):
posting tools treat every non-zero code as "do not publish".
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

import typer

from guard import __version__
from guard.commands import audit as audit_cmd
from guard.commands import check as check_cmd
from guard.commands import explain as explain_cmd
from guard.commands import fix as fix_cmd
from guard.commands import hook as hook_cmd
from guard.commands import init as init_cmd
from guard.commands import rules as rules_cmd
from guard.commands import scan as scan_cmd
from guard.commands import serve as serve_cmd
from guard.commands import strip as strip_cmd
from guard.commands import verify as verify_cmd
from guard.errors import GuardError

app = typer.Typer(
    name="guard",
    help="Lint a draft post for leaks (codenames, clients, figures, PII, secrets) and length.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tweet-guard {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """tweet-guard: exit 0 allowed (warn too), 1 blocked, 2 usage or rule error, 3 not checked."""


app.command("check")(check_cmd.command)
app.command("fix")(fix_cmd.command)
app.command("scan")(scan_cmd.command)
app.add_typer(rules_cmd.app, name="rules")
app.command("explain")(explain_cmd.command)
app.command("serve")(serve_cmd.command)
app.command("init")(init_cmd.command)
app.command("hook")(hook_cmd.command)
app.add_typer(audit_cmd.app, name="audit")
app.command("verify")(verify_cmd.command)
app.command("strip")(strip_cmd.command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        result = app(args=args, prog_name="guard", standalone_mode=False)
    except GuardError as exc:
        _error(exc.describe())
        return exc.exit_code
    except typer.Exit as exc:
        return int(getattr(exc, "exit_code", 0))
    except (typer.Abort, KeyboardInterrupt):
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            # typer's (vendored) click usage errors: bad option, missing argument, bad choice
            exc.show()
            return 2 if exc.exit_code == 2 else int(exc.exit_code)
        if os.environ.get("GUARD_DEBUG"):
            traceback.print_exc()
        kind, value, _ = sys.exc_info()
        _error(
            f"internal error ({kind.__name__ if kind else '?'}: {value}); "
            "the draft was NOT checked. "
            "Set GUARD_DEBUG=1 for the traceback and report it."
        )
        return 3
    return int(result or 0)


def _error(message: str) -> None:
    for line in message.splitlines() or [""]:
        sys.stderr.write(f"guard: error: {line}\n")


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
