"""Group commit: checks waiting to be recorded go to the database in one transaction.

A check is answered only once its record is committed (the audit trail never misses an answered
check), but under load one commit carries every record that arrived meanwhile: one executemany
of many rows costs a fraction of one transaction per row, and the event loop is woken once per
batch, not once per check (see docs/audit.md for the figures).
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time

from guard.audit.store import AuditStore, CheckRecord

MAX_BATCH = 256
# Under load (the last batch held more than one record) wait this long for more records before
# committing: a commit costs about as much CPU as several rows. A lone check never waits.
LINGER_S = 0.002

_Item = tuple[CheckRecord, asyncio.AbstractEventLoop, "asyncio.Future[None]"]


class BatchWriter:
    """A thread that writes check records in batches; `record` returns once it is committed."""

    def __init__(self, store: AuditStore) -> None:
        self.store = store
        # SimpleQueue: put is one C call (queue.Queue takes a Python lock and a condition).
        self._queue: queue.SimpleQueue[_Item | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="guard-audit", daemon=True)
        self._thread.start()

    async def record(self, record: CheckRecord) -> None:
        """Queue a record and wait until it is committed (or raise why it was not)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        self._queue.put((record, loop, future))
        await future

    def stop(self) -> None:
        """Write what is queued, then end the thread."""
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _take(self, first: _Item, busy: bool) -> tuple[list[_Item], bool]:
        batch, stop = [first], False
        until = time.monotonic() + LINGER_S
        while len(batch) < MAX_BATCH:
            try:
                more = (self._queue.get(timeout=max(0.0, until - time.monotonic())) if busy
                        else self._queue.get_nowait())
            except queue.Empty:
                break
            if more is None:
                stop = True
                break
            batch.append(more)
        return batch, stop

    def _run(self) -> None:
        busy = stop = False
        with self.store.row_writer() as rows:  # one connection, held by this thread
            while not stop:
                item = self._queue.get()
                if item is None:
                    break
                batch, stop = self._take(item, busy)
                busy = len(batch) > 1
                error: BaseException | None = None
                try:
                    rows.write([record for record, _, _ in batch])
                except Exception as exc:  # every waiting check learns it was not recorded
                    error = exc
                by_loop: dict[asyncio.AbstractEventLoop, list[asyncio.Future[None]]] = {}
                for _, loop, future in batch:
                    by_loop.setdefault(loop, []).append(future)
                for loop, futures in by_loop.items():
                    loop.call_soon_threadsafe(_settle, futures, error)


def _settle(futures: list[asyncio.Future[None]], error: BaseException | None) -> None:
    for future in futures:
        if future.done():
            continue  # the request went away meanwhile
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(error)
