"""Group commit: checks waiting to be recorded go to the database in one transaction.

A check is answered only once its record is committed (the audit trail never misses an answered
check), but under load one commit carries every record that arrived meanwhile: one INSERT of
many rows costs about a tenth of one INSERT per row (see docs/compliance.md for the figures).
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future

from guard.audit.store import AuditStore, CheckRecord

MAX_BATCH = 256


class BatchWriter:
    """A thread that writes check records in batches; `submit` returns when it is committed."""

    def __init__(self, store: AuditStore) -> None:
        self.store = store
        self._queue: queue.Queue[tuple[CheckRecord, Future[None]] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="guard-audit", daemon=True)
        self._thread.start()

    def submit(self, record: CheckRecord) -> Future[None]:
        """Queue a record; the future completes when it is committed (or fails with why not)."""
        future: Future[None] = Future()
        self._queue.put((record, future))
        return future

    def stop(self) -> None:
        """Write what is queued, then end the thread."""
        self._queue.put(None)
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            batch = [item]
            while len(batch) < MAX_BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._queue.put(None)  # stop after this batch
                    break
                batch.append(more)
            try:
                self.store.record_checks([record for record, _ in batch])
            except Exception as exc:  # every waiting check learns it was not recorded
                for _, future in batch:
                    future.set_exception(exc)
            else:
                for _, future in batch:
                    future.set_result(None)
