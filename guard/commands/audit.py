"""`guard audit report|prune`: what the audit store holds, for the compliance team."""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import Annotated

import typer

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


# `guard.audit.store.ENV_VAR`, spelt here too: a check without an audit store imports nothing
# of the store (sqlite3 and its tables); tests/cli_test.py holds the two equal.
ENV_VAR = "GUARD_AUDIT"


def audit_target(value: str | None) -> str | None:
    """`--audit`, else $GUARD_AUDIT, else None (no audit store)."""
    return value or os.environ.get(ENV_VAR, "").strip() or None


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


def record_checks(target: str, guard, drafts: list[str], reports: list, override: str | None,
                  ) -> list[bool]:  # type: ignore[no-untyped-def]
    """Record CLI checks (and an override) in the audit store; True where an override holds."""
    import getpass

    from guard.audit.records import RecordMaker, audit_secret, valid_reason
    from guard.audit.store import AuditStore

    if override is not None and (problem := valid_reason(override)):
        raise UsageError(f"--override: {problem}")
    who = os.environ.get("GUARD_USER", "").strip() or getpass.getuser()
    maker = RecordMaker(guard.pack.rules, guard.pack.settings, audit_secret())
    store = AuditStore(target)
    held = []
    try:
        for draft, report in zip(drafts, reports, strict=True):
            record = maker.record(report, draft, who)
            store.record_check(record)
            note = f"guard: recorded check {record.id}"
            accepted = False
            if override is not None and report.verdict != "allow":
                accepted = record.override == "allowed"
                store.record_override(record.id, who, override.strip(), accepted)
                note += (f"; override accepted ({override.strip()})" if accepted
                         else f"; override refused: {record.override}")
            held.append(accepted)
            sys.stderr.write(note + "\n")
    finally:
        store.close()
    return held
