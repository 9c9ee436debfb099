"""`guard serve --workers 2`: two processes on one port, each reloading the rule files, all
stopped by one SIGTERM. Loopback only."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from tests.conftest import FALCON_PACK  # noqa: E402 - after the optional-extra skips

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="--workers needs fork")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except FileNotFoundError:  # the process has already left
        return []


def _until(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def answers_health(proc: subprocess.Popen, url: str) -> bool:
    """True once the server answers /healthz; fails at once (with its output) if it has left."""
    assert proc.poll() is None, proc.communicate()
    try:
        return httpx.get(f"{url}/healthz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def _verdict(url: str, text: str) -> str:
    # A fresh connection each time, so that requests reach both workers.
    with httpx.Client() as client:
        return client.post(f"{url}/v1/check", json={"text": text}).json()["verdict"]


@pytest.mark.slow
def test_two_workers_share_the_port_reload_and_stop_together(tmp_path):
    pack = tmp_path / "acme.yaml"
    pack.write_text(FALCON_PACK, encoding="utf-8")
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "guard", "serve", "--port", str(port), "--rules", str(pack),
         "--no-nlp", "--workers", "2"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    workers: list[int] = []
    try:
        _until(lambda: answers_health(proc, url))
        workers = _children(proc.pid)
        if Path(f"/proc/{proc.pid}").exists():
            assert len(workers) == 2
        assert {_verdict(url, "Project Falcon ships Monday") for _ in range(20)} == {"block"}
        time.sleep(1.1)  # a newer modification time than the one each worker recorded
        pack.write_text(FALCON_PACK.replace('"Project Falcon", "Falcon"', '"Heron"'))
        # Every worker reloads on its own: twenty fresh connections all see the new pack.
        _until(lambda: {_verdict(url, "Heron ships Monday") for _ in range(20)} == {"block"})
        assert {_verdict(url, "Project Falcon ships Monday") for _ in range(20)} == {"allow"}
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "2 worker processes" in err
    for pid in workers:  # the parent waited for each: none is left running
        assert not Path(f"/proc/{pid}").exists()


def _sockets(pid: int) -> int:
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += os.readlink(fd).startswith("socket:")
        except FileNotFoundError:  # closed between the listing and the read (the server is live)
            continue
    return count


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_REUSEPORT balances on Linux")
def test_keep_alive_connections_opened_together_reach_both_workers(tmp_path):
    # A connection pool (a posting tool's, a load test's) connects all at once and keeps its
    # connections: on one shared socket the first worker to wake accepted them all.
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "guard", "serve", "--port", str(port), "--no-nlp",
         "--workers", "2"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    clients = []
    try:

        def up() -> bool:
            workers = _children(proc.pid)
            return (answers_health(proc, url) and len(workers) == 2
                    and all(_sockets(w) >= 1 for w in workers))

        _until(up)
        time.sleep(0.5)  # both workers listening
        workers = _children(proc.pid)
        before = {pid: _sockets(pid) for pid in workers}
        clients = [http.client.HTTPConnection("127.0.0.1", port, timeout=30) for _ in range(16)]
        for client in clients:  # all connected before any is served
            client.connect()
        for client in clients:
            client.request("POST", "/v1/check", b'{"text": "hello"}',
                           {"Content-Type": "application/json"})
        for client in clients:
            assert client.getresponse().status == 200
        gained = {pid: _sockets(pid) - before[pid] for pid in workers}
        assert sum(gained.values()) >= 16
        assert all(n >= 1 for n in gained.values()), gained
    finally:
        for client in clients:
            client.close()
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
    assert proc.returncode == 0


async def _hello(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def _server_side_nodelay(sockets: list[socket.socket] | None = None, port: int = 0) -> set[int]:
    """TCP_NODELAY on the server's end of a keep-alive connection, as uvicorn accepted it."""
    import asyncio
    import threading

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(_hello, host="127.0.0.1", port=port, lifespan="off",
                                           log_level="warning"))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=sockets)))
    thread.start()
    try:
        _until(lambda: server.started, 30)
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        client.request("GET", "/")
        assert client.getresponse().read() == b"ok"
        nodelay = {c.transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP,
                                                                   socket.TCP_NODELAY) != 0
                   for c in server.server_state.connections}
        client.close()
        return nodelay
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_a_workers_connections_have_nagle_off_like_a_single_servers():
    # Each answer is two writes (headers, then body): with Nagle on, the body waited for the
    # client's delayed ACK and a forked worker served half the requests of `guard serve`.
    # asyncio turns Nagle off only when the listening socket says IPPROTO_TCP.
    from guard.serve.processes import _worker_socket, listen

    assert _server_side_nodelay(port=_port()) == {True}  # `guard serve` without --workers
    parent = listen("127.0.0.1", 0)
    own = _worker_socket(parent)
    try:
        assert _server_side_nodelay([own], parent.getsockname()[1]) == {True}
    finally:
        own.close()
        parent.close()
