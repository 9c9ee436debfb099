"""What an image's metadata gives away: EXIF, XMP, IPTC and PNG text chunks -> named fields.

Each field found is a `MetaField`: the rule it falls under (a GPS position, a device serial
number, an owner or author name, the software that made the file) and its value as text.
Text fields (software, description, comments) are also handed to the content rules, so an
internal tool's codename in `Software` is found like one in the post.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

SUGGESTION = "post a copy without metadata: guard strip IMAGE CLEAN-IMAGE"
# rule id -> (severity, message). X, Mastodon and Bluesky strip most metadata on upload, so
# nothing here blocks on its own; a GPS position still warns, since other tools keep it.
RULES = {
    "metadata.gps": ("high", "The image's metadata gives the GPS position where it was taken"),
    "metadata.place": ("medium", "The image's metadata names the place where it was taken"),
    "metadata.serial": ("medium", "The image's metadata holds a device serial number"),
    "metadata.author": ("medium", "The image's metadata names its owner or author"),
    "metadata.software": ("low", "The image's metadata names the software that made it"),
}

_EXIF_BASE = {0x013B: ("EXIF Artist", "metadata.author"),
              0x8298: ("EXIF Copyright", "metadata.author"),
              0x013C: ("EXIF HostComputer", "metadata.author"),
              0x0131: ("EXIF Software", "metadata.software")}
_EXIF_IFD = {0xA430: ("EXIF CameraOwnerName", "metadata.author"),
             0xA431: ("EXIF BodySerialNumber", "metadata.serial"),
             0xA435: ("EXIF LensSerialNumber", "metadata.serial")}
_XMP = {"exif:GPSLatitude": "metadata.gps", "exif:GPSLongitude": "metadata.gps",
        "aux:SerialNumber": "metadata.serial", "aux:LensSerialNumber": "metadata.serial",
        "exifEX:BodySerialNumber": "metadata.serial", "exifEX:LensSerialNumber": "metadata.serial",
        "dc:creator": "metadata.author", "exifEX:CameraOwnerName": "metadata.author",
        "aux:OwnerName": "metadata.author", "dc:rights": "metadata.author",
        "xmp:CreatorTool": "metadata.software", "photoshop:City": "metadata.place",
        "Iptc4xmpCore:Location": "metadata.place"}
_IPTC = {(2, 80): ("IPTC By-line", "metadata.author"),
         (2, 116): ("IPTC CopyrightNotice", "metadata.author"),
         (2, 122): ("IPTC Writer", "metadata.author"),
         (2, 65): ("IPTC OriginatingProgram", "metadata.software"),
         (2, 90): ("IPTC City", "metadata.place"),
         (2, 92): ("IPTC Sublocation", "metadata.place")}
_PNG = {"author": "metadata.author", "copyright": "metadata.author",
        "software": "metadata.software"}
_TEXT_EXIF = {0x010E: "EXIF ImageDescription", 0x9286: "EXIF UserComment"}
_XMP_TEXT = ("dc:description", "dc:title", "xmp:CreatorTool", "photoshop:Headline")
_XMP_ATTR = regex.compile(r"([A-Za-z]\w*:[A-Za-z]\w*)=\"([^\"]*)\"")


@dataclass(frozen=True, slots=True)
class MetaField:
    """One metadata field: where it is (`EXIF GPSInfo`), the rule it falls under, its value."""

    field: str
    rule: str
    value: str


def read_metadata(image: Any) -> tuple[list[MetaField], list[tuple[str, str]]]:
    """The revealing fields of a loaded Pillow image, and its text fields for the content rules."""
    found: list[MetaField] = []
    texts: list[tuple[str, str]] = []
    exif = image.getexif()
    for tag, (name, rule) in _EXIF_BASE.items():
        _add(found, name, rule, exif.get(tag))
    sub = exif.get_ifd(0x8769)
    for tag, (name, rule) in _EXIF_IFD.items():
        _add(found, name, rule, sub.get(tag))
    gps = _gps(exif.get_ifd(0x8825))
    if gps:
        found.append(MetaField("EXIF GPSInfo", "metadata.gps", gps))
    texts += [(name, _text(v)) for tag, name in _TEXT_EXIF.items()
              if _text(v := (exif.get(tag) or sub.get(tag)))]
    texts += [(name, _text(exif.get(tag))) for tag, (name, _) in _EXIF_BASE.items()
              if _text(exif.get(tag))]
    if _text(image.info.get("comment")):
        texts.append(("JPEG comment", _text(image.info["comment"])))
    _xmp(image, found, texts)
    _iptc(image, found)
    for key, value in (getattr(image, "text", None) or {}).items():
        if key.startswith(("XML:com.adobe.xmp", "Raw profile")):
            continue
        rule = _PNG.get(key.lower())
        if rule:
            _add(found, f"PNG {key}", rule, value)
        if _text(value):
            texts.append((f"PNG {key}", _text(value)))
    return found, texts


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", " ").strip()


def _add(found: list[MetaField], name: str, rule: str, value: Any) -> None:
    text = _text(value)
    if text:
        found.append(MetaField(name, rule, text))


def _degrees(value: Any, ref: Any) -> float | None:
    try:
        d, m, s = (float(x) for x in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    sign = -1 if _text(ref).upper() in ("S", "W") else 1
    return sign * (d + m / 60 + s / 3600)


def _gps(ifd: Any) -> str:
    lat, lon = _degrees(ifd.get(2), ifd.get(1)), _degrees(ifd.get(4), ifd.get(3))
    if lat is None or lon is None:
        return ""
    return f"{lat:.5f}, {lon:.5f}"


def _xmp(image: Any, found: list[MetaField], texts: list[tuple[str, str]]) -> None:
    raw = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    xml = _text(raw)
    values = [(m[1], m[2]) for m in _XMP_ATTR.finditer(xml)]
    for name in (*_XMP, *_XMP_TEXT):  # elements: <dc:creator><rdf:Seq><rdf:li>...</dc:creator>
        for m in regex.finditer(rf"<{name}(?:\s[^>]*)?>(.*?)</{name}>", xml, regex.DOTALL):
            values.append((name, regex.sub(r"<[^>]+>", " ", m[1])))
    for name, raw_value in values:
        value = " ".join(raw_value.split())
        if name in _XMP:
            _add(found, f"XMP {name}", _XMP[name], value)
        if name in _XMP_TEXT and value:
            texts.append((f"XMP {name}", value))


def _iptc(image: Any, found: list[MetaField]) -> None:
    from PIL import IptcImagePlugin

    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except (OSError, SyntaxError, ValueError, IndexError):
        return  # a damaged IPTC block holds nothing the guard can name
    for key, (name, rule) in _IPTC.items():
        value = info.get(key)
        for item in value if isinstance(value, list) else [value]:
            _add(found, name, rule, item)
