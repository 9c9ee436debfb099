"""Image fixtures: rendered screenshots, photos with metadata, and the OCR engine's presence."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from guard.attachments.ocr import INSTALL, engine_missing
from tests.attachments.screens import FONT


def _require(missing: str | None) -> None:
    # In CI a missing system part is a failure, never a skip: .ci/run installs it.
    if missing is None:
        return
    if os.environ.get("GUARD_REQUIRE_OCR") or os.environ.get("CI"):
        pytest.fail(f"{missing} (CI installs it: .ci/run)")
    pytest.skip(missing)


def require_ocr() -> None:
    """Skip (fail in CI) without Tesseract in English and French or the screenshots' font."""
    _require(engine_missing())
    _require(None if FONT.exists() else f"no font {FONT}: apt-get install fonts-dejavu-core")


@pytest.fixture
def ocr() -> None:
    """Tesseract with English and French, and the font the screenshots are drawn with."""
    require_ocr()


def png(image: Image.Image, **options: object) -> bytes:
    """An image as PNG bytes."""
    buf = io.BytesIO()
    image.save(buf, "PNG", **options)
    return buf.getvalue()


def gps_jpeg() -> bytes:
    """A small JPEG photo whose EXIF gives a GPS position, an owner and a serial number."""
    image = Image.new("RGB", (64, 48), (40, 120, 200))
    exif = Image.Exif()
    exif[0x0131] = "FalconCam 2.1"  # Software
    exif[0x013B] = "Jane Doe"  # Artist
    exif[0x0112] = 1  # Orientation
    exif.get_ifd(0x8825).update({1: "N", 2: (48.0, 51.0, 30.0), 3: "W", 4: (2.0, 17.0, 40.0)})
    exif.get_ifd(0x8769)[0xA431] = "SN-0042-XYZ"  # BodySerialNumber
    buf = io.BytesIO()
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description '
           b'xmp:CreatorTool="Heron Capture 0.9"><dc:creator><rdf:Seq><rdf:li>Jane Doe'
           b"</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>")
    image.save(buf, "JPEG", exif=exif.tobytes(), xmp=xmp, comment=b"shot at the lab")
    return buf.getvalue()


INSTALL_LINE = INSTALL
