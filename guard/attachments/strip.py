"""A copy of an image without its metadata (EXIF, XMP, IPTC, PNG text), pixels unchanged."""

from __future__ import annotations

import io
from typing import Any

from guard.attachments.image import Attachment, open_image
from guard.errors import DraftError


def strip_metadata(attachment: Attachment, label: str) -> tuple[bytes, str]:
    """The image re-saved in its own format without metadata; returns (bytes, format)."""
    from PIL import ImageOps

    image = open_image(attachment, label)
    fmt = image.format or "PNG"
    # The EXIF orientation goes with the rest: turn the pixels first, so the copy shows the same.
    upright = ImageOps.exif_transpose(image)
    options: dict[str, Any] = {}
    icc = image.info.get("icc_profile")
    if icc:
        options["icc_profile"] = icc  # colours, not a person or a place: keep them right
    if fmt == "JPEG":
        # Re-encode with the source's own quantisation tables when the pixels were not turned.
        options["quality"] = "keep" if upright is image else 95
        if upright is image and getattr(image, "layers", 0) >= 3:
            options["subsampling"] = "keep"
    elif fmt == "GIF" and "duration" in image.info:
        options["save_all"] = True
    clean = upright.copy()
    clean.info = {}
    if fmt == "JPEG" and options.get("quality") == "keep":
        clean = image  # quality="keep" needs the JPEG as opened; save() writes no EXIF/XMP
        image.info = {k: v for k, v in image.info.items() if k in ("jfif", "jfif_version",
                                                                   "jfif_unit", "jfif_density",
                                                                   "dpi")}
    out = io.BytesIO()
    try:
        clean.save(out, format=fmt, **options)
    except (OSError, ValueError, KeyError) as exc:
        raise DraftError(f"{label}: cannot write a {fmt} copy ({exc})") from None
    return out.getvalue(), fmt
