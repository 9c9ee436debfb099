"""Recording CLI checks in the audit store: what `guard check --audit` needs, without typer.

`guard audit report|prune` (guard.commands.audit) is a typer app; a check that records to the
store only needs these, and the everyday `guard check` does not import typer
(guard.commands.quick).
"""

from __future__ import annotations

import os
import sys

from guard.errors import UsageError

# `guard.audit.store.ENV_VAR`, spelt here too: a check without an audit store imports nothing
# of the store (sqlite3 and its tables); tests/cli_test.py holds the two equal.
ENV_VAR = "GUARD_AUDIT"


def audit_target(value: str | None) -> str | None:
    """`--audit`, else $GUARD_AUDIT, else None (no audit store)."""
    return value or os.environ.get(ENV_VAR, "").strip() or None


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
