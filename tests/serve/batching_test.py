"""How `guard serve`'s checker gathers a batch: every draft already waiting, more until the
window closes, but no idle wait once the batch holds as many drafts as the largest recent one
(closed-loop clients are all in it); and every draft gets its own answer."""

from __future__ import annotations

import concurrent.futures
import queue
import threading
import time

from guard.serve.worker import Checker, _Job, collect


def _job(text: str) -> _Job:
    return _Job(text, None, None, concurrent.futures.Future())


def _queue(*texts: str) -> queue.Queue[_Job | None]:
    jobs: queue.Queue[_Job | None] = queue.Queue()
    for text in texts:
        jobs.put(_job(text))
    return jobs


def _in_thread(fn):  # type: ignore[no-untyped-def]
    """Run fn in a thread; (finished within 20 s, its result)."""
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    thread.start()
    thread.join(timeout=20)
    return (not thread.is_alive()), (out[0] if out else None)


def test_a_batch_as_large_as_the_recent_ones_does_not_wait_out_the_window():
    jobs = _queue("b", "c")
    far = time.monotonic() + 600  # a window nobody would wait out
    done, (batch, stop) = _in_thread(lambda: collect(jobs, _job("a"), 64, far, enough=3))
    assert done and not stop
    assert [j.text for j in batch] == ["a", "b", "c"]


def test_every_draft_already_waiting_is_taken_even_past_enough():
    jobs = _queue("b", "c", "d", "e")
    batch, stop = collect(jobs, _job("a"), 64, time.monotonic() + 600, enough=2)
    assert [j.text for j in batch] == ["a", "b", "c", "d", "e"] and not stop


def test_a_smaller_batch_waits_for_the_drafts_on_their_way():
    jobs = _queue()

    def later() -> None:
        time.sleep(0.05)
        jobs.put(_job("b"))

    threading.Thread(target=later, daemon=True).start()
    batch, _ = collect(jobs, _job("a"), 64, time.monotonic() + 10, enough=2)
    assert [j.text for j in batch] == ["a", "b"]


def test_the_window_still_closes_and_the_batch_size_is_capped():
    batch, stop = collect(_queue(), _job("a"), 64, time.monotonic() + 0.01, enough=8)
    assert [j.text for j in batch] == ["a"] and not stop
    batch, _ = collect(_queue(*"bcdefgh"), _job("a"), 4, time.monotonic() + 600, enough=64)
    assert [j.text for j in batch] == ["a", "b", "c", "d"]


def test_the_stop_marker_ends_the_batch():
    jobs = _queue("b")
    jobs.put(None)
    jobs.put(_job("never"))
    batch, stop = collect(jobs, _job("a"), 64, time.monotonic() + 600, enough=64)
    assert [j.text for j in batch] == ["a", "b"] and stop


class _Guard:
    nlp_enabled = True

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def check_each(self, texts, platform=None, lang=None):  # type: ignore[no-untyped-def]
        self.batches.append(list(texts))
        return [f"report of {t}" for t in texts]


class _Watcher:
    def __init__(self, guard: _Guard) -> None:
        self.guard = guard


def test_closed_loop_clients_are_batched_together_and_each_gets_its_answer():
    guard = _Guard()
    checker = Checker(_Watcher(guard), wait=0.5)  # type: ignore[arg-type]
    checker.start()
    try:
        # Three clients, each sending its next draft once it has its answer. The first round
        # waits out its (short) window: no batch has been seen yet.
        first = [checker.submit(f"r0-c{c}", None, None) for c in range(3)]
        assert [f.result(timeout=20) for f in first] == [f"report of r0-c{c}" for c in range(3)]
        checker._wait = 600.0  # from now on a window nobody would wait out
        for rnd in (1, 2):
            got = [checker.submit(f"r{rnd}-c{c}", None, None) for c in range(3)]
            done, answers = _in_thread(lambda got=got: [f.result(timeout=30) for f in got])
            assert done and answers == [f"report of r{rnd}-c{c}" for c in range(3)]
    finally:
        checker.stop()
    assert guard.batches == [[f"r{rnd}-c{c}" for c in range(3)] for rnd in range(3)]
