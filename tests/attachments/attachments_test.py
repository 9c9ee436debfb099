"""Images attached to a post: alt text, metadata, text in the pixels, and `guard strip`."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image, PngImagePlugin

from guard.attachments import ocr as ocr_module
from guard.attachments.image import Attachment
from guard.attachments.inspect import inspect
from guard.attachments.ocr import read_text
from guard.engine import Guard
from guard.errors import CheckError
from guard.report.shapes import report_dict
from tests.attachments.conftest import INSTALL_LINE, gps_jpeg, png
from tests.attachments.screens import cer, render, screens

PACK = """\
version: 1
name: acme
extends: [default]
rules:
  - id: codename.falcon
    category: codename
    severity: critical
    terms: ["Project Falcon", "Falcon"]
    message: Internal project codename
  - id: codename.heron
    category: codename
    severity: critical
    terms: ["Heron Capture"]
    message: Internal tool name
"""


@pytest.fixture
def guard(write_pack) -> Guard:
    return Guard.from_files([str(write_pack(PACK))], nlp=False)


def dashboard() -> tuple[bytes, object]:
    screen = render("dash", "en", [
        ("Weekly status", 30),
        ("Project Falcon ships on the 14th", 22),
        ("Runbook: https://wiki.corp.example.com/launch", 20),
    ])
    return png(screen.image), screen


def test_a_screenshot_with_a_codename_and_an_internal_url_is_blocked_with_boxes(guard, ocr):
    data, screen = dashboard()
    report = guard.check_post("Look at this", [Attachment(data, name="dash.png")])
    assert report.verdict == "block"
    found = {f.rule: f for f in report.findings}
    assert set(found) == {"codename.falcon", "internal.host"}
    falcon, url = found["codename.falcon"], found["internal.host"]
    assert (falcon.source.attachment, falcon.source.kind) == (0, "ocr")
    assert falcon.text == "Project Falcon"
    # The box lies on the drawn line, around the words (a few pixels of slack for the engine).
    for finding, needle in ((falcon, "Project Falcon"), (url, "https://wiki")):
        x, y, _, h = finding.source.box
        lx, ly, lw, lh = screen.box_of(needle)
        assert abs(y - ly) <= 4 and abs(h - lh) <= 6 and lx - 4 <= x < lx + lw
    assert falcon.source.box[0] == pytest.approx(screen.box_of("Project Falcon")[0], abs=4)
    assert falcon.source.box[2] < screen.box_of("Project Falcon")[2]  # the words, not the line
    data = report_dict(report)
    assert data["attachments"] == [{"attachment": 0, "name": "dash.png", "format": "PNG",
                                    "size": [900, 176], "alt": False, "ocr": "ran",
                                    "metadata": []}]
    src = next(f["source"] for f in data["findings"] if f["rule"] == "codename.falcon")
    assert src == {"attachment": 0, "kind": "ocr", "box": list(falcon.source.box)}


def test_a_french_slide_is_read_as_well_as_an_english_one(ocr):
    by_name = {s.name: s for s in screens()}
    rates = {}
    for name in ("slide-en", "slide-fr", "chat-fr", "settings-fr"):
        screen = by_name[name]
        rates[name] = cer(read_text(screen.image).text, screen.text)
    assert all(rate <= 0.02 for rate in rates.values()), rates
    assert "Prochaine étape : lancer le projet Falcon" in read_text(by_name["slide-fr"].image).text


def test_ocr_finds_a_codename_on_a_french_slide(guard, ocr):
    slide = next(s for s in screens() if s.name == "slide-fr")
    report = guard.check_post("Notre revue", [Attachment(png(slide.image), name="revue.png")],
                              lang="fr")
    (f,) = [f for f in report.findings if f.rule == "codename.falcon"]
    assert f.text == "Falcon" and f.source.kind == "ocr"


def test_a_jpeg_with_a_gps_position_gets_a_metadata_finding(guard):
    report = guard.check_post("Our new site", [Attachment(gps_jpeg(), name="site.jpg")], ocr=False)
    meta = {f.source.field: (f.rule, f.severity, f.text) for f in report.findings
            if f.category == "metadata"}
    assert meta == {
        "EXIF GPSInfo": ("metadata.gps", "high", "48.85833, -2.29444"),
        "EXIF BodySerialNumber": ("metadata.serial", "medium", "SN-0042-XYZ"),
        "EXIF Artist": ("metadata.author", "medium", "Jane Doe"),
        "XMP dc:creator": ("metadata.author", "medium", "Jane Doe"),
        "EXIF Software": ("metadata.software", "low", "FalconCam 2.1"),
        "XMP xmp:CreatorTool": ("metadata.software", "low", "Heron Capture 0.9"),
    }
    # A text field is also read by the content rules: an internal tool's name in it blocks.
    tool = next(f for f in report.findings if f.rule == "codename.heron")
    assert (tool.source.kind, tool.source.field) == ("metadata", "XMP xmp:CreatorTool")
    assert report.verdict == "block"
    (info,) = report_dict(report)["attachments"]
    assert info["ocr"] == "skipped" and "EXIF GPSInfo" in info["metadata"]


def test_alt_text_is_checked_like_the_post(guard):
    image = png(Image.new("RGB", (20, 20), "white"))
    report = guard.check_post("A photo", [Attachment(image, "Project Falcon whiteboard")],
                              ocr=False)
    (f,) = report.findings
    assert (f.rule, f.start, f.end, f.source.kind) == ("codename.falcon", 0, 14, "alt")
    assert report.verdict == "block"


def test_png_text_chunks_are_metadata(guard):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Doe")
    info.add_text("Software", "Project Falcon exporter")
    data = png(Image.new("RGB", (10, 10), "white"), pnginfo=info)
    report = guard.check_post("chart", [Attachment(data)], ocr=False)
    rules = sorted((f.rule, f.source.field) for f in report.findings)
    assert rules == [("codename.falcon", "PNG Software"), ("metadata.author", "PNG Author"),
                     ("metadata.software", "PNG Software")]


def test_strip_removes_the_metadata_and_keeps_the_pixels(cli, tmp_path):
    (tmp_path / "site.jpg").write_bytes(gps_jpeg())
    run = cli("strip", "site.jpg", "clean.jpg")
    assert run.code == 0
    assert run.out == ("clean.jpg: JPEG copy written without metadata (removed: EXIF Artist, "
                       "EXIF Software, EXIF BodySerialNumber, EXIF GPSInfo, XMP xmp:CreatorTool, "
                       "XMP dc:creator, JPEG comment)\n")
    clean = (tmp_path / "clean.jpg").read_bytes()
    item = inspect(Attachment(clean), 0, ocr=False)
    assert item.fields == () and item.texts == ()
    with Image.open(io.BytesIO(clean)) as im, Image.open(tmp_path / "site.jpg") as orig:
        assert im.size == orig.size and not im.getexif() and "xmp" not in im.info
        assert max(abs(a - b) for a, b in zip(im.getpixel((5, 5)), orig.getpixel((5, 5)),
                                              strict=True)) <= 2
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Doe")
    (tmp_path / "a.png").write_bytes(png(Image.new("RGB", (8, 8), "red"), pnginfo=info))
    assert cli("strip", "a.png", "b.png").code == 0
    with Image.open(tmp_path / "b.png") as im:
        assert im.text == {} and im.getpixel((0, 0)) == (255, 0, 0)
    assert cli("strip", "a.png", "a.png").code == 2
    assert cli("strip", "missing.png", "x.png").code == 2


def test_cli_check_with_images_and_alt(cli, write_pack, tmp_path, ocr):
    pack = str(write_pack(PACK))
    (tmp_path / "dash.png").write_bytes(dashboard()[0])
    (tmp_path / "site.jpg").write_bytes(gps_jpeg())
    run = cli("check", "--rules", pack, "--no-nlp", "Our week", "--image", "dash.png",
              "--alt", "status board", "--image", "site.jpg", "--format", "json")
    data = json.loads(run.out)
    assert run.code == 1
    assert [(a["name"], a["alt"], a["ocr"]) for a in data["attachments"]] == [
        ("dash.png", True, "ran"), ("site.jpg", False, "ran")]
    sources = {(f["source"]["attachment"], f["source"]["kind"]) for f in data["findings"]}
    assert sources == {(0, "ocr"), (1, "metadata")}
    text = cli("check", "--rules", pack, "--no-nlp", "Our week", "--image", "dash.png")
    assert text.code == 1
    assert "  image 1 dash.png (PNG 900x176, no alt text, OCR ran)" in text.out
    assert "    text in the image at x=" in text.out


def test_cli_image_errors(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("not an image", encoding="utf-8")
    run = cli("check", "hi", "--image", "notes.txt", "--no-ocr")
    assert run.code == 2
    assert run.err == ("guard: error: image 1 (notes.txt): not an image the guard can read "
                       "(PNG, JPEG, WebP, GIF, TIFF, BMP)\n")
    assert cli("check", "hi", "--image", "nope.png").code == 2
    assert cli("check", "hi", "--alt", "x").code == 2  # an --alt without its --image


def test_a_missing_ocr_engine_is_exit_3_with_the_install_line(cli, monkeypatch, tmp_path):
    (tmp_path / "a.png").write_bytes(png(Image.new("RGB", (8, 8), "white")))
    monkeypatch.setattr(ocr_module.shutil, "which", lambda _: None)
    ocr_module.engine_missing.cache_clear()
    try:
        run = cli("check", "hi", "--image", "a.png")
        assert run.code == 3
        assert run.err == (f"guard: error: image 1 (a.png): OCR needs Tesseract, which is not "
                           f"installed: {INSTALL_LINE}\n")
        assert cli("check", "hi", "--image", "a.png", "--no-ocr").code == 0
        image = Attachment((tmp_path / "a.png").read_bytes())
        guard = Guard.default(nlp=False)
        with pytest.raises(CheckError):
            guard.check_post("hi", [image])
        # "auto": the report says OCR was unavailable, and the gap warns instead of passing.
        report = guard.check_post("hi", [image], ocr="auto")
        (f,) = report.findings
        assert (f.rule, f.severity, f.source.kind) == ("attachment.unread", "medium", "ocr")
        assert INSTALL_LINE in f.message
        assert report.verdict == "warn" and report.attachments[0].ocr == "unavailable"
    finally:
        ocr_module.engine_missing.cache_clear()


def test_strip_turns_the_pixels_when_it_drops_the_orientation(cli, tmp_path):
    image = Image.new("RGB", (40, 20), "white")
    image.paste((255, 0, 0), (0, 0, 10, 20))  # a red band on the left
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned 90° clockwise
    image.save(tmp_path / "turned.jpg", "JPEG", exif=exif.tobytes(), quality=95)
    assert cli("strip", "turned.jpg", "upright.jpg").code == 0
    with Image.open(tmp_path / "upright.jpg") as clean:
        assert clean.size == (20, 40) and not clean.getexif()
        red, _, _ = clean.getpixel((10, 2))  # the band is now at the top, as it was shown
        assert red > 200 and clean.getpixel((10, 38))[1] > 200
