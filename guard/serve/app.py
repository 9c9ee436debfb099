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
import os
import urllib.parse
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from guard import __version__
from guard.engine import Guard
from guard.errors import GuardError
from guard.fix import Fix, fix_dict, plan
from guard.models import Report
from guard.report.redact import redact
from guard.report.shapes import error_result, report_dict, scan_result
from guard.serve.compliance import Compliance
from guard.serve.cors import cors_middleware
from guard.serve.openapi import openapi
from guard.serve.page import SecurityHeaders, page_routes
from guard.serve.posts import (
    MAX_UPLOAD_BYTES,
    has_parts,
    is_multipart,
    parts_report,
    read_multipart,
)
from guard.serve.requests import (
    ApiError,
    checked_report,
    draft_options,
    draft_text,
    error_response,
    read_json,
)
from guard.serve.worker import Checker, PackWatcher, files_of

MAX_BODY_BYTES = 1024 * 1024  # a draft is at most 100,000 characters; a batch of them fits
MAX_SCAN_DRAFTS = 1000
WARM_UP = "Acme Corp said revenue grew 12% to $3M on Monday, said Jane Doe in Paris."


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """How the app answers: body limit, bearer token (None: no auth), batch limit."""

    token: str | None = None
    max_body: int = MAX_BODY_BYTES
    max_scan: int = MAX_SCAN_DRAFTS
    compliance: Compliance | None = None  # audit store, signing key, token names
    max_upload: int = MAX_UPLOAD_BYTES  # a multipart post with images
    cors_origins: tuple[str, ...] = ()  # the browser extension's origins; never "*"


class Api:
    """The endpoints over one watcher's Guard, with the checker thread that runs every check."""

    def __init__(self, watcher: PackWatcher, config: ServerConfig) -> None:
        self.watcher, self.config = watcher, config
        self.checker = Checker(watcher)
        self.loop = config.compliance or Compliance()

    def headers(self) -> dict[str, str]:
        pack = self.watcher.guard.pack
        # Header values are latin-1: a pack name in any script goes percent-encoded.
        out = {"X-Guard-Policy": f"{urllib.parse.quote(pack.name)} {pack.digest}"}
        if self.watcher.error:
            out["X-Guard-Policy-Stale"] = "true"
        return out

    def authorize(self, request: Request) -> None:
        if self.config.token is None and not self.loop.users:
            return
        given = request.headers.get("authorization", "")
        scheme, _, token = given.partition(" ")
        shared = self.config.token is not None and hmac.compare_digest(
            token.strip().encode(), self.config.token.encode())
        named = self.loop.token_name(token.strip()) is not None
        if scheme.lower() != "bearer" or not (shared or named):
            raise ApiError(401, "unauthorized", "send 'Authorization: Bearer <token>' with the "
                           "server's token")

    def _authorized(self, request: Request) -> bool:
        # True only for a caller holding a token: an open server shows no host paths to anyone.
        if self.config.token is None and not self.loop.users:
            return False
        try:
            self.authorize(request)
        except ApiError:
            return False
        return True

    async def check(self, request: Request) -> Response:
        self.authorize(request)
        data = (await read_multipart(request, self.config.max_upload) if is_multipart(request)
                else await read_json(request, self.config.max_body))
        platform, lang = draft_options(data)
        guard = self.watcher.guard
        if has_parts(data):
            report = await parts_report(self.checker, guard, data, platform, lang)
            # The audit store keeps a thread's posts as one text, a post's own text otherwise.
            text = "\n\n".join(data["posts"]) if "posts" in data else data["text"]
        else:
            text = draft_text(data, guard)
            report = await checked_report(self.checker, text, platform, lang)
        extra = await self.loop.after_check(request, guard, report, text, data.get("override"),
                                            self.loop.who(request, self.config.token is not None))
        if data.get("redact"):
            report = redact(report)
        return JSONResponse({**report_dict(report), **extra}, headers=self.headers())

    async def override(self, request: Request) -> Response:
        self.authorize(request)
        data = await read_json(request, self.config.max_body)
        who = self.loop.who(request, self.config.token is not None)
        return JSONResponse(await self.loop.override(data, who), headers=self.headers())

    async def feedback(self, request: Request) -> Response:
        self.authorize(request)
        data = await read_json(request, self.config.max_body)
        who = self.loop.who(request, self.config.token is not None)
        return JSONResponse(await self.loop.feedback(data, who), headers=self.headers())

    async def fix(self, request: Request) -> Response:
        self.authorize(request)
        data = await read_json(request, self.config.max_body)
        guard = self.watcher.guard
        text = draft_text(data, guard)
        platform, lang = draft_options(data)
        before = await checked_report(self.checker, text, platform, lang)
        new_text, edits = plan(guard.pack, text, before)
        if edits and not new_text.strip():
            raise ApiError(422, "nothing_left", "the fix would remove the whole draft: "
                           "rewrite it by hand")
        # Returned only with the check of the rewritten draft: a fix is never taken on trust.
        after = await checked_report(self.checker, new_text, platform, lang) if edits else before
        # The rewritten draft is a check like any other: audited, and signed when receipts are on.
        extra = await self.loop.after_check(request, guard, after, new_text, None,
                                            self.loop.who(request, self.config.token is not None))
        shown = redact(after) if data.get("redact") else after
        body = fix_dict(Fix(new_text, edits, after), guard.pack, shown)
        body["report"].update(extra)
        return JSONResponse(body, headers=self.headers())

    async def scan(self, request: Request) -> Response:
        self.authorize(request)
        data = await read_json(request, self.config.max_body)
        drafts = data.get("drafts")
        if not isinstance(drafts, list):
            raise ApiError(400, "missing_drafts",
                           "'drafts' must be a list of {\"id\", \"text\"} objects")
        if len(drafts) > self.config.max_scan:
            raise ApiError(413, "too_many_drafts", f"{len(drafts):,} drafts; at most "
                           f"{self.config.max_scan:,} per request")
        platform, lang = draft_options(data)
        pending: list[tuple[Any, asyncio.Future[Report] | None, str | None]] = []
        for i, item in enumerate(drafts):
            item_id = item.get("id", i) if isinstance(item, dict) else i
            try:
                if not isinstance(item, dict):
                    raise ApiError(400, "bad_request",
                                   f"drafts[{i}]: expected an object with 'text'")
                text = draft_text(item, self.watcher.guard, f"drafts[{i}]: ")
                plat, lng = draft_options(item, f"drafts[{i}]: ")
            except ApiError as exc:
                pending.append((item_id, None, exc.message))
                continue
            future = asyncio.wrap_future(self.checker.submit(text, plat or platform, lng or lang))
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
        policy = self.watcher.guard.pack
        return JSONResponse({"results": results, "summary": counts,
                             "policy": {"name": policy.name, "digest": policy.digest}},
                            headers=self.headers())

    async def healthz(self, request: Request) -> Response:
        pack = self.watcher.guard.pack
        files = files_of(self.watcher.guard)
        if not self._authorized(request):
            # Anyone may ask for health: file names only, no absolute paths of the host.
            files = [Path(f).name for f in files]
        return JSONResponse({
            "status": "stale" if self.watcher.error else "ok",
            "version": __version__,
            "policy": {"name": pack.name, "digest": pack.digest, "rules": len(pack.rules),
                       "files": files},
            "nlp": self.watcher.guard.nlp_enabled,
            "loaded_at": self.watcher.loaded_at.isoformat(timespec="seconds"),
            "reloads": self.watcher.reloads,
            "reload_error": self.watcher.error,
        }, headers=self.headers())

    async def openapi_json(self, request: Request) -> Response:
        return JSONResponse(openapi(__version__, self.config.max_body, self.config.max_scan,
                                    auth=self.config.token is not None))


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    response = error_response(exc.status, exc.code, exc.message)
    if headers:
        response.headers.update(headers)
    return response

async def _internal_error(request: Request, exc: Exception) -> Response:
    # Whatever went wrong, a client gets JSON it can parse, never a text/plain traceback page.
    return error_response(500, "internal_error", f"the server failed ({type(exc).__name__}); "
                          "the draft was not checked: do not publish")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    message = f"{exc.detail}: see GET /openapi.json for the API"
    return error_response(exc.status_code, code, message)


def create_app(watcher: PackWatcher, config: ServerConfig | None = None,
               watch: bool = True) -> Starlette:
    """The ASGI app over a watcher's Guard; the worker and watcher threads live with the app."""
    config = config or ServerConfig()
    api = Api(watcher, config)
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        api.checker.start()
        api.loop.start()
        if watch:
            watcher.start()
        try:
            yield
        finally:
            watcher.stop()
            api.checker.stop()
            api.loop.stop()

    routes = [
        Route("/v1/check", api.check, methods=["POST"]),
        Route("/v1/scan", api.scan, methods=["POST"]),
        Route("/v1/override", api.override, methods=["POST"]),
        Route("/v1/feedback", api.feedback, methods=["POST"]),
        Route("/v1/fix", api.fix, methods=["POST"]),
        Route("/healthz", api.healthz, methods=["GET"]),
        Route("/openapi.json", api.openapi_json, methods=["GET"]),
        *page_routes(),
    ]
    middleware = [Middleware(SecurityHeaders), *cors_middleware(config.cors_origins)]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=middleware,
                    exception_handlers={ApiError: _api_error, HTTPException: _http_error,
                                        Exception: _internal_error})
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
    audit: str | None = None  # path or postgresql:// URL of the audit store
    signing_key: str | None = None  # PEM path (or $GUARD_SIGNING_KEY)
    tokens: str | None = None  # YAML file of name: token (or $GUARD_TOKENS)
    user_header: str | None = None  # header a trusted proxy sets to the user's name

    def compliance(self) -> Compliance:
        """The audit store, signer and token names this server was started with."""
        from guard.audit.receipts import Signer
        from guard.audit.records import audit_secret
        from guard.audit.store import AuditStore
        from guard.serve.compliance import load_tokens

        secret = audit_secret() if self.audit else b""  # before touching the database
        audit = AuditStore(self.audit) if self.audit else None
        return Compliance(audit=audit, secret=secret,
                          signer=Signer.load(self.signing_key), users=load_tokens(self.tokens),
                          user_header=self.user_header)
    cors_origins: tuple[str, ...] = ()

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
    return create_app(watcher, ServerConfig(token=settings.token(), max_body=settings.max_body,
                                            compliance=settings.compliance(),
                                            cors_origins=settings.cors_origins))

