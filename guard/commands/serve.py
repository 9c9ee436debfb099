"""`guard serve`: HTTP for posting tools (Starlette + uvicorn, the optional `serve` extra)."""

from __future__ import annotations

import ipaddress
import os
import sys
from typing import Annotated

import typer

from guard.commands.audit import AuditOpt, audit_target
from guard.commands.declared import NoNlpOpt, RulesOpt, TodayOpt
from guard.commands.options import parse_today, use_program_cache
from guard.errors import UsageError

DEFAULT_PORT = 8765


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
    cors_origin: Annotated[
        list[str] | None,
        typer.Option("--cors-origin", metavar="ORIGIN",
                     help="Answer CORS for this origin only (the browser extension's, e.g. "
                          "chrome-extension://ID); repeatable. Never '*'."),
    ] = None,
    access_log: Annotated[bool, typer.Option("--access-log", help="Log every request.")] = False,
    today: TodayOpt = None,
    audit: AuditOpt = None,
    signing_key: Annotated[
        str | None, typer.Option("--signing-key", metavar="PEM",
                                 help="Ed25519 PKCS#8 key: allow/warn answers carry a signed "
                                 "receipt (or $GUARD_SIGNING_KEY).")
    ] = None,
    tokens: Annotated[
        str | None, typer.Option("--tokens", metavar="FILE",
                                 help="YAML 'name: token' lines: who checked, in the audit "
                                 "(or $GUARD_TOKENS).")
    ] = None,
    user_header: Annotated[
        str | None, typer.Option("--user-header", metavar="HEADER",
                                 help="Take the user's name from this header (only behind a "
                                 "proxy that sets it).")
    ] = None,
    workers: Annotated[
        int,
        typer.Option("--workers", "-w", min=1,
                     help="Server processes sharing the port (load the pack and models once)."),
    ] = 1,
) -> int:
    """Serve the check page at /, POST /v1/check, /v1/fix, /v1/scan, GET /healthz on 127.0.0.1."""
    try:
        import uvicorn

        from guard.serve.app import ServeSettings, build_app
    except ImportError as exc:
        raise UsageError(
            f"'guard serve' needs the server extra ({exc.name or exc} is not installed): "
            "pip install 'tweet-guard[serve]'"
        ) from None
    from guard.serve.cors import origin_problem

    for origin in cors_origin or ():
        problem = origin_problem(origin)
        if problem:
            raise UsageError(problem)
    parse_today(today)  # a bad date is a usage error with the command's own message
    if workers > 1 and not hasattr(os, "fork"):
        raise UsageError("--workers needs a system that can fork processes (Linux, macOS); "
                         "run several single-worker servers behind a proxy instead")
    settings = ServeSettings(rules=tuple(rules or ()), nlp=not no_nlp, today=today,
                             token_env=token_env, max_body=max_bytes,
                             audit=audit_target(audit), signing_key=signing_key, tokens=tokens,
                             user_header=user_header, cors_origins=tuple(cors_origin or ()))
    if not no_nlp:
        use_program_cache()
    app = build_app(settings)  # a broken rule file stops the command here, with exit 2
    guard_note = app.state.describe
    token = settings.token()
    auth = f"bearer token from ${token_env}" if token else f"no token (${token_env} is not set)"
    sys.stderr.write(f"guard serve: http://{host}:{port}  {guard_note}, {auth}\n")
    if settings.audit:
        sys.stderr.write("guard serve: audit store " + ("PostgreSQL" if "://" in settings.audit
                                                        else settings.audit) + "\n")
    if not token and not _loopback(host):
        sys.stderr.write(f"guard serve: warning: {host} is reachable from other machines and no "
                         "token is set; anyone who can reach it can use it\n")
    options = {"log_level": "warning", "access_log": access_log, "server_header": False,
               "date_header": False}
    if workers > 1:
        from guard.serve.processes import listen, serve_workers

        try:
            sock = listen(host, port)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
        sys.stderr.write(f"guard serve: {workers} worker processes\n")
        return serve_workers(app, sock, workers, **options)
    uvicorn.run(app, host=host, port=port, **options)
    return 0
