"""`guard audit report|prune`: what the audit store holds, for the compliance team."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer

from guard.commands.audit_record import audit_target
from guard.errors import UsageError

app = typer.Typer(help="Report on and prune the audit store.", no_args_is_help=True)

AuditOpt = Annotated[
    str | None,
    typer.Option("--audit", metavar="PATH_OR_URL",
                 help="Audit store: a SQLite file or a postgresql:// URL (or $GUARD_AUDIT).",
                 show_default=False),
]


class Format(str, Enum):
    """Output formats of `audit report`."""

    text = "text"
    json = "json"
    csv = "csv"
    html = "html"


def _store(value: str | None):  # type: ignore[no-untyped-def]
    target = audit_target(value)
    if target is None:
        raise UsageError("name the audit store with --audit PATH_OR_URL or $GUARD_AUDIT")
    from pathlib import Path

    from guard.audit.store import AuditStore

    if "://" not in target and not Path(target).expanduser().is_file():
        raise UsageError(f"no audit store at '{target}': give the file `guard serve --audit` "
                         "writes to, or a postgresql:// URL")
    return AuditStore(target)


@app.command("report")
def report(
    audit: AuditOpt = None,
    since: Annotated[str | None, typer.Option("--since", metavar="AGE",
                                              help="Only the last 12h, 30d, 4w...")] = None,
    output_format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.text,
) -> int:
    """Checks, verdicts per day, and each rule's fires, overrides and false alarms."""
    from guard.audit.report import parse_age, render_csv, render_text, summarise
    from guard.audit.store import now

    start = now() - parse_age(since, "--since") if since else None
    store = _store(audit)
    try:
        data = summarise(store.rows(start), start)
    finally:
        store.close()
    if output_format == Format.json:
        out = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif output_format == Format.csv:
        out = render_csv(data)
    elif output_format == Format.html:
        from guard.audit.html import render_html

        out = render_html(data)
    else:
        out = render_text(data) + "\n"
    sys.stdout.write(out)
    return 0


@app.command("prune")
def prune(
    older_than: Annotated[str, typer.Option("--older-than", metavar="AGE",
                                            help="Delete records older than this: 365d, 52w.")],
    audit: AuditOpt = None,
) -> int:
    """Delete audit records past their retention (a check takes its overrides along)."""
    from guard.audit.report import parse_age
    from guard.audit.store import now

    before = now() - parse_age(older_than, "--older-than")
    store = _store(audit)
    try:
        counts = store.prune(before)
    finally:
        store.close()
    sys.stdout.write(f"pruned {counts['checks']} checks, {counts['overrides']} overrides, "
                     f"{counts['feedback']} feedback reports older than {before:%Y-%m-%d %H:%M} "
                     "UTC\n")
    return 0
