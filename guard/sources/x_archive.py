"""X (Twitter) account archives: the `.zip` X gives, or its `data/tweets.js` -> posts.

Each item is `{"tweet": {"id_str", "full_text", "created_at", "display_text_range",
"entities": {"urls", "media", "user_mentions"}, "in_reply_to_screen_name", ...}}`. The text
checked is what people read: `&amp;`, `&lt;`, `&gt;` unescaped and each t.co link replaced by
the link it stands for (a leak hides behind t.co otherwise). Length follows the archive's
`display_text_range` (code points into `full_text` as stored), without trailing photo and
quoted-post links; a reply without a display range also leaves its leading @handles out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from guard.errors import UsageError
from guard.length.published import counted_range
from guard.sources.records import Post

# `window.YTD.tweets.part0 = [...]` (older archives: `window.YTD.tweet.part0`).
PREFIX = re.compile(r"\s*window\.YTD\.[\w.]+\s*=\s*")
_TWEET_FILES = re.compile(r"(?:^|/)data/tweets?(?:-part\d+)?\.js$")
_ESCAPES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}
_ESCAPE = re.compile("|".join(_ESCAPES))
_STATUS_LINK = re.compile(r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w+/status(?:es)?/\d+")


def is_tweets_js(head: str) -> bool:
    """True when the text starts like an archive's data file (`window.YTD.…`)."""
    return PREFIX.match(head) is not None


def read_zip(stream: IO[bytes], source: str) -> Iterator[Post]:
    """The posts of every tweets file in an X archive zip, part by part."""
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile as exc:
        raise UsageError(f"{source}: not a readable zip archive ({exc})") from None
    with archive:
        names = sorted(n for n in archive.namelist() if _TWEET_FILES.search(n))
        if not names:
            raise UsageError(
                f"{source}: a zip without data/tweets.js; guard scan reads X account archives "
                "(unzip other archives and scan the file that holds the posts)"
            )
        username = _username(archive)
        for name in names:
            text = archive.read(name).decode("utf-8-sig", errors="replace")
            yield from read_tweets_js(text, f"{source}:{name}", username)


def _username(archive: zipfile.ZipFile) -> str | None:
    name = next((n for n in archive.namelist() if n.endswith("data/account.js")), None)
    if name is None:
        return None
    try:
        items = _load(archive.read(name).decode("utf-8-sig"), name)
        return str(items[0]["account"]["username"])
    except (UsageError, LookupError, TypeError):
        return None  # the URL then goes through x.com/i/web, which needs no name


def _load(text: str, source: str) -> list[Any]:
    m = PREFIX.match(text)
    body = text[m.end() :] if m else text
    try:
        items = json.loads(body)
    except json.JSONDecodeError as exc:
        line = exc.lineno + (text[: m.end()].count("\n") if m else 0)
        raise UsageError(
            f"{source}:{line}:{exc.colno}: not a readable X archive file ({exc.msg})"
        ) from None
    if not isinstance(items, list):
        raise UsageError(f"{source}: expected a list of tweets after 'window.YTD...='")
    return items


def read_tweets_js(text: str, source: str, username: str | None = None) -> Iterator[Post]:
    """The posts of one `tweets.js` (the `window.YTD...` prefix is optional)."""
    for number, item in enumerate(_load(text, source), start=1):
        yield tweet_post(item, number, username)


def tweet_post(item: Any, number: int, username: str | None = None) -> Post:
    """One archive item -> a published post (an item without text -> a post with an error)."""
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        return Post(number, None, f"item {number}: expected an object with 'tweet'")
    tweet_id = str(tweet.get("id_str") or tweet.get("id") or number)
    full = tweet.get("full_text", tweet.get("text"))
    if not isinstance(full, str):
        return Post(tweet_id, None, f"tweet {tweet_id}: 'full_text' is missing or not a string")
    entities = tweet.get("entities") if isinstance(tweet.get("entities"), dict) else {}
    text, where = _shown(full, _links(entities, full))
    display = _pair(tweet.get("display_text_range"))
    media = [m.get("url") for m in _entries(entities, "media") if isinstance(m.get("url"), str)]
    quoted = [u for _, _, u in _links(entities, full) if _STATUS_LINK.match(u)]
    counted = counted_range(
        text,
        (where(display[0]), where(display[1])) if display else None,
        attachments=[*media, *quoted],
        reply=display is None and bool(tweet.get("in_reply_to_screen_name")),
    )
    path = f"{username}/status" if username else "i/web/status"
    return Post(
        tweet_id,
        text,
        time=_time(tweet.get("created_at")),
        url=f"https://x.com/{path}/{tweet_id}",
        published=True,
        counted=counted,
        platform="x",
    )


def _entries(entities: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = entities.get(key)
    return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []


def _pair(value: Any) -> tuple[int, int] | None:
    try:
        start, end = (int(v) for v in value)
    except (TypeError, ValueError):
        return None
    return (start, end) if 0 <= start <= end else None


def _links(entities: dict[str, Any], full: str) -> list[tuple[int, int, str]]:
    """(start, end, expanded URL) of each t.co link whose indices point at it in `full`."""
    out = []
    for entry in _entries(entities, "urls"):
        span, short, long = _pair(entry.get("indices")), entry.get("url"), entry.get("expanded_url")
        # Indices that do not point at the short link (an edited archive) leave the text as is.
        if span and isinstance(long, str) and long and short == full[span[0] : span[1]]:
            out.append((span[0], span[1], long))
    return sorted(out)


def _shown(full: str, links: list[tuple[int, int, str]]):  # type: ignore[no-untyped-def]
    """The text people read, and a map from offsets into `full` to offsets into it."""
    pieces: list[str] = []
    marks: list[tuple[int, int]] = [(0, 0)]  # (offset in full, offset in the text) at each edit
    size = pos = 0
    edits = [(s, e, url) for s, e, url in links]
    edits += [(m.start(), m.end(), _ESCAPES[m.group()]) for m in _ESCAPE.finditer(full)]
    for start, end, new in sorted(edits):
        if start < pos:
            continue  # an escape inside a link: the link's replacement holds it
        pieces.append(full[pos:start])
        size += start - pos
        marks.append((start, size))
        pieces.append(new)
        size += len(new)
        pos = end
        marks.append((end, size))
    pieces.append(full[pos:])

    def where(offset: int) -> int:
        base, mapped = max((m for m in marks if m[0] <= offset), default=(0, 0))
        return mapped + offset - base

    return "".join(pieces), where


def _time(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:  # archives write "Wed Oct 10 20:19:24 +0000 2018"
        return dt.datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").isoformat()
    except ValueError:
        return value
