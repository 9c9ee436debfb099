"""What `guard serve` accepts: the JSON body, a draft and its options, or an ApiError."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from guard.detect.language import SUPPORTED
from guard.engine import Guard
from guard.errors import CheckError, DraftError, GuardError
from guard.length.measure import PLATFORMS
from guard.models import Report
from guard.serve.worker import Checker


class ApiError(Exception):
    """A request the server refuses: HTTP status, a stable code, and what to change."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str) -> JSONResponse:
    """The JSON error body every refusal uses: {"error": {"code", "message"}}."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


async def read_json(request: Request, limit: int) -> dict[str, Any]:
    """The request body as a JSON object, read within `limit` bytes."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise ApiError(413, "too_large", f"the request body is {int(length):,} bytes; "
                       f"the limit is {limit:,}")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, "too_large",
                           f"the request body is over the limit of {limit:,} bytes")
    if not body.strip():
        raise ApiError(400, "bad_json", 'the request body is empty; send a JSON object such as '
                       '{"text": "draft"}')
    try:
        data = json.loads(bytes(body), object_pairs_hook=_no_duplicates)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = (f" at line {exc.lineno}, column {exc.colno}"
                 if isinstance(exc, json.JSONDecodeError) else "")
        raise ApiError(400, "bad_json", f"the request body is not valid JSON{where}: "
                       f"{getattr(exc, 'msg', exc)}") from None
    except RecursionError:
        raise ApiError(400, "bad_json", "the request body is nested too deeply") from None
    except ValueError as exc:  # an integer of thousands of digits, a duplicate key
        raise ApiError(400, "bad_json", f"the request body is not usable JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", f"expected a JSON object, got {type(data).__name__}")
    return data


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Last-wins would let a second "text" replace the draft the tool meant to send.
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {key!r} appears twice in one object; keep one")
        out[key] = value
    return out


def draft_options(data: dict[str, Any], where: str = "") -> tuple[str | None, str | None]:
    """`platform` and `lang` of a request or an item, checked against what the guard knows."""
    platform, lang = data.get("platform"), data.get("lang")
    if platform is not None and (not isinstance(platform, str) or platform not in PLATFORMS):
        raise ApiError(400, "bad_request", f"{where}'platform' must be one of "
                       f"{', '.join(PLATFORMS)}, got {platform!r}")
    if lang is not None and (not isinstance(lang, str) or lang not in SUPPORTED):
        raise ApiError(400, "bad_request", f"{where}'lang' must be one of {', '.join(SUPPORTED)}, "
                       f"got {lang!r}")
    return platform, lang


def draft_text(data: dict[str, Any], guard: Guard, where: str = "") -> str:
    """The draft of a request or an item, refused (400) when the guard would refuse it."""
    if "text" not in data:
        raise ApiError(400, "missing_text", f"{where}'text' is missing: send the draft as "
                       '{"text": "..."}')
    text = data["text"]
    if not isinstance(text, str):
        raise ApiError(400, "bad_request",
                       f"{where}'text' must be a string, got {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(400, "bad_request", f"{where}'text' holds an unpaired surrogate "
                       "(\\ud800-\\udfff escape); send valid Unicode") from None
    try:
        guard.validate_draft(text)
    except DraftError as exc:
        code = "empty_text" if not text.strip() else "bad_draft"
        raise ApiError(400, code, where + exc.describe()) from None
    return text


async def checked_report(
    checker: Checker, text: str, platform: str | None, lang: str | None
) -> Report:
    """The report of one draft from the checker thread, or an ApiError (4xx, 503: not checked)."""
    try:
        return await asyncio.wrap_future(checker.submit(text, platform, lang))
    except DraftError as exc:
        raise ApiError(400, "bad_draft", exc.describe()) from None
    except GuardError as exc:
        # The check could not run (exit 3 on the command line): the draft is NOT allowed.
        raise ApiError(503 if isinstance(exc, CheckError) else 500, "check_failed",
                       f"{exc.describe()}; the draft was not checked: do not publish") from None
