"""`guard serve`: a thin HTTP shell (Starlette) over one shared Guard. Never prints.

One worker thread runs every check, taking whatever requests are waiting as one batch
(`check_many`, so spaCy sees batches under load). The event loop only parses and answers, so
`/healthz` stays quick while drafts are checked, and the engine is never used from two
threads at once. A watcher thread polls the rule files' mtimes once a second and swaps in a
new Guard; a reload that fails keeps the last good pack in force and says so on `/healthz`
and in an `X-Guard-Policy-Stale` header (see docs/integrations.md for why).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hmac
import json
import os
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from guard import __version__
from guard.detect.nlp.language import SUPPORTED
from guard.engine import Guard
from guard.errors import CheckError, DraftError, GuardError
from guard.length.measure import PLATFORMS
from guard.models import Report
from guard.report.redact import redact
from guard.report.shapes import error_result, report_dict, scan_result
from guard.serve.openapi import openapi
from guard.serve.worker import Checker, PackWatcher, files_of

MAX_BODY_BYTES = 1024 * 1024  # a draft is at most 100,000 characters; a batch of them fits
MAX_SCAN_DRAFTS = 1000
WARM_UP = "Acme Corp said revenue grew 12% to $3M on Monday, said Jane Doe in Paris."


class ApiError(Exception):
    """A request the server refuses: HTTP status, a stable code, and what to change."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """How the app answers: body limit, bearer token (None: no auth), batch limit."""

    token: str | None = None
    max_body: int = MAX_BODY_BYTES
    max_scan: int = MAX_SCAN_DRAFTS


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


async def _read_json(request: Request, limit: int) -> dict[str, Any]:
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
        data = json.loads(bytes(body))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = (f" at line {exc.lineno}, column {exc.colno}"
                 if isinstance(exc, json.JSONDecodeError) else "")
        raise ApiError(400, "bad_json", f"the request body is not valid JSON{where}: "
                       f"{getattr(exc, 'msg', exc)}") from None
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", f"expected a JSON object, got {type(data).__name__}")
    return data


def _options(data: dict[str, Any], where: str = "") -> tuple[str | None, str | None]:
    platform, lang = data.get("platform"), data.get("lang")
    if platform is not None and platform not in PLATFORMS:
        raise ApiError(400, "bad_request", f"{where}'platform' must be one of "
                       f"{', '.join(PLATFORMS)}, got {platform!r}")
    if lang is not None and lang not in SUPPORTED:
        raise ApiError(400, "bad_request", f"{where}'lang' must be one of {', '.join(SUPPORTED)}, "
                       f"got {lang!r}")
    return platform, lang


def _draft(data: dict[str, Any], guard: Guard, where: str = "") -> str:
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


async def _report(checker: Checker, text: str, platform: str | None, lang: str | None) -> Report:
    try:
        return await asyncio.wrap_future(checker.submit(text, platform, lang))
    except DraftError as exc:
        raise ApiError(400, "bad_draft", exc.describe()) from None
    except GuardError as exc:
        # The check could not run (exit 3 on the command line): the draft is NOT allowed.
        raise ApiError(503 if isinstance(exc, CheckError) else 500, "check_failed",
                       f"{exc.describe()}; the draft was not checked: do not publish") from None


def create_app(watcher: PackWatcher, config: ServerConfig | None = None,
               watch: bool = True) -> Starlette:
    """The ASGI app over a watcher's Guard; the worker and watcher threads live with the app."""
    config = config or ServerConfig()
    checker = Checker(watcher)

    def headers() -> dict[str, str]:
        pack = watcher.guard.pack
        # Header values are latin-1: a pack name in any script goes percent-encoded.
        out = {"X-Guard-Policy": f"{urllib.parse.quote(pack.name)} {pack.digest}"}
        if watcher.error:
            out["X-Guard-Policy-Stale"] = "true"
        return out

    def authorize(request: Request) -> None:
        if config.token is None:
            return
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(),
                                                                  config.token.encode()):
            raise ApiError(401, "unauthorized", "send 'Authorization: Bearer <token>' with the "
                           "server's token")

    async def check(request: Request) -> Response:
        authorize(request)
        data = await _read_json(request, config.max_body)
        text = _draft(data, watcher.guard)
        platform, lang = _options(data)
        report = await _report(checker, text, platform, lang)
        if data.get("redact"):
            report = redact(report)
        return JSONResponse(report_dict(report), headers=headers())

    async def scan(request: Request) -> Response:
        authorize(request)
        data = await _read_json(request, config.max_body)
        drafts = data.get("drafts")
        if not isinstance(drafts, list):
            raise ApiError(400, "missing_drafts",
                           "'drafts' must be a list of {\"id\", \"text\"} objects")
        if len(drafts) > config.max_scan:
            raise ApiError(413, "too_many_drafts", f"{len(drafts):,} drafts; at most "
                           f"{config.max_scan:,} per request")
        platform, lang = _options(data)
        pending: list[tuple[Any, asyncio.Future[Report] | None, str | None]] = []
        for i, item in enumerate(drafts):
            item_id = item.get("id", i) if isinstance(item, dict) else i
            try:
                if not isinstance(item, dict):
                    raise ApiError(400, "bad_request",
                                   f"drafts[{i}]: expected an object with 'text'")
                text = _draft(item, watcher.guard, f"drafts[{i}]: ")
                plat, lng = _options(item, f"drafts[{i}]: ")
            except ApiError as exc:
                pending.append((item_id, None, exc.message))
                continue
            future = asyncio.wrap_future(checker.submit(text, plat or platform, lng or lang))
            pending.append((item_id, future, None))
        results: list[dict[str, Any]] = []
        counts = {"allow": 0, "warn": 0, "block": 0, "error": 0}
        for item_id, future, problem in pending:
            if future is not None:
                try:
                    report = await future
                except GuardError as exc:
                    problem = exc.describe()
                else:
                    if data.get("redact"):
                        report = redact(report)
                    counts[report.verdict] += 1
                    results.append(scan_result(item_id, report))
                    continue
            counts["error"] += 1
            results.append(error_result(item_id, problem or "not checked"))
        policy = watcher.guard.pack
        return JSONResponse({"results": results, "summary": counts,
                             "policy": {"name": policy.name, "digest": policy.digest}},
                            headers=headers())

    async def healthz(request: Request) -> Response:
        pack = watcher.guard.pack
        return JSONResponse({
            "status": "stale" if watcher.error else "ok",
            "version": __version__,
            "policy": {"name": pack.name, "digest": pack.digest, "rules": len(pack.rules),
                       "files": files_of(watcher.guard)},
            "nlp": watcher.guard.nlp_enabled,
            "loaded_at": watcher.loaded_at.isoformat(timespec="seconds"),
            "reloads": watcher.reloads,
            "reload_error": watcher.error,
        }, headers=headers())

    async def openapi_json(request: Request) -> Response:
        return JSONResponse(openapi(__version__, config.max_body, config.max_scan,
                                    auth=config.token is not None))

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        response = _error(exc.status, exc.code, exc.message)
        if headers:
            response.headers.update(headers)
        return response

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, f"{exc.detail}: see GET /openapi.json for the API")

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        checker.start()
        if watch:
            watcher.start()
        try:
            yield
        finally:
            watcher.stop()
            checker.stop()

    routes = [
        Route("/v1/check", check, methods=["POST"]),
        Route("/v1/scan", scan, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/openapi.json", openapi_json, methods=["GET"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={ApiError: api_error, HTTPException: http_error})
    pack = watcher.guard.pack
    app.state.describe = (f"policy {pack.name} ({len(pack.rules)} rules, NLP "
                          f"{'on' if watcher.guard.nlp_enabled else 'off'})")
    return app



@dataclass(frozen=True, slots=True)
class ServeSettings:
    """Everything a server process needs to build its Guard and app."""

    rules: tuple[str, ...] = ()
    nlp: bool = True
    today: str | None = None
    token_env: str = "GUARD_TOKEN"
    max_body: int = MAX_BODY_BYTES

    def build_guard(self) -> Guard:
        """The rules found in discovery order, as of `today`."""
        day = dt.date.fromisoformat(self.today) if self.today else None
        return Guard.discover(self.rules, today=day, nlp=self.nlp)

    def token(self) -> str | None:
        """The bearer token from the environment, or None for no auth."""
        return os.environ.get(self.token_env, "").strip() or None


def build_app(settings: ServeSettings) -> Starlette:
    """Load the pack, warm the models up (not on a posting tool's first request), build the app."""
    guard = settings.build_guard()
    guard.check(WARM_UP)
    watcher = PackWatcher(guard, settings.build_guard)
    return create_app(watcher, ServerConfig(token=settings.token(), max_body=settings.max_body))

