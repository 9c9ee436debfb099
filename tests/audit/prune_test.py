"""Retention on SQLite and on a real PostgreSQL: prune deletes in small transactions, counts every
row it removed, keeps the newer ones, and the pruned records leave the database file."""

from __future__ import annotations

import datetime as dt

from guard.audit.store import PRUNE_CHUNK, AuditStore, CheckRecord
from tests.audit.conftest import database_dump

NOW = dt.datetime(2026, 11, 30, 9, 0)


def _record(n: int, at: dt.datetime, who: str) -> CheckRecord:
    return CheckRecord(id=f"chk-{n:06d}", at=at, who=who, policy_name="acme",
                       policy_digest="d" * 64, verdict="warn", score=40, rules="pii.email",
                       platform="x", length=42,
                       text_hmac="h" * 64, text=None, period=None, override="allowed")


def test_prune_removes_more_than_one_chunk_and_keeps_the_newer(audit_target: str) -> None:
    store = AuditStore(audit_target)
    try:
        old, new = NOW - dt.timedelta(days=400), NOW - dt.timedelta(days=3)
        olds = [_record(n, old, "pruned-author-kxq") for n in range(PRUNE_CHUNK + 7)]
        store.record_checks(olds)
        store.record_checks([_record(900_000 + n, new, "kept-author") for n in range(5)])
        store.record_override(olds[-1].id, "pruned-author-kxq", "launch approved", True)
        store.record_feedback(olds[0].id, "pruned-author-kxq", "pii.email", "false-alarm", "",
                              None)

        counts = store.prune(NOW - dt.timedelta(days=365))

        assert counts == {"overrides": 1, "feedback": 1, "checks": PRUNE_CHUNK + 7}
        rows = store.rows(None)
        assert [r["who"] for r in rows["checks"]] == ["kept-author"] * 5
        assert rows["overrides"] == [] and rows["feedback"] == []
        # Read while the store is still open, as a running server holds it: gone from the file
        # and from SQLite's write-ahead log, not merely unlinked from the tables.
        assert b"pruned-author-kxq" not in database_dump(audit_target)
        assert b"kept-author" in database_dump(audit_target)
    finally:
        store.close()
