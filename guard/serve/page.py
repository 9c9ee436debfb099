"""The check page at `/` of `guard serve`: static files shipped in the package, strict headers.

The page is three files (HTML, script, style) with nothing inline and nothing from elsewhere, so
the Content-Security-Policy can be `default-src 'self'`: the draft only ever goes to the server
that served the page. The headers go on every answer of the server, JSON included.
"""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC = Path(__file__).with_name("static")
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def _file(name: str) -> Response:
    path = STATIC / name
    # Only the files shipped beside this module, by plain name: no path from the request.
    if "/" in name or "\\" in name or path.suffix not in TYPES or not path.is_file():
        raise HTTPException(404, f"no static file {name!r}")
    return FileResponse(path, media_type=TYPES[path.suffix],
                        headers={"cache-control": "no-cache"})


async def index(request: Request) -> Response:
    """GET /: the check page."""
    return _file("index.html")


async def static(request: Request) -> Response:
    """GET /static/NAME: the page's script and style."""
    return _file(request.path_params["name"])


def page_routes() -> list[Route]:
    """The routes of the page, added beside the API's."""
    return [Route("/", index, methods=["GET"]),
            Route("/static/{name}", static, methods=["GET"])]


class SecurityHeaders:
    """ASGI middleware: the CSP and its companions on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k.encode() not in have]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
