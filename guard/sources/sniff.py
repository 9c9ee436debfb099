"""Which kind of input a scan was given, by its content: `open_posts`.

X archive zip or `tweets.js`, Mastodon `outbox.json`, Bluesky CAR or posts JSON, CSV (by the
`.csv` suffix or `--text-column`). JSONL and plain lines are left to the scan's own reader
(`None`), with nothing consumed from the input.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from guard.errors import UsageError
from guard.sources import bluesky, mastodon, x_archive
from guard.sources.car import is_car
from guard.sources.csvfile import read_csv
from guard.sources.records import Post
from guard.sources.scanlines import JSONL_SUFFIXES

HEAD = 64 * 1024
_DOC_KEYS = ("orderedItems", "records", "feed")
_ITEM_KEYS = {"tweet", "value", "post", "$type"}


def open_posts(path: str, text_column: str | None = None) -> Iterator[Post] | None:
    """The posts of an archive, CSV or JSON document; None for JSONL or plain lines."""
    source = "<stdin>" if path == "-" else path
    stream = _open(path)
    try:
        posts = _dispatch(stream, path, source, text_column)
    except BaseException:
        _close(stream)
        raise
    if posts is None:
        _close(stream)
        return None
    return _closing(posts, stream)


def _closing(posts: Iterator[Post], stream: IO[bytes]) -> Iterator[Post]:
    try:
        yield from posts
    finally:
        _close(stream)


def _close(stream: IO[bytes]) -> None:
    if stream is not sys.stdin.buffer:
        stream.close()


def _dispatch(
    stream: IO[bytes], path: str, source: str, text_column: str | None
) -> Iterator[Post] | None:
    head = _peek(stream, HEAD)
    if head.startswith(b"PK\x03\x04"):
        return x_archive.read_zip(_seekable(stream), source)
    if is_car(head):
        return bluesky.read_repo(stream, source)
    text_head = head.decode("utf-8-sig", errors="replace")
    if x_archive.is_tweets_js(text_head):
        return x_archive.read_tweets_js(_text(stream, source), source)
    if text_column is not None or path.lower().endswith(".csv"):
        return read_csv(stream, source, text_column)
    if path.lower().endswith(JSONL_SUFFIXES):
        return None  # JSONL by its name, as the scan's reader decides
    # Lines end at "\n" only, as the scan reads them (U+2028 is text inside a draft).
    first = next((line.strip() for line in text_head.split("\n") if line.strip()), "")
    if first[:1] not in ("{", "["):
        return None
    try:
        value: Any = json.loads(first)
    except (ValueError, RecursionError):
        value = None  # not a whole value on its own: a document over several lines, or a bad line
    if value is None and not _opens_document(first):
        return None  # a bad JSONL line: the scan's reader reports it in its place
    if value is not None and not _is_document(value):
        return None  # JSONL: one object per line
    doc = _json(_text(stream, source), source)
    if mastodon.is_outbox(doc):
        return mastodon.read_outbox(doc)
    if bluesky.is_posts_json(doc):
        return bluesky.read_posts_json(doc)
    if isinstance(doc, list) and any(isinstance(i, dict) and "tweet" in i for i in doc[:20]):
        return (x_archive.tweet_post(item, n) for n, item in enumerate(doc, start=1))
    raise UsageError(
        f"{source}: a JSON document guard scan does not know; it reads JSONL (one object with "
        "'text' per line), X archives, Mastodon outbox.json and Bluesky posts"
    )


def _opens_document(first: str) -> bool:
    # A pretty-printed document starts with a lone bracket or `{"key": [` / `{"key": {`.
    return first in ("{", "[") or first.rstrip().endswith(("[", "{", ","))


def _is_document(value: Any) -> bool:
    # A whole archive on one line; a JSONL line is an object with 'text' (or a bad line).
    if isinstance(value, list):
        return any(isinstance(i, dict) and _ITEM_KEYS & i.keys() for i in value[:20])
    return isinstance(value, dict) and any(k in value for k in _DOC_KEYS)


def _open(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")  # closed by open_posts once the posts are read
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder; give the archive file or the posts file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read it ({exc.strerror})") from None


def _peek(stream: IO[bytes], size: int) -> bytes:
    """The first bytes, left in the stream for whoever reads next."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        data = peek(size)[:size]
        if len(data) >= min(size, 4096) or not data:
            return data
    if stream.seekable():
        at = stream.tell()
        data = stream.read(size)
        stream.seek(at)
        return data
    return peek(size)[:size] if peek is not None else b""


def _seekable(stream: IO[bytes]) -> IO[bytes]:
    return stream if stream.seekable() else io.BytesIO(stream.read())


def _text(stream: IO[bytes], source: str) -> str:
    data = stream.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{source}: not valid UTF-8 at byte {exc.start} ({exc.reason}); an archive file is "
            "UTF-8 as the platform wrote it"
        ) from None


def _json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, brackets nested too deep
        raise UsageError(f"{source}: not readable as JSON ({exc})") from None
