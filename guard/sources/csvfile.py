"""CSV with a column of posts -> posts, read row by row.

The text is the `--text-column` (default `text`); `id`, `url` and a time column (`created_at`,
`time`, `date`, `timestamp`) are kept when the header has them. A row without an id is named by
the file line it starts on.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import IO, Any

from guard.errors import UsageError
from guard.sources.records import Post

TIME_COLUMNS = ("created_at", "time", "date", "timestamp")
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)

csv.field_size_limit(16 * 1024 * 1024)  # a long post is fine; the default 128 KiB is not


def read_csv(stream: IO[bytes], source: str, text_column: str | None) -> Iterator[Post]:
    """One post per row; a usage error when the text column is not in the header."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        yield from _rows(csv.reader(text), source, text_column)
    finally:
        text.detach()  # the stream belongs to the caller, who closes it


def _rows(reader: Any, source: str, text_column: str | None) -> Iterator[Post]:
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise UsageError(f"{source}:1: not readable as CSV ({exc})") from None
    column = text_column or "text"
    if column not in header:
        shown = ", ".join(repr(h) for h in header[:20]) or "none"
        how = (
            "check --text-column against the header"
            if text_column
            else "name the column that holds the posts with --text-column NAME"
        )
        raise UsageError(f"{source}:1: no column {column!r} (columns: {shown}); {how}")
    at = {name: i for i, name in reversed(list(enumerate(header)))}
    id_at, url_at = at.get("id"), at.get("url")
    time_at = next((at[c] for c in TIME_COLUMNS if c in at), None)
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UsageError(f"{source}:{start}: not readable as CSV ({exc})") from None
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue

        def cell(i: int | None, row: list[str] = row) -> str | None:
            return row[i] if i is not None and i < len(row) and row[i] != "" else None

        post_id: object = cell(id_at) or start
        draft = cell(at[column])
        if any(_UNDECODED.search(c) for c in row):
            yield Post(post_id, None, f"line {start}: not valid UTF-8")
        elif draft is None:
            yield Post(post_id, None, f"line {start}: the {column!r} cell is empty")
        else:
            yield Post(post_id, draft, time=cell(time_at), url=cell(url_at))
