"""`guard serve` answers JSON to every bad request, hides host paths, sees every pack change."""

from __future__ import annotations

import json
import os

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from guard.engine import Guard  # noqa: E402 - after the optional-extra skips
from guard.serve.app import PackWatcher  # noqa: E402
from tests.serve.server_test import _app, pack_file, serving  # noqa: E402, F401


def test_every_malformed_request_gets_a_json_400(pack_file):  # noqa: F811
    app, _ = _app(pack_file)
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        def post(body: str, path: str = "/v1/check") -> tuple[int, str]:
            r = client.post(path, content=body.encode())
            assert r.headers["content-type"].startswith("application/json"), r.text[:200]
            return r.status_code, r.json()["error"]["code"]

        assert post('{"text": "hi", "platform": []}') == (400, "bad_request")
        assert post('{"text": "hi", "lang": {"x": 1}}') == (400, "bad_request")
        assert post("[" * 100_000 + "]" * 100_000) == (400, "bad_json")
        assert post('{"text": "hi", "n": ' + "9" * 5000 + "}") == (400, "bad_json")
        assert post('{"text": "Falcon ships", "text": "hello"}') == (400, "bad_json")


def test_one_bad_platform_in_a_scan_is_that_items_error(pack_file):  # noqa: F811
    app, _ = _app(pack_file)
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        r = client.post("/v1/scan", json={"drafts": [
            {"id": "a", "text": "hello", "platform": []},
            {"id": "b", "text": "Falcon ships Monday"},
        ]})
        assert r.status_code == 200
        results = r.json()["results"]
        assert results[0]["id"] == "a" and "'platform' must be one of" in results[0]["error"]
        assert (results[1]["id"], results[1]["verdict"]) == ("b", "block")


def test_redact_hides_a_key_past_the_length_limit(pack_file):  # noqa: F811
    key = "AKIA" + "Q" * 16
    draft = "x" * 290 + " " + key
    app, _ = _app(pack_file)
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        one = client.post("/v1/check", json={"text": draft, "redact": True})
        many = client.post("/v1/scan", json={"drafts": [{"text": draft}], "redact": True})
        assert one.status_code == many.status_code == 200
        assert key not in one.text and key not in many.text
        assert "length.limit" in one.text


def test_healthz_shows_no_absolute_paths_without_the_token(pack_file):  # noqa: F811
    app, _ = _app(pack_file, token="s3cret")
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        anonymous = client.get("/healthz").json()["policy"]["files"]
        assert "acme.yaml" in anonymous and all("/" not in f for f in anonymous)
        assert str(pack_file.parent) not in json.dumps(anonymous)
        owner = client.get("/healthz", headers={"Authorization": "Bearer s3cret"}).json()
        assert str(pack_file) in owner["policy"]["files"]


def test_healthz_of_an_open_server_shows_no_absolute_paths(pack_file):  # noqa: F811
    app, _ = _app(pack_file)
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        files = client.get("/healthz").json()["policy"]["files"]
        assert "acme.yaml" in files and all("/" not in f for f in files)


def test_a_pack_replaced_with_the_same_mtime_is_reloaded(pack_file):  # noqa: F811
    def build() -> Guard:
        return Guard.from_files([str(pack_file)], nlp=False)

    watcher = PackWatcher(build(), build, interval=60)
    before = os.stat(pack_file)
    pack_file.write_text(pack_file.read_text().replace('"Falcon"]', '"Falcon", "Heron"]'),
                         encoding="utf-8")
    os.utime(pack_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert watcher.poll() is True
    assert watcher.guard.check("Heron lands in March").verdict == "block"
    assert watcher.poll() is False  # nothing changed since
