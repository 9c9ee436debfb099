"""`guard serve`: answers under concurrency, 4xx on bad input, the token, reloads. Loopback only."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytest.importorskip("starlette")
uvicorn = pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from guard.engine import Guard  # noqa: E402 - after the optional-extra skips
from guard.report.shapes import report_dict  # noqa: E402
from guard.serve.app import PackWatcher, ServerConfig, create_app  # noqa: E402
from tests.conftest import FALCON_PACK  # noqa: E402

KEY = "AKIAIOSFODNN7EXAMPLE"
DRAFTS = [
    "Project Falcon ships Monday",
    "Watched the Falcon Heavy launch tonight",
    "Lovely morning, coffee and a walk",
    f"deploy key {KEY} do not share",
    "call me on +1 415 555 0100 about the F4lc0n beta",
    "call me on +1 415 555 0100 tonight",
    "x" * 300,
]


def _socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextlib.contextmanager
def serving(app: object) -> Iterator[str]:
    """Run the app with uvicorn in a thread on a free loopback port; stop it afterwards."""
    sock = _socket()
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        assert thread.is_alive(), "server thread died"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        sock.close()


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_text(FALCON_PACK.replace("name: acme", "name: acme\nextends: [default]"),
                    encoding="utf-8")
    return path


def _app(pack: Path, token: str | None = None, interval: float = 1.0, **config: int):
    def build() -> Guard:
        return Guard.from_files([str(pack)], nlp=False)

    watcher = PackWatcher(build(), build, interval=interval)
    return create_app(watcher, ServerConfig(token=token, **config)), build


def test_hundreds_of_concurrent_checks_all_answer_right(pack_file):
    app, build = _app(pack_file)
    guard = build()
    expected = [report_dict(guard.check(d)) for d in DRAFTS]
    assert {e["verdict"] for e in expected} >= {"allow", "block"}

    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        def one(i: int) -> tuple[int, int, dict]:
            k = i % len(DRAFTS)
            if i % 10 == 9:  # some batches through /v1/scan
                r = client.post("/v1/scan", json={"drafts": [{"id": n, "text": d}
                                                            for n, d in enumerate(DRAFTS)]})
                return k, r.status_code, r.json()
            r = client.post("/v1/check", json={"text": DRAFTS[k]})
            return k, r.status_code, r.json()

        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(one, range(400)))
    assert len(answers) == 400
    for k, status, body in answers:
        assert status == 200, body
        if "results" in body:
            assert [r["verdict"] for r in body["results"]] == [e["verdict"] for e in expected]
            assert [r["findings"] for r in body["results"]] == [e["findings"] for e in expected]
            assert body["summary"]["error"] == 0
        else:
            assert body == expected[k]


@pytest.mark.nlp
def test_nlp_batches_answer_like_single_checks(tmp_path):
    pack = tmp_path / "nlp.yaml"
    pack.write_text("version: 1\nname: équipe\nrules:\n  - id: org.any\n    category: client\n"
                    "    severity: high\n    entity: [ORG, MONEY]\n    message: An organisation\n",
                    encoding="utf-8")
    guard = Guard.from_files([str(pack)])
    drafts = ["Globex Corporation signed for $2 million", "Lovely walk by the river today",
              "Initech and Globex merged, said Reuters", "We paid 300 euros for the tickets"]
    expected = [report_dict(guard.check(d)) for d in drafts]
    assert any(e["findings"] for e in expected)
    app = create_app(PackWatcher(guard, lambda: guard))
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        def one(i: int) -> tuple[int, httpx.Response]:
            return i % len(drafts), client.post("/v1/check", json={"text": drafts[i % len(drafts)]})

        with ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(one, range(96)))
    for k, r in answers:
        assert r.status_code == 200 and r.json() == expected[k]
        assert r.headers["x-guard-policy"].startswith("%C3%A9quipe sha256:")


def test_bad_input_gets_a_clear_4xx(pack_file):
    app, _ = _app(pack_file, max_body=4096)
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        def post(body: bytes | str, path: str = "/v1/check") -> tuple[int, str]:
            r = client.post(path, content=body if isinstance(body, bytes) else body.encode())
            assert r.headers["content-type"].startswith("application/json")
            return r.status_code, r.json()["error"]["code"]

        assert post('{"text": ') == (400, "bad_json")
        assert post(b"\xff\xfe not json") == (400, "bad_json")
        assert post("") == (400, "bad_json")
        assert post('{"draft": "hi"}') == (400, "missing_text")
        assert post('{"text": "   "}') == (400, "empty_text")
        assert post('["hi"]') == (400, "bad_request")
        assert post('{"text": 12}') == (400, "bad_request")
        assert post('{"text": "hi", "platform": "myspace"}') == (400, "bad_request")
        assert post('{"text": "hi \\ud800"}') == (400, "bad_request")
        assert post(json.dumps({"text": "a" * 5000})) == (413, "too_large")
        assert post('{"drafts": "hi"}', "/v1/scan") == (400, "missing_drafts")

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while reading
            yield b'{"text": "'
            for _ in range(10):
                yield b"a" * 1000
            yield b'"}'

        r = client.post("/v1/check", content=chunks())
        assert r.status_code == 413
        assert client.get("/v1/nothing").status_code == 404
        assert client.get("/v1/check").status_code == 405
        # A bad draft in a batch is an error entry; the others are still checked.
        r = client.post("/v1/scan", json={"drafts": [{"id": "a", "text": ""}, {"id": "b",
                                                                              "text": "hello"}]})
        assert r.status_code == 200
        assert [("error" in x, x["id"]) for x in r.json()["results"]] == [(True, "a"), (False, "b")]


def test_bearer_token_is_enforced(pack_file):
    app, _ = _app(pack_file, token="s3cret")
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        draft = {"text": "Project Falcon ships Monday"}
        assert client.post("/v1/check", json=draft).status_code == 401
        wrong = client.post("/v1/check", json=draft, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
        assert client.post("/v1/scan", json={"drafts": [draft]}).status_code == 401
        ok = client.post("/v1/check", json=draft, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["verdict"] == "block"
        assert client.get("/healthz").status_code == 200
        spec = client.get("/openapi.json").json()
        assert spec["openapi"].startswith("3.") and set(spec["paths"]) >= {"/v1/check", "/v1/scan"}
        assert spec["paths"]["/v1/check"]["post"]["security"] == [{"bearer": []}]


def _wait_for(condition, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _touch_later(path: Path, text: str) -> None:
    # Written beside and renamed into place, as an editor saves: the watcher polls every 0.1 s
    # and must never read the file half-written (empty: "missing required key 'version'").
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    stamp = time.time() + 5  # a distinct mtime even on coarse-grained file systems
    os.utime(tmp, (stamp, stamp))
    os.replace(tmp, path)


def test_rules_reload_when_their_file_changes_and_a_bad_reload_keeps_the_old_pack(pack_file):
    app, _ = _app(pack_file, interval=0.1)
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        def verdict(text: str) -> str:
            return client.post("/v1/check", json={"text": text}).json()["verdict"]

        assert verdict("Heron lands in March") == "allow"
        _touch_later(pack_file, pack_file.read_text().replace('"Falcon"]', '"Falcon", "Heron"]'))
        _wait_for(lambda: verdict("Heron lands in March") == "block")
        assert client.get("/healthz").json()["reloads"] == 1

        _touch_later(pack_file, "version: 1\nrules: [oops\n")
        _wait_for(lambda: client.get("/healthz").json()["status"] == "stale")
        health = client.get("/healthz").json()
        assert "YAML syntax error" in health["reload_error"]
        r = client.post("/v1/check", json={"text": "Heron lands in March"})
        assert r.json()["verdict"] == "block" and r.headers["x-guard-policy-stale"] == "true"


def test_serve_without_the_extra_exits_2(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    run = cli("serve")
    assert run.code == 2
    assert "pip install 'tweet-guard[serve]'" in run.err


@pytest.mark.slow
def test_guard_serve_command_on_loopback(pack_file, tmp_path):
    sock = _socket()
    port = sock.getsockname()[1]
    sock.close()
    env = dict(os.environ, MY_TOKEN="t0ken")
    proc = subprocess.Popen(
        [sys.executable, "-m", "guard", "serve", "--port", str(port), "--rules", str(pack_file),
         "--no-nlp", "--token-env", "MY_TOKEN"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"

        def up() -> bool:
            assert proc.poll() is None, proc.communicate()
            try:
                return httpx.get(f"{url}/healthz", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        _wait_for(up, 60)
        headers = {"Authorization": "Bearer t0ken"}
        r = httpx.post(f"{url}/v1/check", json={"text": "Project Falcon ships"}, headers=headers)
        assert r.status_code == 200 and r.json()["verdict"] == "block"
        assert httpx.post(f"{url}/v1/check", json={"text": "hi"}).status_code == 401
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "bearer token from $MY_TOKEN" in err
