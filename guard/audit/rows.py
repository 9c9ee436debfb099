"""Check records into `checks` through the driver: one INSERT, its own transaction, per batch.

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
        self._insert = (f"INSERT INTO {quote(table.name)} "
                        f"({', '.join(quote(c.name) for c in columns)}) VALUES ")
        self._row = f"({', '.join([mark] * len(columns))})"
        self._sql: dict[int, str] = {}  # by number of rows: the drivers cache each statement
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
            conn = self._conn or self._open()
            cursor = conn.cursor()
            try:
                # One statement of n rows is one transaction: committed when it returns, all
                # rows or none. One round trip to PostgreSQL, not three (BEGIN, INSERT, COMMIT):
                # each wait lets go of the GIL, and a busy server takes milliseconds to give
                # it back (docs/audit.md).
                cursor.execute(self.sql(len(rows)), [value for row in rows for value in row])
            finally:
                # Now, not when the error's traceback goes: an open SQLite statement keeps its
                # connection, transaction and write lock alive after the connection is closed.
                cursor.close()
        except BaseException:
            self._drop()  # a dropped database or a failed transaction: a fresh one next time
            raise

    def _open(self) -> Any:
        # Held across batches: a pool checkout (and its ping) per batch costs as much as rows.
        conn = self._engine.raw_connection()
        self._engine.dialect.set_isolation_level(conn.dbapi_connection, "AUTOCOMMIT")
        self._conn = conn
        return conn

    def sql(self, n: int) -> str:
        """The INSERT of n rows."""
        if n not in self._sql:
            self._sql[n] = self._insert + ", ".join([self._row] * n)
        return self._sql[n]

    def _converted(self, row: Sequence[Any]) -> list[Any]:
        out = list(row)
        for i, proc in self._convert:
            out[i] = proc(out[i])
        return out

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):  # already broken: the caller's error matters
                self._conn.invalidate()
            self._conn = None

    def close(self) -> None:
        """Give the connection back, as it was lent."""
        if self._conn is not None:
            self._engine.dialect.reset_isolation_level(self._conn.dbapi_connection)
            self._conn.close()
            self._conn = None

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
