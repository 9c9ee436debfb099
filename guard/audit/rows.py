"""Check records into `checks` through the driver: one executemany and one commit per batch.

The same for SQLite and PostgreSQL: the statement is built from the SQLAlchemy table (the
schema stays Alembic's) in the driver's parameter style, and each column's value is converted
the way SQLAlchemy would (SQLite stores times as text). A Core `insert()` costs about three
times the CPU of this for a row of a check (docs/audit.md), and it is paid on every check.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


class RowWriter:
    """A held connection that inserts rows in the table's column order; reopened on failure."""

    def __init__(self, engine: Any, table: Any) -> None:
        dialect = engine.dialect
        mark = _MARKS.get(dialect.paramstyle)
        if mark is None:
            raise ValueError(f"unsupported DB-API parameter style {dialect.paramstyle!r}")
        quote = dialect.identifier_preparer.quote
        columns = list(table.columns)
        self.sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c.name) for c in columns)})"
                    f" VALUES ({', '.join([mark] * len(columns))})")
        # Only the columns whose type the driver cannot take as is (SQLite: DateTime).
        self._convert = [(i, proc) for i, c in enumerate(columns)
                         if (proc := c.type.dialect_impl(dialect).bind_processor(dialect))]
        self._engine = engine
        self._conn: Any = None

    def write(self, rows: Sequence[Sequence[Any]]) -> None:
        """Insert the rows and commit; on any failure the connection is dropped and it raises."""
        if self._convert:
            rows = [self._converted(row) for row in rows]
        try:
            # Held across batches: a pool checkout (and its ping) per batch costs as much as rows.
            conn = self._conn = self._conn or self._engine.raw_connection()
            cursor = conn.cursor()
            try:
                if len(rows) == 1:
                    cursor.execute(self.sql, rows[0])
                else:
                    cursor.executemany(self.sql, rows)
            finally:
                # Now, not when the error's traceback goes: an open SQLite statement keeps its
                # connection, transaction and write lock alive after the connection is closed.
                cursor.close()
            conn.commit()
        except BaseException:
            self._drop()  # a dropped database or a failed transaction: a fresh one next time
            raise

    def _converted(self, row: Sequence[Any]) -> list[Any]:
        out = list(row)
        for i, proc in self._convert:
            out[i] = proc(out[i])
        return out

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):  # already broken: the caller's error matters
                self._conn.rollback()
            with contextlib.suppress(Exception):
                self._conn.invalidate()
            self._conn = None

    def close(self) -> None:
        """Give the connection back."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
