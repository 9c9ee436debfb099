"""What a platform counted of a post it already published: display range, no attachment links,
no leading reply handles (`counted_range`, `published_length`).

X stores a published post's text with the link of its attached photo or quoted post at the end
and, for a reply, the @handles it was replying to at the start; neither counts toward the 280
(X's archive says what did count with `display_text_range`). A draft checked before posting is
measured whole, by `measure`, exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from guard.length.measure import measure
from guard.models import Length

# An X handle: 1-15 letters, digits or underscores; Mastodon adds @domain.
_LEADING_HANDLE = re.compile(r"@\w{1,30}(?:@[\w.-]+\w)?\s+", re.ASCII)


def strip_reply_handles(text: str, start: int, end: int) -> int:
    """Where the counted text starts once the leading @handles of a reply are left out."""
    pos = start
    while (m := _LEADING_HANDLE.match(text, pos, end)) is not None:
        pos = m.end()
    return pos if pos < end else start  # a post of handles only is all handles: count it whole


def strip_attachment_links(text: str, start: int, end: int, links: Iterable[str]) -> int:
    """Where the counted text ends once trailing attachment links (photo, quoted post) are out."""
    wanted = [link for link in links if link]
    stripped = False
    while True:
        trimmed = start + len(text[start:end].rstrip())
        link = next((k for k in wanted if text.endswith(k, start, trimmed)), None)
        if link is None:
            # The space before a stripped link is not shown either; an untouched end stays.
            return trimmed if stripped else end
        end, stripped = trimmed - len(link), True


def counted_range(
    text: str,
    display: tuple[int, int] | None = None,
    attachments: Iterable[str] = (),
    reply: bool = False,
) -> tuple[int, int]:
    """The code-point range of `text` the platform counted; `display` is the archive's own."""
    start, end = display if display is not None else (0, len(text))
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if end < start:
        start, end = 0, len(text)
    if reply:
        start = strip_reply_handles(text, start, end)
    end = strip_attachment_links(text, start, end, attachments)
    return start, end


def published_length(text: str, platform: str, counted: tuple[int, int] | None) -> Length:
    """The length of the counted part of a published post; `overflow_at` is into `text`."""
    start, end = counted if counted is not None else (0, len(text))
    length = measure(text[start:end], platform)
    if length.overflow_at is None:
        return length
    return Length(length.platform, length.weighted, length.limit, length.fits,
                  length.overflow_at + start)
