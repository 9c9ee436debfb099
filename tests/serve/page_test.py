"""`guard serve` for browsers: the page's files and headers, POST /v1/fix, CORS for the extension.

What the page does in a browser is tested in tests/browser/; here, what the server answers.
"""

from __future__ import annotations

import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from guard.engine import Guard  # noqa: E402 - after the optional-extra skips
from guard.serve.app import PackWatcher, ServerConfig, create_app  # noqa: E402
from guard.serve.page import CSP  # noqa: E402
from tests.serve.server_test import serving  # noqa: E402

KEY = "AKIAIOSFODNN7EXAMPLE"
EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
PACK = """\
version: 1
name: acme
extends: [secret]
rules:
  - id: codename.falcon
    severity: critical
    terms: ["Project Falcon", "Falcon"]
    replace_with: our next release
    message: Internal project codename
"""


@pytest.fixture
def app(write_pack):
    path = write_pack(PACK)
    guard = Guard.from_files([str(path)], nlp=False)
    watcher = PackWatcher(guard, lambda: Guard.from_files([str(path)], nlp=False))
    return lambda **config: create_app(watcher, ServerConfig(**config), watch=False)


def test_the_page_and_its_files_come_with_a_strict_policy(app):
    with serving(app()) as url, httpx.Client(base_url=url) as client:
        page = client.get("/")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert page.headers["content-security-policy"] == CSP
        assert "default-src 'self'" in CSP and "unsafe-inline" not in CSP
        assert page.headers["x-content-type-options"] == "nosniff"
        script = client.get("/static/page.js")
        assert script.headers["content-type"].startswith("text/javascript")
        assert client.get("/static/page.css").status_code == 200
        # The API answers carry the policy too.
        answer = client.post("/v1/check", json={"text": "hi"})
        assert answer.headers["content-security-policy"] == CSP


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e%2fapp.py",
                                  "/static/page.py", "/static/nothing.js"])
def test_only_the_shipped_static_files_are_served(app, path):
    with serving(app()) as url, httpx.Client(base_url=url) as client:
        answer = client.get(path)
        assert answer.status_code == 404
        assert answer.json()["error"]["code"] == "not_found"


def test_the_page_loads_nothing_from_elsewhere(app):
    with serving(app()) as url, httpx.Client(base_url=url) as client:
        html = client.get("/").text
        assert "http://" not in html and "https://" not in html and "<style" not in html
        assert "<script>" not in html and " style=" not in html
        assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers


def test_fix_returns_the_rewritten_draft_checked_again(app):
    with serving(app()) as url, httpx.Client(base_url=url) as client:
        answer = client.post("/v1/fix", json={"text": f"Falcon ships, key {KEY}",
                                              "platform": "mastodon"})
        assert answer.status_code == 200
        body = answer.json()
        assert body["text"] == "Our next release ships, key"
        assert [(f["rule"], f["action"]) for f in body["fixes"]] == [
            ("codename.falcon", "replace"), ("secret.aws-access-key", "remove")]
        assert body["unfixed"] == []
        assert body["report"]["verdict"] == "allow"
        assert body["report"]["length"] == {"platform": "mastodon", "weighted": 27, "limit": 500,
                                            "fits": True, "overflow_at": None}


def test_fix_of_a_draft_that_is_all_secret_says_so(app):
    with serving(app()) as url, httpx.Client(base_url=url) as client:
        answer = client.post("/v1/fix", json={"text": KEY})
        assert answer.status_code == 422
        assert answer.json()["error"] == {"code": "nothing_left", "message": (
            "the fix would remove the whole draft: rewrite it by hand")}


def test_fix_needs_the_token_like_check(app):
    with serving(app(token="s3cret")) as url, httpx.Client(base_url=url) as client:
        assert client.post("/v1/fix", json={"text": "Falcon"}).status_code == 401
        ok = client.post("/v1/fix", json={"text": "Falcon"},
                         headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and ok.json()["text"] == "Our next release"
        # The page itself is public: it holds no draft and asks for the token.
        assert client.get("/").status_code == 200


def test_cors_answers_the_extension_origin_only(app):
    with serving(app(token="s3cret", cors_origins=(EXTENSION,))) as url, \
            httpx.Client(base_url=url) as client:
        preflight = client.options("/v1/check", headers={
            "Origin": EXTENSION, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type"})
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == EXTENSION
        assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
        answer = client.post("/v1/check", json={"text": "hi"}, headers={
            "Origin": EXTENSION, "Authorization": "Bearer s3cret"})
        assert answer.headers["access-control-allow-origin"] == EXTENSION
        other = client.post("/v1/check", json={"text": "hi"}, headers={
            "Origin": "https://evil.example", "Authorization": "Bearer s3cret"})
        assert "access-control-allow-origin" not in other.headers
        refused = client.options("/v1/check", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert refused.status_code == 400


def test_no_cors_header_without_a_configured_origin(app):
    with serving(app()) as url, httpx.Client(base_url=url) as client:
        answer = client.post("/v1/check", json={"text": "hi"}, headers={"Origin": EXTENSION})
        assert "access-control-allow-origin" not in answer.headers


@pytest.mark.parametrize("origin, words", [
    ("*", "would let any page read the API"),
    ("chrome-extension://abc/path", "is not an origin"),
    ("null", "would let any page read the API"),
])
def test_serve_refuses_a_wildcard_or_malformed_cors_origin(cli, origin, words):
    run = cli("serve", "--no-nlp", "--cors-origin", origin)
    assert run.code == 2 and words in run.err and "Traceback" not in run.err


def test_openapi_describes_fix(app):
    with serving(app()) as url, httpx.Client(base_url=url) as client:
        spec = client.get("/openapi.json").json()
        assert "/v1/fix" in spec["paths"]


def test_a_fixed_draft_is_audited_like_any_check(write_pack, tmp_path):
    pytest.importorskip("sqlalchemy")
    from guard.audit.store import AuditStore
    from guard.serve.compliance import Compliance

    path = write_pack(PACK)
    guard = Guard.from_files([str(path)], nlp=False)
    store = AuditStore(str(tmp_path / "audit.db"))
    compliance = Compliance(audit=store, secret=b"test-secret-0123456789abcdef")
    app = create_app(PackWatcher(guard, lambda: guard), ServerConfig(compliance=compliance),
                     watch=False)
    with serving(app) as url, httpx.Client(base_url=url) as client:
        body = client.post("/v1/fix", json={"text": "Falcon ships"}).json()
        assert body["text"] == "Our next release ships"
        assert len(body["report"]["check_id"]) == 32
