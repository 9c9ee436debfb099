"""One post read from any input (JSONL, plain lines, CSV, an archive): `Post`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Post:
    """A post to check: its id, and either its text (or a thread's posts) or why it cannot be read.

    `published` posts come from an archive: their length is information, never a block, and
    `counted` is the code-point range of `text` the platform counted (its display range, without
    attachment links and leading reply handles); None counts the whole text.
    """

    id: Any
    text: str | None
    error: str | None = None
    posts: tuple[str, ...] = ()  # a thread (`"posts": [...]` instead of `"text"`)
    time: str | None = None
    url: str | None = None
    published: bool = False
    counted: tuple[int, int] | None = None
    platform: str | None = None  # where it was published, for its length unless --platform
    line: int = 1  # where reports place it: an archive's posts are not lines of a file
    plain: bool = False

    def extras(self) -> dict[str, Any]:
        """What a scan result adds about the post: time, URL, published (only those known)."""
        out: dict[str, Any] = {}
        if self.time is not None:
            out["time"] = self.time
        if self.url is not None:
            out["url"] = self.url
        if self.published:
            out["published"] = True
        return out
