"""`guard scan`'s batches: full ones for one process, smaller ones at the end for workers,
always every item once and in the input's order."""

from __future__ import annotations

from guard.sources.batches import BATCH, MIN_BATCH, batches, tail_size


def _items(count: int, width: int = 100) -> list[tuple[int, int]]:
    return [(i, (i + 1) * width) for i in range(count)]


def _sizes(count: int, jobs: int, total: int | None) -> list[int]:
    return [len(b) for b, _ in batches(iter(_items(count)), jobs, total)]


def test_one_job_or_an_unknown_size_gets_full_batches():
    assert _sizes(5000, 1, 500_000) == [BATCH] * 19 + [5000 - 19 * BATCH]
    assert _sizes(5000, 2, None) == [BATCH] * 19 + [5000 - 19 * BATCH]


def test_workers_get_smaller_batches_at_the_end():
    sizes = _sizes(5000, 2, 500_000)
    assert sum(sizes) == 5000
    assert sizes[:16] == [BATCH] * 16
    tail = sizes[16:]
    assert tail == sorted(tail, reverse=True)[: len(tail) - 1] + tail[-1:]
    assert min(tail[:-1]) == MIN_BATCH and tail[-1] <= MIN_BATCH
    assert max(tail) < BATCH


def test_items_come_once_in_order_with_the_bytes_read():
    items = _items(1234, width=37)
    out = list(batches(iter(items), 3, 1234 * 37))
    assert [i for b, _ in out for i in b] == list(range(1234))
    ends = [read for _, read in out]
    assert ends == sorted(ends) and ends[-1] == 1234 * 37


def test_a_size_that_was_wrong_still_reads_everything():
    # A file that grew while read (or a smaller total than the bytes read) ends in small batches.
    sizes = _sizes(3000, 2, 1000)
    assert sum(sizes) == 3000 and sizes[0] == BATCH
    assert set(sizes[1:-1]) == {MIN_BATCH} and sizes[-1] == (3000 - BATCH) % MIN_BATCH


def test_tail_size_shares_out_what_is_left():
    assert tail_size(100, 10_000, 1_000_000, 2) == BATCH
    assert tail_size(4000, 400_000, 500_000, 2) == 250
    assert tail_size(4900, 490_000, 500_000, 2) == MIN_BATCH
