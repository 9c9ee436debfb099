"""`guard scan --jobs N`: the model-free checks of the first drafts run on the idle core while
the parent loads the spaCy pipelines that its forked workers will share.

Before the workers fork, the parent spends about a second and a half alone importing spaCy,
loading the pipelines and warming up; the other core has nothing to do. A process forked
before that load (it holds the pack and the compiled patterns, no model) reads the input file
itself and finds the model-free detectors' hits (terms, patterns, events) of its drafts, a
chunk at a time, until the parent has loaded and stops it. The workers, forked next, inherit
those hits by draft text and skip that pass for the drafts they hold (`Guard.check_many`'s
`ahead`); the hits are the ones the worker would find, so the output is the same bytes.

Nothing here can change a verdict: a text missing from the hits is checked in full, hits of
another day's rules are not used, and if this process dies, is slow to stop or sends nothing,
the workers check every draft themselves.
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import Any

from guard.engine import Guard
from guard.models import Hit, ModelFreeHits
from guard.sources.scanlines import read_items

CHUNK = 32  # drafts between two looks at the stop flag (~10 ms of work): stops promptly
WAIT_S = 10.0  # the longest the parent waits for the hits once it has stopped the process


class Ahead:
    """A forked process that finds the model-free hits of `path`'s drafts until `collect`."""

    def __init__(self, guard: Guard, path: str) -> None:
        import multiprocessing  # only here: most scans and every check run without it

        context = multiprocessing.get_context("fork")
        self._stop = context.Event()
        self.finished = context.Event()  # set once every draft of the file is done
        self._recv, send = context.Pipe(duplex=False)
        self._proc = context.Process(
            target=_run, args=(guard, path, self._stop, send, self.finished),
            name="guard-scan-ahead",
            daemon=True,
        )
        self._proc.start()
        send.close()  # the child's end: EOF here when the child is gone

    def collect(self) -> ModelFreeHits | None:
        """Stop the process and take the hits it found; None when it died or sent nothing."""
        self._stop.set()
        found: Any = None
        with contextlib.suppress(EOFError, OSError, ValueError, TypeError, AttributeError):
            if self._recv.poll(WAIT_S):
                found = self._recv.recv()
        self.close()
        return found if isinstance(found, ModelFreeHits) else None

    def close(self) -> None:
        """Stop the process (killed when it does not stop at once) and wait for it."""
        self._stop.set()
        self._recv.close()
        self._proc.join(1.0)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()


def _run(guard: Guard, path: str, stop: Any, send: Any, finished: Any) -> None:
    # Ctrl-C reaches the whole process group: the parent stops this process; SIGTERM ends it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    parent = os.getppid()
    try:
        found = _find(guard, path, stop)
        if not stop.is_set():
            finished.set()
        while not stop.wait(0.2):  # done before the parent: wait, unless the parent is gone
            if os.getppid() != parent:
                return
        send.send(found)
    except BaseException:  # the parent checks every draft itself then
        pass
    finally:
        os._exit(0)  # no inherited exit handlers, no traceback on the scan's stderr


def _find(guard: Guard, path: str, stop: Any) -> ModelFreeHits | None:
    """The model-free hits of the drafts of `path`, in input order, until `stop` is set."""
    day = None
    hits: dict[str, tuple[Hit, ...]] = {}
    chunk: list[str] = []
    with open(path, "rb") as stream:
        items = read_items(stream, path)
        while not stop.is_set():
            chunk.clear()
            for item, _ in items:
                if item.error is None and item.text is not None and not item.posts:
                    chunk.append(item.text)
                    if len(chunk) == CHUNK:
                        break
            if not chunk:
                break
            part = guard.model_free_ahead(chunk)
            if part.day != day:  # midnight passed: the rules in force changed
                day, hits = part.day, {}
            hits.update(part.hits)
    return ModelFreeHits(day, hits) if day is not None else None
