"""A thread written as one text: posts separated by a line that holds only `---`."""

from __future__ import annotations

import regex

from guard.engine import Guard
from guard.errors import DraftError, GuardError, ModelMissingError
from guard.models import Report

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


def posts_of(obj: dict[str, object], where: str) -> tuple[list[str] | None, str | None]:
    """A JSON object's `posts` as a thread, or why it is not one: (posts, None) or (None, why)."""
    posts = obj.get("posts")
    if not isinstance(posts, list) or not posts:
        return None, f"{where}'posts' must be a non-empty list of strings"
    for i, post in enumerate(posts):
        if not isinstance(post, str):
            return None, f"{where}posts[{i}] must be a string, got {type(post).__name__}"
    return list(posts), None


def check_thread_item(guard: Guard, posts: tuple[str, ...], platform: str | None,
                      lang: str | None) -> Report | GuardError:
    """One thread of a scan checked, or the error that stopped it (the scan goes on)."""
    try:
        return guard.check_thread(posts, platform=platform, lang=lang)
    except ModelMissingError:
        raise  # no draft can be checked: the scan stops, as it does for one draft
    except GuardError as exc:
        return exc
