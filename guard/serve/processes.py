"""`guard serve --workers N`: N server processes on one listening socket (pre-fork).

The parent builds the app once (pack loaded, models warmed up), binds the socket, and forks the
workers: each inherits the loaded pack and models (copy-on-write, `gc.freeze` keeps the
collector off the shared pages) and runs its own uvicorn server on the shared socket, so the
kernel hands each connection to one of them. Everything with a thread starts in each worker's
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


def listen(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """A listening TCP socket the workers share."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
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

    server = uvicorn.Server(uvicorn.Config(app, **options))
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[sock])
    return 0


def _signal(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signum)
