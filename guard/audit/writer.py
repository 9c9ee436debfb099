"""Group commit: checks waiting to be recorded go to the database in one transaction.

A check is answered only once its record is committed (the audit trail never misses an answered
check), but under load one commit carries many records: one executemany of many rows costs a
fraction of one transaction per row, and the event loop is woken once per batch, not once per
check (see docs/audit.md for the figures).
"""

from __future__ import annotations

import asyncio
import queue
import threading

from guard.audit.store import AuditStore, CheckRecord

MAX_ROWS = 512  # merged batches per transaction, at most (about this many rows)

_Batch = tuple[list[CheckRecord], list["asyncio.Future[None]"], asyncio.AbstractEventLoop]


class BatchWriter:
    """Writes check records in batches; `record` returns once its record is committed.

    The event loop makes the batches: the checks answered in one turn of the loop (a batch from
    the checker thread comes back together) are one INSERT, so their answers leave together too.
    SQLite commits a batch in about 0.1 ms of CPU without waiting for a disk (WAL, synchronous
    NORMAL), so the loop writes it itself: handing it to a thread and back cost more than the
    write (docs/audit.md). PostgreSQL waits for its server's disk, so a thread writes there, once
    woken per batch, and merges the batches that queued meanwhile into one transaction.
    """

    def __init__(self, store: AuditStore) -> None:
        self.store = store
        self._pending: dict[asyncio.AbstractEventLoop, _Batch] = {}  # touched on its loop only
        self._inline = store.row_writer() if store.kind == "sqlite" else None
        # SimpleQueue: put is one C call (queue.Queue takes a Python lock and a condition).
        self._queue: queue.SimpleQueue[_Batch | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        if self._inline is None:
            self._thread = threading.Thread(target=self._run, name="guard-audit", daemon=True)
            self._thread.start()

    async def record(self, record: CheckRecord) -> None:
        """Queue a record and wait until it is committed (or raise why it was not)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        batch = self._pending.get(loop)
        if batch is None:
            batch = self._pending[loop] = ([], [], loop)
            loop.call_soon(self._send, loop)  # after the other checks of this turn
        batch[0].append(record)
        batch[1].append(future)
        await future

    def _send(self, loop: asyncio.AbstractEventLoop) -> None:
        batch = self._pending.pop(loop)
        if self._inline is None:
            self._queue.put(batch)
            return
        error: BaseException | None = None
        try:
            self._inline.write(batch[0])
        except Exception as exc:  # every waiting check learns it was not recorded
            error = exc
        _settle(batch[1], error)

    def stop(self) -> None:
        """Write what is queued, then end the thread (or close the loop's connection)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=30)
        if self._inline is not None:
            self._inline.close()

    def _take(self, first: _Batch) -> tuple[list[_Batch], bool]:
        batches, rows = [first], len(first[0])
        while rows < MAX_ROWS:
            try:
                more = self._queue.get_nowait()
            except queue.Empty:
                return batches, False
            if more is None:
                return batches, True
            batches.append(more)
            rows += len(more[0])
        return batches, False

    def _run(self) -> None:
        stop = False
        with self.store.row_writer() as rows:  # one connection, held by this thread
            while not stop:
                item = self._queue.get()
                if item is None:
                    break
                batches, stop = self._take(item)
                error: BaseException | None = None
                try:
                    rows.write([record for batch in batches for record in batch[0]])
                except Exception as exc:  # every waiting check learns it was not recorded
                    error = exc
                for _, futures, loop in batches:
                    loop.call_soon_threadsafe(_settle, futures, error)


def _settle(futures: list[asyncio.Future[None]], error: BaseException | None) -> None:
    for future in futures:
        if future.done():
            continue  # the request went away meanwhile
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)
