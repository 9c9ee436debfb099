"""The audit store: SQLite for a file path, PostgreSQL for a postgresql:// URL, one code path.

SQLAlchemy Core over both; Alembic migrates the schema when a store is opened, so server
replicas sharing one PostgreSQL database agree on its shape. Check records, the one write made
per check, go through the driver's `executemany` on a SQLAlchemy raw connection (rows.py): the
Core statement costs several times more CPU than the row itself. Nothing here sees a draft: the
records are built in records.py (a keyed hash, never the text unless the policy says so).
"""

from __future__ import annotations

import datetime as dt
import os
import time
import weakref
from pathlib import Path
from typing import Any, NamedTuple

from guard.audit.rows import RowWriter
from guard.errors import UsageError

ENV_VAR = "GUARD_AUDIT"
SECRET_ENV = "GUARD_AUDIT_SECRET"
PRUNE_CHUNK = 2000  # checks deleted per transaction


class CheckRecord(NamedTuple):
    """One decision: who checked what kind of draft under which policy, and the outcome.

    A tuple in the `checks` table's column order: it is the row the driver inserts as is.
    """

    id: str
    at: dt.datetime
    who: str
    policy_name: str
    policy_digest: str
    verdict: str
    score: int
    rules: str
    platform: str
    length: int
    text_hmac: str
    text: str | None
    period: str | None
    override: str  # "allowed" or why an override of this check is refused


RECORD_FIELDS = CheckRecord._fields


def url_of(target: str) -> str:
    """The SQLAlchemy URL of `--audit`: a file path becomes SQLite, postgresql:// stays."""
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    if target.startswith("postgresql+psycopg://"):
        return target
    if "://" in target:
        raise UsageError(f"--audit '{target.split('://')[0]}://...' is not supported: give a "
                         "file path (SQLite) or a postgresql:// URL")
    path = Path(target).expanduser()
    if path.is_dir():
        raise UsageError(f"--audit '{target}' is a folder; give a database file path")
    if not path.parent.is_dir():
        raise UsageError(f"--audit '{target}': folder '{path.parent}' does not exist")
    return f"sqlite:///{path.resolve()}"


def _dispose_in_child(ref: weakref.ReferenceType[AuditStore]):  # type: ignore[no-untyped-def]
    def dispose() -> None:
        store = ref()
        if store is not None:
            store.engine.dispose(close=False)

    return dispose


class AuditStore:
    """Records checks, overrides and feedback; answers the report's queries."""

    def __init__(self, target: str) -> None:
        try:
            import sqlalchemy as sa
        except ImportError as exc:
            raise UsageError(f"the audit store needs the audit extra ({exc.name} is not "
                             "installed): pip install 'tweet-guard[audit]'") from None
        from guard.audit import tables

        self.sa, self.t = sa, tables
        url = url_of(target)
        self.kind = "sqlite" if url.startswith("sqlite") else "postgresql"
        try:
            self.engine = sa.create_engine(url, pool_pre_ping=True)
            if self.kind == "sqlite":
                sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
            # `guard serve --workers N` forks after this: each worker opens its own connections
            # rather than share the parent's (SQLAlchemy's advice for forked processes).
            if hasattr(os, "register_at_fork"):
                os.register_at_fork(after_in_child=_dispose_in_child(weakref.ref(self)))
        except ImportError as exc:
            raise UsageError(f"the audit store needs the audit extra ({exc.name} is not "
                             "installed): pip install 'tweet-guard[audit]'") from None
        except sa.exc.OperationalError as exc:
            raise UsageError(f"cannot open the audit store {_safe(target)}: "
                             f"{str(exc.orig).strip().splitlines()[0]}") from None

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def record_check(self, record: CheckRecord) -> None:
        """Store one decision."""
        self.record_checks([record])

    def record_checks(self, records: list[CheckRecord]) -> None:
        """Store decisions in one transaction."""
        with self.row_writer() as writer:
            writer.write(records)

    def row_writer(self) -> RowWriter:
        """A connection of its own that inserts check records (the server's writer holds one)."""
        return RowWriter(self.engine, self.t.checks)

    def get_check(self, check_id: str) -> dict[str, Any] | None:
        """The stored record of a check, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(self.t.checks.select().where(self.t.checks.c.id == check_id))
            found = row.mappings().first()
        return dict(found) if found else None

    def record_override(self, check_id: str, who: str, reason: str, accepted: bool) -> None:
        """Store an override request and whether it was accepted."""
        with self.engine.begin() as conn:
            conn.execute(self.t.overrides.insert().values(
                check_id=check_id, at=now(), who=who, reason=reason, accepted=accepted))

    def record_feedback(self, check_id: str, who: str, rule: str, kind: str, note: str,
                        text: str | None) -> None:
        """Store a false-alarm or missed-leak report."""
        with self.engine.begin() as conn:
            conn.execute(self.t.feedback.insert().values(
                check_id=check_id, at=now(), who=who, rule=rule, kind=kind, note=note, text=text))

    def rows(self, since: dt.datetime | None) -> dict[str, list[dict[str, Any]]]:
        """Checks, overrides and feedback at or after `since` (all when None), oldest first."""
        out: dict[str, list[dict[str, Any]]] = {}
        with self.engine.connect() as conn:
            for table in (self.t.checks, self.t.overrides, self.t.feedback):
                query = table.select().order_by(table.c.at)
                if since is not None:
                    query = query.where(table.c.at >= since)
                out[table.name] = [dict(r) for r in conn.execute(query).mappings()]
        return out

    def prune(self, before: dt.datetime) -> dict[str, int]:
        """Delete what is older than `before` (a check takes its overrides and feedback along)."""
        t, sa = self.t, self.sa
        counts = {"overrides": 0, "feedback": 0, "checks": 0}
        # Small transactions: a running server writes its records between two of them instead
        # of waiting (SQLite: on its event loop) for one long delete to release the lock.
        while True:
            with self.engine.begin() as conn:
                ids = list(conn.execute(
                    sa.select(t.checks.c.id).where(t.checks.c.at < before).limit(PRUNE_CHUNK)
                ).scalars())
                for table in (t.overrides, t.feedback):
                    gone = conn.execute(table.delete().where(
                        sa.or_(table.c.at < before, table.c.check_id.in_(ids))))
                    counts[table.name] += gone.rowcount
                if ids:
                    gone = conn.execute(t.checks.delete().where(t.checks.c.id.in_(ids)))
                    counts["checks"] += gone.rowcount
            if len(ids) < PRUNE_CHUNK:
                break
        if self.kind == "sqlite":
            # secure_delete zeroes the freed pages; the checkpoint moves them from the WAL into
            # the file, so the pruned rows leave it without a VACUUM that would lock the store.
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return counts


_NOW: tuple[int, dt.datetime] = (0, dt.datetime(1970, 1, 1))


def now() -> dt.datetime:
    """The current time, UTC, to the second, without a zone (both databases store it alike)."""
    global _NOW
    second = int(time.time())
    if _NOW[0] != second:  # one datetime a second, not one a check
        _NOW = (second, dt.datetime.fromtimestamp(second, dt.timezone.utc).replace(tzinfo=None))
    return _NOW[1]


def _sqlite_pragmas(dbapi_conn: Any, record: Any) -> None:
    # WAL: readers (the report) do not block the server's writes; NORMAL: one fsync per
    # checkpoint, not per check (a crash may lose the last checks, never corrupt the file).
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _safe(target: str) -> str:
    # Never echo a password from a URL.
    if "://" in target and "@" in target:
        scheme, rest = target.split("://", 1)
        return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
    return target
