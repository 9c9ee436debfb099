"""The engine side of `guard serve`: the pack in force (reloaded on change) and the checker thread.

No HTTP here: guard/server.py answers requests and hands drafts to `Checker.submit`.
"""

from __future__ import annotations

import collections
import concurrent.futures
import datetime as dt
import hashlib
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from guard.engine import Guard
from guard.errors import GuardError
from guard.models import Report

MAX_BATCH = 64  # drafts per check_many call: large enough for spaCy, small enough for latency
POLL_SECONDS = 1.0
BATCH_WAIT_SECONDS = 0.004  # NLP only: how long a batch waits for more drafts
RECENT_BATCHES = 16  # a batch stops waiting once it is as large as the largest of these


def files_of(guard: Guard) -> list[str]:
    """The files whose change changes the policy."""
    # The YAML files and the terms files they name: editing either changes the policy.
    files = list(guard.pack.files)
    for rule in guard.pack.rules:
        if rule.terms_file and rule.source is not None:
            files.append(str(Path(rule.source.file).parent / rule.terms_file))
    return list(dict.fromkeys(files))


def _mtimes(files: Sequence[str]) -> dict[str, tuple[int, str] | None]:
    """Each file's mtime and content digest: a file replaced within the same mtime tick (or
    with its old mtime restored) is a change too."""
    out: dict[str, tuple[int, str] | None] = {}
    for path in files:
        try:
            with open(path, "rb") as fh:
                mtime = os.fstat(fh.fileno()).st_mtime_ns
                digest = hashlib.sha256(fh.read()).hexdigest()
            out[path] = (mtime, digest)
        except OSError:
            out[path] = None  # a deleted file is a change too
    return out


class PackWatcher:
    """The Guard in force, rebuilt when its rule files change; a failed reload keeps the old one."""

    def __init__(self, guard: Guard, build: Callable[[], Guard], interval: float = POLL_SECONDS):
        self.guard = guard
        self._build = build
        self._interval = interval
        self._stamps = _mtimes(files_of(guard))
        self.loaded_at = dt.datetime.now(dt.timezone.utc)
        self.error: str | None = None
        self.reloads = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll(self) -> bool:
        """Reload when a rule file changed since the last look; True when the pack changed."""
        stamps = _mtimes(list(self._stamps))
        if stamps == self._stamps:
            return False
        self._stamps = stamps
        try:
            guard = self._build()
        except GuardError as exc:
            self.error = exc.describe()
            return False
        except Exception as exc:  # a broken reload must never stop the server
            self.error = f"{type(exc).__name__}: {exc}"
            return False
        self._stamps = _mtimes(files_of(guard))  # the new pack may name other files
        self.guard, self.error = guard, None
        self.loaded_at = dt.datetime.now(dt.timezone.utc)
        self.reloads += 1
        return True

    def start(self) -> None:
        """Poll in a daemon thread until stop()."""
        def loop() -> None:
            while not self._stop.wait(self._interval):
                self.poll()

        self._thread = threading.Thread(target=loop, name="guard-pack-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the polling thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)


@dataclass(frozen=True, slots=True)
class _Job:
    text: str
    platform: str | None
    lang: str | None
    future: concurrent.futures.Future[Report]
    call: Callable[[Guard], Report] | None = None  # a thread or a post with images: run alone


def collect(jobs: queue.Queue[_Job | None], first: _Job, most: int, deadline: float,
            enough: int) -> tuple[list[_Job], bool]:
    """The batch that starts with `first`: every job already waiting, then more until
    `deadline`, but no wait once it holds `enough` (and at most `most`); and whether the stop
    marker came.

    Clients that keep a few connections busy (a posting tool's pool, a load test) send their
    next draft once they have their answer: when a batch holds as many drafts as the largest
    of the last few, those clients are all in it, and waiting out the window would only leave
    the core idle (a tenth of the time with `--workers 2` under such load). A larger batch still
    gets all the window.
    """
    batch = [first]
    while len(batch) < most:
        try:
            job = jobs.get_nowait()
        except queue.Empty:
            if len(batch) >= enough:
                break
            try:
                job = jobs.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
        if job is None:
            return batch, True
        batch.append(job)
    return batch, False


class Checker:
    """One thread that runs every check, batching the drafts that wait together."""

    def __init__(self, watcher: PackWatcher, max_batch: int = MAX_BATCH,
                 wait: float = BATCH_WAIT_SECONDS) -> None:
        self._watcher = watcher
        self._max_batch = max_batch
        self._wait = wait
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._recent: collections.deque[int] = collections.deque(maxlen=RECENT_BATCHES)

    def submit(self, text: str, platform: str | None,
               lang: str | None) -> concurrent.futures.Future[Report]:
        """Queue a draft; the future gets its Report or the error that stopped the check."""
        future: concurrent.futures.Future[Report] = concurrent.futures.Future()
        self._jobs.put(_Job(text, platform, lang, future))
        return future

    def call(self, check: Callable[[Guard], Report]) -> concurrent.futures.Future[Report]:
        """Queue a check of another shape (`check_thread`, `check_post`) to run on this thread."""
        future: concurrent.futures.Future[Report] = concurrent.futures.Future()
        self._jobs.put(_Job("", None, None, future, check))
        return future

    def start(self) -> None:
        """Start the worker thread."""
        self._thread = threading.Thread(target=self._run, name="guard-checker", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Finish the queued jobs and end the worker thread."""
        self._jobs.put(None)
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            first = self._jobs.get()
            if first is None:
                return
            # With NLP a batch costs far less per draft than single drafts (spaCy's pipe), so
            # wait a moment for the requests already on their way; without NLP, never wait.
            deadline = time.monotonic() + (self._wait if self._watcher.guard.nlp_enabled else 0)
            batch, stop = collect(self._jobs, first, self._max_batch, deadline,
                                  max(self._recent, default=self._max_batch))
            self._recent.append(len(batch))
            try:
                self._check(batch)
            except BaseException as exc:  # never leave a request waiting on a dead thread
                for job in batch:
                    if not job.future.done():
                        job.future.set_exception(exc)
                if not isinstance(exc, Exception):
                    raise
            if stop:
                return

    def _check(self, batch: list[_Job]) -> None:
        guard = self._watcher.guard
        groups: dict[tuple[str | None, str | None], list[_Job]] = {}
        for job in batch:
            if job.call is not None and job.future.set_running_or_notify_cancel():
                try:
                    job.future.set_result(job.call(guard))
                except Exception as exc:  # reaches its request: the post is not allowed
                    job.future.set_exception(exc)
            elif job.call is None and job.future.set_running_or_notify_cancel():
                groups.setdefault((job.platform, job.lang), []).append(job)
        for (platform, lang), jobs in groups.items():
            try:
                results = guard.check_each([j.text for j in jobs], platform=platform, lang=lang)
            except Exception as exc:  # every failure reaches its request: none is allowed
                for job in jobs:
                    job.future.set_exception(exc)
                continue
            for job, result in zip(jobs, results, strict=True):
                if isinstance(result, Exception):
                    job.future.set_exception(result)
                else:
                    job.future.set_result(result)
