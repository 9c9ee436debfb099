"""Mastodon exports: `outbox.json` (ActivityStreams) -> posts, their HTML turned into the text
people saw.

Each `Create` activity of `orderedItems` holds a status (`Note`, `Question`) whose `content` is
HTML: paragraphs become blank lines, `<br>` a line break, links and mentions their text as
written (the parts Mastodon hides with `invisible` are part of the link, so a link reads whole),
and a content warning (`summary`) comes first, since people read it too. Boosts (`Announce`) are
someone else's posts and are skipped.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from guard.length.published import counted_range
from guard.sources.records import Post

_BLOCKS = {"p", "blockquote", "pre", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"}


def is_outbox(doc: Any) -> bool:
    """True for an ActivityStreams collection (Mastodon's outbox)."""
    return isinstance(doc, dict) and isinstance(doc.get("orderedItems"), list)


class _Text(HTMLParser):
    """Collects the text of status HTML, with paragraphs and line breaks as Mastodon shows them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pending_break = ""

    def _put(self, text: str) -> None:
        if self.pending_break and self.parts:
            self.parts.append(self.pending_break)
        self.pending_break = ""
        self.parts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._put("\n")
        elif tag in _BLOCKS:
            self.pending_break = "\n\n"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.pending_break = "\n\n"

    def handle_data(self, data: str) -> None:
        if data:
            self._put(data)


def html_text(content: str) -> str:
    """Status HTML -> the text people read."""
    parser = _Text()
    parser.feed(content)
    parser.close()
    return "".join(parser.parts).strip("\n")


def read_outbox(doc: dict[str, Any]) -> Iterator[Post]:
    """The statuses the account wrote, in the outbox's order."""
    for number, activity in enumerate(doc["orderedItems"], start=1):
        if not isinstance(activity, dict) or activity.get("type") != "Create":
            continue  # Announce (a boost), Like, ...: not this account's words
        yield status_post(activity, number)


def status_post(activity: dict[str, Any], number: int) -> Post:
    """One `Create` activity -> a published post."""
    status = activity.get("object")
    if not isinstance(status, dict):
        return Post(activity.get("id", number), None, f"item {number}: 'object' is not a status")
    post_id = status.get("id") or activity.get("id") or number
    content = status.get("content")
    if not isinstance(content, str):
        return Post(post_id, None, f"status {post_id}: 'content' is missing or not a string")
    text = html_text(content)
    warning = status.get("summary")
    if isinstance(warning, str) and warning.strip():
        text = f"{html.unescape(warning).strip()}\n\n{text}"
    url = status.get("url") if isinstance(status.get("url"), str) else status.get("id")
    published = status.get("published") or activity.get("published")
    return Post(
        post_id,
        text,
        time=published if isinstance(published, str) else None,
        url=url if isinstance(url, str) else None,
        published=True,
        counted=counted_range(text),
        platform="mastodon",
    )
