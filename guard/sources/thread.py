"""A thread written as one text: posts separated by a line that holds only `---`."""

from __future__ import annotations

import regex

from guard.errors import DraftError

_RULE = regex.compile(r"^---[ \t]*\r?$", regex.MULTILINE)


def split_posts(text: str, source: str) -> list[str]:
    """The posts of a thread text, in order; an empty post is an error naming its rank."""
    parts = [p.strip("\r\n") for p in _RULE.split(text)]
    if parts and not parts[-1].strip():
        parts.pop()  # a closing --- ends the last post
    if parts and not parts[0].strip():
        parts.pop(0)  # and an opening one starts the first
    for i, part in enumerate(parts):
        if not part.strip():
            raise DraftError(f"{source}: post {i + 1} of the thread is empty (two --- lines "
                             "in a row?)")
    return parts
