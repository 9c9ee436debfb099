"""Drafts in batches for `guard scan`: full batches, and smaller ones at the end for workers.

With several workers the scan ends when the last batch does: a worker that draws a full batch
at the end keeps the others idle while it finishes. When the input's size is known, the batches
left once the rest of the input fits in a few of them shrink with what is left (guided
self-scheduling: each takes a share of the drafts still to come), so the workers finish
together. One process, or an input of unknown size, gets full batches throughout. Batches keep
the input's order whatever their size.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")

BATCH = 256  # drafts per batch: amortises the hand-over to a worker and spaCy's batching
MIN_BATCH = 32  # the smallest batch at the end: below this a batch's fixed cost shows
SHARES = 2  # with N workers, a tail batch takes 1 / (SHARES * N) of the drafts still to come


def batches(
    items: Iterator[tuple[T, int]], jobs: int = 1, total: int | None = None
) -> Iterator[tuple[list[T], int]]:
    """Items in batches, each with the input bytes read so far (`items` yields each item with
    that count); with `jobs` > 1 and the input's `total` bytes known, smaller at the end."""
    size, count = BATCH, 0
    while True:
        chunk = list(itertools.islice(items, size))
        if not chunk:
            return
        read = chunk[-1][1]
        yield [item for item, _ in chunk], read
        count += len(chunk)
        if jobs > 1 and total and read > 0:
            size = tail_size(count, read, total, jobs)


def tail_size(count: int, read: int, total: int, jobs: int) -> int:
    """The next batch's size after `count` items in `read` of `total` bytes, for `jobs`
    workers: the drafts still to come, estimated from the bytes per draft so far, shared out."""
    left = max(0, total - read) * count / read
    share = -(-int(left) // (SHARES * jobs))
    return max(MIN_BATCH, min(BATCH, share))
