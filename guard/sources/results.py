"""Posts -> scan results: the one step `guard scan` and `guard.spark` share, so they agree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guard.engine import Guard
from guard.errors import GuardError
from guard.models import ModelFreeHits
from guard.report.published import as_published
from guard.report.redact import redact as redact_report
from guard.report.shapes import error_result, scan_result
from guard.sources.records import Post
from guard.sources.scanlines import Item
from guard.sources.thread import check_thread_item


def check_posts(
    guard: Guard,
    posts: Sequence[Post | Item],
    platform: str | None,
    lang: str | None,
    redact: bool,
    ahead: ModelFreeHits | None = None,
) -> list[dict[str, Any]]:
    """One result per post, in order; a post that cannot be read or checked gets an `error`.
    `ahead`: model-free hits found already (`Guard.model_free_ahead`)."""
    readable = [post for post in posts if post.error is None and post.text is not None]
    texts = [post.text or "" for post in readable]
    checked = iter(guard.check_each(texts, platform, lang, ahead=ahead))
    out = []
    for post in posts:
        extras = post.extras() if isinstance(post, Post) else {}
        if post.posts:
            result = check_thread_item(guard, post.posts, platform, lang)
        elif post.error is not None or post.text is None:
            out.append({**error_result(post.id, post.error or "no text"), **extras})
            continue
        else:
            result = next(checked)
        if isinstance(result, GuardError):
            out.append({**error_result(post.id, result.describe()), **extras})
            continue
        if isinstance(post, Post) and post.published and post.text is not None:
            result = as_published(result, post.text, post.counted, platform or post.platform)
        if redact:
            result = redact_report(result)
        out.append({**scan_result(post.id, result), **extras})
    return out
