"""`guard serve`: HTTP for posting tools (Starlette + uvicorn, the optional `serve` extra)."""

from __future__ import annotations

import ipaddress
import os
import sys
from typing import Annotated

import typer

from ..errors import UsageError
from .options import NoNlpOpt, RulesOpt, TodayOpt, build_guard

DEFAULT_PORT = 8765
WARM_UP = "Acme Corp said revenue grew 12% to $3M on Monday, said Jane Doe in Paris."


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port.")] = DEFAULT_PORT,
    rules: RulesOpt = None,
    no_nlp: NoNlpOpt = False,
    token_env: Annotated[
        str, typer.Option("--token-env", metavar="VAR",
                          help="Require 'Authorization: Bearer <token>' when this variable is set.")
    ] = "GUARD_TOKEN",
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1024, help="Largest request body (413 above it).")
    ] = 1024 * 1024,
    access_log: Annotated[bool, typer.Option("--access-log", help="Log every request.")] = False,
    today: TodayOpt = None,
) -> int:
    """Serve POST /v1/check, POST /v1/scan, GET /healthz, GET /openapi.json on 127.0.0.1."""
    try:
        import uvicorn

        from ..server import PackWatcher, ServerConfig, create_app
    except ImportError as exc:
        raise UsageError(
            f"'guard serve' needs the server extra ({exc.name or exc} is not installed): "
            "pip install 'tweet-guard[serve]'"
        ) from None
    token = os.environ.get(token_env, "").strip() or None
    guard = build_guard(rules, no_nlp, today)
    # Load the NLP models (if the pack needs them) now, not on the first posting tool's request.
    guard.check(WARM_UP)
    watcher = PackWatcher(guard, lambda: build_guard(rules, no_nlp, today))
    app = create_app(watcher, ServerConfig(token=token, max_body=max_bytes))
    auth = f"bearer token from ${token_env}" if token else f"no token (${token_env} is not set)"
    sys.stderr.write(f"guard serve: http://{host}:{port}  policy {guard.pack.name} "
                     f"({len(guard.pack.rules)} rules, NLP {'on' if guard.nlp_enabled else 'off'}), "
                     f"{auth}\n")
    if not token and not _loopback(host):
        sys.stderr.write(f"guard serve: warning: {host} is reachable from other machines and no "
                         "token is set; anyone who can reach it can use it\n")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=access_log,
                server_header=False, date_header=False)
    return 0
