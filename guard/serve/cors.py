"""CORS for the browser extension: its own origins only, never `*` (the API carries a token)."""

from __future__ import annotations

import re

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

# chrome-extension://<32 letters a-p>, moz-extension://<uuid>, or a web origin scheme://host[:port]
ORIGIN = re.compile(r"(?:chrome-extension|moz-extension|safari-web-extension|https?)://"
                    r"[A-Za-z0-9.-]+(?::\d{1,5})?")


def origin_problem(origin: str) -> str | None:
    """Why `origin` cannot be a CORS origin of the server, or None when it can."""
    if origin.strip() in ("*", "null"):
        return (f"--cors-origin {origin!r} would let any page read the API; give the extension's "
                "own origin, e.g. chrome-extension://<id> (shown on chrome://extensions)")
    if not ORIGIN.fullmatch(origin):
        return (f"--cors-origin {origin!r} is not an origin; write scheme://host without a path, "
                "e.g. chrome-extension://abcdefghijklmnopabcdefghijklmnop or "
                "moz-extension://<uuid>")
    return None


def cors_middleware(origins: tuple[str, ...]) -> list[Middleware]:
    """Starlette's CORS middleware for exactly these origins (none: no CORS at all)."""
    if not origins:
        return []
    return [Middleware(CORSMiddleware, allow_origins=list(origins), allow_methods=["GET", "POST"],
                       allow_headers=["authorization", "content-type"],
                       expose_headers=["x-guard-policy", "x-guard-policy-stale"], max_age=600)]
