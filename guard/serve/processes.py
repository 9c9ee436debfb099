"""`guard serve --workers N`: N server processes on one listening socket (pre-fork).

The parent builds the app once (pack loaded, models warmed up), binds the port, and forks the
workers: each inherits the loaded pack and models (copy-on-write, `gc.freeze` keeps the
collector off the shared pages) and runs its own uvicorn server. Where the system has
SO_REUSEPORT (Linux), each worker listens on a socket of its own bound to that port and the
kernel spreads new connections evenly over them; on one shared socket, the worker that wakes
first accepts every waiting connection, so keep-alive clients that connect together (a posting
tool's pool, a load test) would all land on one worker and the other would idle. Elsewhere the
workers share the parent's socket. Everything with a thread starts in each worker's
lifespan (the checker, the pack watcher), after the fork: each worker reloads the rule files
itself when they change, as a single server does. The parent only supervises: SIGINT/SIGTERM go
to every worker, and a worker that dies on its own is replaced.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import socket
import sys
import time
from typing import Any

RESTART_PAUSE = 1.0  # seconds between replacing workers that keep dying


BACKLOG = 2048
# One listening socket per worker on the same port (the kernel balances them); Linux only: the
# BSDs' SO_REUSEPORT does not balance, it gives every connection to the last socket bound.
REUSE_PORT = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def listen(host: str, port: int, backlog: int = BACKLOG) -> socket.socket:
    """The parent's socket on the port: bound now (so a port in use is reported before any
    worker starts); listening too when the workers share it (no SO_REUSEPORT)."""
    sock = _bound(host, port)
    if not REUSE_PORT:
        sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def _bound(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP, not the default 0: accepted connections inherit it, and asyncio turns
    # Nagle off (TCP_NODELAY) only on a transport whose socket says IPPROTO_TCP. With proto 0,
    # uvicorn's answer (headers, then body: two writes) waited for the client's delayed ACK,
    # and a forked worker served half the requests of `guard serve` without --workers.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if REUSE_PORT:
        # Bound but not listening, the parent's socket takes no connection; it holds the port.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _worker_socket(parent: socket.socket) -> socket.socket:
    """The socket a worker accepts on: its own on the parent's port, or the parent's."""
    if not REUSE_PORT:
        return parent
    host, port = parent.getsockname()[:2]
    sock = _bound(host, port)
    sock.listen(BACKLOG)
    return sock


def serve_workers(app: Any, sock: socket.socket, workers: int, **uvicorn_options: Any) -> int:
    """Fork `workers` uvicorn servers over `sock`, supervise them until SIGINT/SIGTERM; 0."""
    gc.freeze()
    children: set[int] = set()
    stopping = False

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            code = _run_worker(app, sock, uvicorn_options)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        children.add(pid)

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            _signal(pid, signal.SIGTERM)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for _ in range(workers):
        spawn()
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        children.discard(pid)
        if not stopping:
            code = os.waitstatus_to_exitcode(status)
            sys.stderr.write(f"guard serve: worker {pid} exited ({code}); starting another\n")
            time.sleep(RESTART_PAUSE)
            spawn()
    sock.close()
    return 0


def _run_worker(app: Any, sock: socket.socket, options: dict[str, Any]) -> int:
    import uvicorn

    own = _worker_socket(sock)
    server = uvicorn.Server(uvicorn.Config(app, **options))
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[own])
    return 0


def _signal(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signum)
