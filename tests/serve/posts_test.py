"""`guard serve`: a thread and a post with images through POST /v1/check."""

from __future__ import annotations

import base64

import pytest

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")
pytest.importorskip("multipart")

from guard.engine import Guard  # noqa: E402 - after the optional-extra skips
from guard.serve.app import PackWatcher, ServerConfig, create_app  # noqa: E402
from tests.attachments.attachments_test import PACK, dashboard  # noqa: E402
from tests.attachments.conftest import gps_jpeg, require_ocr  # noqa: E402
from tests.serve.server_test import serving  # noqa: E402


@pytest.fixture
def ocr() -> None:
    require_ocr()


@pytest.fixture
def url(write_pack):
    pack = str(write_pack(PACK))

    def build() -> Guard:
        return Guard.from_files([pack], nlp=False)

    app = create_app(PackWatcher(build(), build), ServerConfig(max_body=64 * 1024,
                                                               max_upload=2 * 1024 * 1024))
    with serving(app) as base:
        yield base


def test_a_thread_through_post_v1_check(url):
    with httpx.Client(base_url=url, timeout=60) as client:
        r = client.post("/v1/check", json={"posts": ["1/2 the Project", "2/2 Falcon is out"]})
        assert r.status_code == 200
        data = r.json()
        assert data["verdict"] == "block" and len(data["posts"]) == 2
        (f,) = data["findings"]
        assert (f["post"], f["start"], f["end_post"], f["end"]) == (0, 8, 1, 10)
        r = client.post("/v1/check", json={"posts": ["fine", ""]})
        assert r.status_code == 400 and r.json()["error"]["code"] == "empty_text"
        assert r.json()["error"]["message"].startswith("posts[1]: ")
        r = client.post("/v1/check", json={"posts": "one"})
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"
        r = client.post("/v1/check", json={"posts": ["a"], "text": "b"})
        assert r.status_code == 400


def test_a_jpeg_in_base64_json_gets_its_metadata_findings(url):
    photo = base64.b64encode(gps_jpeg()).decode()
    with httpx.Client(base_url=url, timeout=60) as client:
        r = client.post("/v1/check", json={"text": "New site", "ocr": False, "attachments": [
            {"data": photo, "name": "site.jpg", "alt": "the lab"}]})
        assert r.status_code == 200
        data = r.json()
        gps = next(f for f in data["findings"] if f["rule"] == "metadata.gps")
        assert gps["source"] == {"attachment": 0, "kind": "metadata", "field": "EXIF GPSInfo"}
        assert data["attachments"][0]["ocr"] == "skipped"
        r = client.post("/v1/check", json={"text": "x", "attachments": [{"data": "%%%"}]})
        assert r.status_code == 400 and "base64" in r.json()["error"]["message"]
        # OCR off: the bytes are refused as no image before any OCR (which may be missing here)
        r = client.post("/v1/check", json={"text": "x", "ocr": False, "attachments": [
            {"data": base64.b64encode(b"not an image").decode()}]})
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad_draft"


def test_a_screenshot_uploaded_as_multipart_is_blocked_with_boxes(url, ocr):
    image, _ = dashboard()
    with httpx.Client(base_url=url, timeout=60) as client:
        r = client.post("/v1/check", data={"text": "Our week", "alt": "status board"},
                        files=[("image", ("dash.png", image, "image/png"))])
        assert r.status_code == 200, r.text
        data = r.json()
        assert data["verdict"] == "block"
        boxes = {f["rule"]: f["source"]["box"] for f in data["findings"]}
        assert set(boxes) == {"codename.falcon", "internal.host"}
        assert all(len(b) == 4 and b[2] > 0 and b[3] > 0 for b in boxes.values())
        assert data["attachments"][0]["alt"] is True
        big = b"\0" * (3 * 1024 * 1024)
        r = client.post("/v1/check", data={"text": "x"},
                        files=[("image", ("big.png", big, "image/png"))])
        assert r.status_code == 413
