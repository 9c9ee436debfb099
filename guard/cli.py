"""The `guard` command: a thin typer shell over the engine.

`main(argv)` returns the exit code instead of exiting, so tests run the CLI in-process. Every
GuardError maps to its exit code here, in one place; anything else is an internal error (3):
posting tools treat every non-zero code as "do not publish".
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported at run time only to build the app: see `_quick`
    import typer

from guard import __version__
from guard.errors import GuardError

# Each command's module, imported only when that command runs (or for --help): a cold
# `guard check` does not pay for scan, serve, the rule tools or the report formats it does
# not print. The order is the order of `guard --help`.
COMMANDS = {
    "check": "guard.commands.check",
    "fix": "guard.commands.fix",
    "scan": "guard.commands.scan",
    "rules": "guard.commands.rules",
    "explain": "guard.commands.explain",
    "serve": "guard.commands.serve",
    "init": "guard.commands.init",
    "hook": "guard.commands.hook",
    "audit": "guard.commands.audit",
    "verify": "guard.commands.verify",
    "strip": "guard.commands.strip",
}
GROUPS = {"rules", "audit"}  # commands that are typer apps of their own


def build_app(only: str | None = None) -> typer.Typer:
    """The typer app, with every command or, when `only` names one, that command alone."""
    import typer

    app = typer.Typer(
        name="guard",
        help="Lint a draft post for leaks (codenames, clients, figures, PII, secrets) and length.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )

    def show_version(value: bool) -> None:
        if value:
            typer.echo(f"tweet-guard {__version__}")
            raise typer.Exit(0)

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False, "--version", callback=show_version, is_eager=True,
            help="Print the version and exit.",
        ),
    ) -> None:
        """tweet-guard: exit 0 allowed (warn too), 1 blocked, 2 usage or rule error, 3 not checked."""  # noqa: E501

    for name, module in COMMANDS.items():
        if only is not None and name != only:
            continue
        loaded = importlib.import_module(module)
        if name in GROUPS:
            app.add_typer(loaded.app, name=name)
        else:
            app.command(name)(loaded.command)
    return app


def _command_named(args: Sequence[str]) -> str | None:
    # The first argument names the command unless a root option comes first (--version, --help).
    return args[0] if args and args[0] in COMMANDS else None


def _quick(args: Sequence[str]) -> Callable[[], int] | None:
    # The everyday forms of `check` and `hook` run without typer (guard.commands.quick).
    if not args:
        return None
    from guard.commands.quick import parse

    parsed = parse(args[0], args[1:])
    if parsed is None:
        return None
    run, values = parsed
    return lambda: run(**values)


def _with_typer(args: Sequence[str]) -> int:
    import typer

    try:
        app = build_app(_command_named(args))
        result = app(args=list(args), prog_name="guard", standalone_mode=False)
    except typer.Exit as exc:
        return int(getattr(exc, "exit_code", 0))
    except typer.Abort:
        return 130
    return int(result or 0)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        quick = _quick(args)
        return quick() if quick is not None else _with_typer(args)
    except GuardError as exc:
        _error(exc.describe())
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            # typer's (vendored) click usage errors: bad option, missing argument, bad choice
            exc.show()
            return 2 if exc.exit_code == 2 else int(exc.exit_code)
        if os.environ.get("GUARD_DEBUG"):
            import traceback

            traceback.print_exc()
        kind, value, _ = sys.exc_info()
        _error(
            f"internal error ({kind.__name__ if kind else '?'}: {value}); "
            "the draft was NOT checked. "
            "Set GUARD_DEBUG=1 for the traceback and report it."
        )
        return 3


def _error(message: str) -> None:
    for line in message.splitlines() or [""]:
        sys.stderr.write(f"guard: error: {line}\n")


def run() -> None:
    """Console-script entry point: once the output is flushed, leave without the interpreter's
    teardown (freeing every object of a loaded pack and model takes longer than the check)."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or 1
    if os.environ.get("GUARD_SLOW_EXIT"):
        sys.exit(code)  # for tools that need atexit handlers (coverage, profilers)
    os._exit(code)
