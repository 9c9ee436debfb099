"""The drafts of `guard scan`, read one line at a time: JSONL objects or plain text lines.

Lines end at "\\n" only (U+2028, U+2029 and U+0085 are text inside a draft), each line is
decoded on its own (a bad byte spoils its line, not the scan), and the input is never held in
memory whole. Whether the input is JSONL is settled once, by the file name (.jsonl, .ndjson)
or else by its first non-blank line; a line of the other kind later is an error, never a
silent switch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from guard.sources.thread import posts_of

MAX_LINE_BYTES = 4 * 1024 * 1024  # a 100,000-character draft, JSON-escaped, fits well within
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class Item:
    """One input line: its id, its line number, and either a draft or why it was not read."""

    id: Any
    line: int
    text: str | None
    error: str | None = None
    plain: bool = False  # the draft is the whole line (columns in reports mean something)
    posts: tuple[str, ...] = ()  # a thread (`"posts": [...]` instead of `"text"`)


def _raw_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes without the newline or None when too long, bytes consumed)."""
    number = 0
    while True:
        chunk = stream.readline(MAX_LINE_BYTES + 1)
        if not chunk:
            return
        number += 1
        consumed = len(chunk)
        if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # skip the rest of the long line
                chunk = stream.readline(MAX_LINE_BYTES)
                consumed += len(chunk)
            yield number, None, consumed
            continue
        line = chunk[:-1] if chunk.endswith(b"\n") else chunk
        yield number, line[:-1] if line.endswith(b"\r") else line, consumed


def read_items(stream: BinaryIO, source: str) -> Iterator[tuple[Item, int]]:
    """Each non-blank line as an Item, with the bytes read so far (for a progress bar)."""
    jsonl: bool | None = True if source.endswith(JSONL_SUFFIXES) else None
    consumed = 0
    for number, raw, size in _raw_lines(stream):
        consumed += size
        if number == 1 and raw is not None and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if raw is None:
            yield Item(number, number, None, f"line {number}: longer than "
                       f"{MAX_LINE_BYTES // (1024 * 1024)} MiB; a draft is one post"), consumed
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Item(number, number, None, f"line {number}: not valid UTF-8 at byte "
                       f"{exc.start} of the line ({exc.reason}); save the file as UTF-8"), consumed
            continue
        if not line.strip():
            continue
        if jsonl is None:
            jsonl = line.lstrip().startswith("{")
        item = _json_item(number, line) if jsonl else _plain_item(number, line)
        yield item, consumed


def _plain_item(number: int, line: str) -> Item:
    if line.lstrip().startswith("{"):
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            obj = None
        if isinstance(obj, dict):
            return Item(number, number, None, f"line {number}: a JSON object in plain-text input "
                        "(the first line is not JSON, so every line is read as a draft); "
                        "make every line a JSON object, or name the file .jsonl")
    return Item(number, number, line, plain=True)


def _json_item(number: int, line: str) -> Item:
    try:
        obj = json.loads(line, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        return Item(number, number, None,
                    f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})")
    except _DuplicateKey as exc:
        return Item(number, number, None, f"line {number}: key '{exc}' appears twice; keep one")
    except (RecursionError, ValueError) as exc:  # ValueError: an integer too long to convert
        return Item(number, number, None, f"line {number}: not valid JSON ({exc})")
    if not isinstance(obj, dict):
        return Item(number, number, None, f"line {number}: expected a JSON object with 'text'")
    item_id = obj.get("id", number)
    if not _encodable(item_id):
        item_id = number
    if "posts" in obj and "text" not in obj:
        posts, why = posts_of(obj, f"line {number}: ")
        if posts is not None and not _encodable(posts):
            posts, why = None, (f"line {number}: 'posts' holds an unpaired surrogate "
                                "(a \\ud800-\\udfff escape); send valid Unicode")
        return Item(item_id, number, None, why, posts=tuple(posts or ()))
    text = obj.get("text")
    if not isinstance(text, str):
        return Item(item_id, number, None, f"line {number}: 'text' is missing or not a string")
    if not _encodable(text):
        return Item(item_id, number, None, f"line {number}: 'text' holds an unpaired surrogate "
                    "(a \\ud800-\\udfff escape); send valid Unicode")
    return Item(item_id, number, text)


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Last-wins would let a second "text" hide the draft that was meant.
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _encodable(value: Any) -> bool:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError):
        return False
    return True
