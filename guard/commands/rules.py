"""`guard rules ...`: the compliance team's tools (being built: see the issue tracker)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Lint, test, hash and describe rule packs.", no_args_is_help=True)
