"""Text in an image's pixels, read by Tesseract in English and French, each word with its box.

Tesseract was chosen by measurement (docs/attachments.md): on screenshots rendered for the
comparison it misread 0.1% of characters against 5.8% for RapidOCR, at a third of the CPU time
and a tenth of the install size, and it reads French accents. It is a system package; the
Python side (pytesseract) only runs it. Nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass
from typing import Any

from guard.errors import CheckError

LANGUAGES = ("eng", "fra")
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra"
TIMEOUT_SECONDS = 60


@dataclass(frozen=True, slots=True)
class OcrText:
    """The words read in an image, lines joined by line breaks, and each word's box."""

    text: str
    words: tuple[tuple[int, int, tuple[int, int, int, int]], ...]  # start, end, (x, y, w, h)

    def box(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """The pixel box around the words that a span of `text` touches."""
        boxes = [b for s, e, b in self.words if s < end and start < e]
        if not boxes:
            return None
        left = min(x for x, _, _, _ in boxes)
        top = min(y for _, y, _, _ in boxes)
        right = max(x + w for x, _, w, _ in boxes)
        bottom = max(y + h for _, y, _, h in boxes)
        return (left, top, right - left, bottom - top)


@functools.lru_cache(maxsize=1)
def engine_missing() -> str | None:
    """Why OCR cannot run here (with the line that installs it), or None when it can."""
    try:
        import pytesseract
    except ImportError:
        return "OCR needs pytesseract: pip install 'tweet-guard[images]'"
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return f"OCR needs Tesseract, which is not installed: {INSTALL}"
    try:
        have = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # a broken install: say so, never read nothing and pass
        return f"Tesseract does not run ({exc}): {INSTALL}"
    lacking = [lang for lang in LANGUAGES if lang not in have]
    if lacking:
        return f"Tesseract lacks the language data {', '.join(lacking)}: {INSTALL}"
    return None


def read_text(image: Any) -> OcrText:
    """The text in a loaded Pillow image; CheckError when Tesseract cannot run."""
    import pytesseract
    from PIL import Image

    if image.mode in ("RGBA", "LA", "P"):
        # Transparent pixels are black underneath: put the image on white, as a screen shows it.
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    try:
        data = pytesseract.image_to_data(image, lang="+".join(LANGUAGES), timeout=TIMEOUT_SECONDS,
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError:
        raise CheckError(f"OCR needs Tesseract, which is not installed: {INSTALL}") from None
    except (pytesseract.TesseractError, RuntimeError, OSError) as exc:
        raise CheckError(f"Tesseract could not read the image ({exc})") from None
    return _assemble(data)


def _assemble(data: dict[str, list[Any]]) -> OcrText:
    parts: list[str] = []
    words: list[tuple[int, int, tuple[int, int, int, int]]] = []
    at, line_key = 0, None
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word:
            continue
        key = (data["page_num"][i], data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if parts:
            sep = " " if key == line_key else "\n"
            parts.append(sep)
            at += 1
        line_key = key
        box = (int(data["left"][i]), int(data["top"][i]), int(data["width"][i]),
               int(data["height"][i]))
        words.append((at, at + len(word), box))
        parts.append(word)
        at += len(word)
    return OcrText("".join(parts), tuple(words))
