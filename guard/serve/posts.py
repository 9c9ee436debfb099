"""`POST /v1/check` for a thread (`"posts"`) or a post with images (JSON base64 or multipart).

Images are read (metadata, OCR) in a thread of their own, so a slow OCR never holds up the
checker thread; the rules then run on the checker thread like any draft.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
from collections.abc import AsyncGenerator
from typing import Any

from starlette.requests import Request

from guard.attachments.image import Attachment
from guard.attachments.inspect import inspect
from guard.engine import Guard
from guard.errors import CheckError, DraftError, GuardError
from guard.models import Report
from guard.serve.requests import ApiError, draft_text
from guard.serve.worker import Checker

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # a multipart body: a few photos and the post
MAX_ATTACHMENTS = 4  # X and Bluesky take four images a post


def has_parts(data: dict[str, Any]) -> bool:
    """True for a thread or a post with attachments."""
    return "posts" in data or "attachments" in data


def is_multipart(request: Request) -> bool:
    """True for a multipart/form-data request (a post with image files)."""
    return request.headers.get("content-type", "").startswith("multipart/form-data")


async def read_multipart(request: Request, limit: int = MAX_UPLOAD_BYTES) -> dict[str, Any]:
    """A multipart form -> the JSON shape: text, platform, lang, redact, attachments."""
    from starlette.formparsers import MultiPartException, MultiPartParser

    seen = 0

    async def limited() -> AsyncGenerator[bytes, None]:
        nonlocal seen
        async for chunk in request.stream():
            seen += len(chunk)
            if seen > limit:
                # The parser closes its temporary files on its own exception, not on ours.
                raise MultiPartException("too large")
            yield chunk

    try:
        form = await MultiPartParser(request.headers, limited(), max_files=MAX_ATTACHMENTS,
                                     max_fields=64, max_part_size=limit).parse()
    except MultiPartException as exc:
        if seen > limit:
            raise ApiError(413, "too_large", f"the upload is over the limit of {limit:,} "
                           "bytes") from None
        raise ApiError(400, "bad_request", f"the multipart body cannot be read: {exc.message}; "
                       "send 'text' and up to four 'image' files (and 'alt' texts)") from None
    try:
        return await _form_data(form)
    finally:
        await form.close()


async def _form_data(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {k: form[k] for k in ("text", "platform", "lang") if k in form}
    if form.get("redact") in ("1", "true"):
        data["redact"] = True
    if form.get("ocr") in ("0", "false"):
        data["ocr"] = False
    elif form.get("ocr") == "auto":
        data["ocr"] = "auto"
    alts = [a for a in form.getlist("alt") if isinstance(a, str)]
    images = form.getlist("image")
    if any(isinstance(i, str) for i in images):
        raise ApiError(400, "bad_request", "'image' must be a file part (filename and bytes)")
    data["attachments"] = [
        Attachment(await f.read(), alts[i] if i < len(alts) else "", f.filename or "")  # type: ignore[union-attr]
        for i, f in enumerate(images)
    ]
    return data


def _attachments(data: dict[str, Any]) -> list[Attachment]:
    items = data.get("attachments")
    if not isinstance(items, list):
        raise ApiError(400, "bad_request", "'attachments' must be a list of {\"data\": base64, "
                       "\"alt\"?, \"name\"?} objects")
    if len(items) > MAX_ATTACHMENTS:
        raise ApiError(413, "too_many_attachments", f"{len(items)} attachments; at most "
                       f"{MAX_ATTACHMENTS} per post")
    out = []
    for i, item in enumerate(items):
        if isinstance(item, Attachment):
            out.append(item)
            continue
        if not isinstance(item, dict) or not isinstance(item.get("data"), str):
            raise ApiError(400, "bad_request", f"attachments[{i}]: 'data' must be the image "
                           "bytes in base64")
        alt, name = item.get("alt", ""), item.get("name", "")
        if not isinstance(alt, str) or not isinstance(name, str):
            raise ApiError(400, "bad_request", f"attachments[{i}]: 'alt' and 'name' are strings")
        try:
            raw = base64.b64decode(item["data"], validate=True)
        except (binascii.Error, ValueError):
            raise ApiError(400, "bad_request", f"attachments[{i}]: 'data' is not valid base64"
                           ) from None
        out.append(Attachment(raw, alt, name))
    return out


def _posts(data: dict[str, Any], guard: Guard) -> list[str]:
    posts = data["posts"]
    if not isinstance(posts, list) or not posts:
        raise ApiError(400, "bad_request", "'posts' must be a non-empty list of strings")
    return [draft_text({"text": p}, guard, f"posts[{i}]: ") for i, p in enumerate(posts)]


async def parts_report(checker: Checker, guard: Guard, data: dict[str, Any],
                       platform: str | None, lang: str | None) -> Report:
    """The report of a thread or of a post with images, or an ApiError (4xx, 503)."""
    try:
        if "posts" in data:
            if "text" in data or "attachments" in data:
                raise ApiError(400, "bad_request", "send either 'posts' (a thread) or 'text' "
                               "with its 'attachments', not both")
            posts = _posts(data, guard)
            future = checker.call(lambda g: g.check_thread(posts, platform, lang))
        else:
            text = draft_text(data, guard)
            attached = _attachments(data)
            ocr = data.get("ocr", True)
            if ocr not in (True, False, "auto"):
                raise ApiError(400, "bad_request", "'ocr' must be true, false or \"auto\"")
            items = [await asyncio.to_thread(inspect, a, i, ocr) for i, a in enumerate(attached)]
            future = checker.call(lambda g: g.check_post(text, items, platform, lang))
        return await asyncio.wrap_future(future)
    except DraftError as exc:
        raise ApiError(400, "bad_draft", exc.describe()) from None
    except GuardError as exc:
        raise ApiError(503 if isinstance(exc, CheckError) else 500, "check_failed",
                       f"{exc.describe()}; the post was not checked: do not publish") from None
