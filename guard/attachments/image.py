"""An attached image: its bytes and alt text, opened with Pillow within size limits."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from guard.errors import CheckError, DraftError

MAX_IMAGE_BYTES = 20 * 1024 * 1024  # X takes photos up to 5 MB and GIFs up to 15 MB
MAX_PIXELS = 50_000_000  # a 8,000 x 6,000 photo; past it Pillow would warn of a bomb


@dataclass(frozen=True, slots=True)
class Attachment:
    """One image of a post, in the order of the post, with its alt text ("" for none)."""

    data: bytes
    alt: str = ""
    name: str = ""


def read_attachment(path: str, alt: str = "") -> Attachment:
    """An image file as an attachment; a missing or oversized file is a DraftError."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_IMAGE_BYTES + 1)
    except FileNotFoundError:
        raise DraftError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DraftError(f"{path}: is a folder, not an image") from None
    except OSError as exc:
        raise DraftError(f"{path}: cannot read it ({exc.strerror})") from None
    _check_size(len(data), path)
    return Attachment(data, alt, Path(path).name)


def _check_size(size: int, name: str) -> None:
    if size > MAX_IMAGE_BYTES:
        raise DraftError(f"{name}: larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB; "
                         "no platform takes an image this large")


def open_image(attachment: Attachment, label: str):  # type: ignore[no-untyped-def]
    """The attachment as a loaded Pillow image, or a DraftError that says why it is not one."""
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        raise CheckError("reading images needs Pillow: pip install 'tweet-guard[images]'") from None
    _check_size(len(attachment.data), label)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(attachment.data))
            if image.width * image.height > MAX_PIXELS:
                raise DraftError(f"{label}: {image.width} x {image.height} pixels; the guard "
                                 f"reads images of at most {MAX_PIXELS:,} pixels")
            image.load()
    except DraftError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombWarning,
            Image.DecompressionBombError):
        raise DraftError(f"{label}: not an image the guard can read (PNG, JPEG, WebP, GIF, "
                         "TIFF, BMP)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise DraftError(f"{label}: a damaged image ({exc})") from None
    return image
