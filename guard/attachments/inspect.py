"""An attachment -> what the guard checks of it: metadata fields, alt text, text in the pixels."""

from __future__ import annotations

from dataclasses import dataclass

from guard.attachments.image import Attachment, open_image
from guard.attachments.metadata import RULES, SUGGESTION, MetaField, read_metadata
from guard.attachments.ocr import OcrText, engine_missing, read_text
from guard.errors import CheckError
from guard.models import AttachmentInfo, Evidence, Finding, Source


@dataclass(frozen=True, slots=True)
class Inspected:
    """One attachment read: its size and format, its metadata, its alt text and its OCR text."""

    index: int
    name: str
    format: str
    width: int
    height: int
    alt: str
    fields: tuple[MetaField, ...]
    texts: tuple[tuple[str, str], ...]  # metadata text fields for the content rules
    ocr: OcrText | None
    ocr_status: str  # ran | skipped | unavailable

    def info(self) -> AttachmentInfo:
        """What the report says was checked."""
        fields = tuple(dict.fromkeys([f.field for f in self.fields] + [n for n, _ in self.texts]))
        return AttachmentInfo(self.index, self.name, self.format, self.width, self.height,
                              bool(self.alt.strip()), self.ocr_status, fields)

    def drafts(self) -> list[tuple[Source, str]]:
        """The texts of this attachment that the content rules read, each with where it is."""
        out = []
        if self.alt.strip():
            out.append((Source(self.index, "alt"), self.alt))
        if self.ocr is not None and self.ocr.text.strip():
            out.append((Source(self.index, "ocr"), self.ocr.text))
        out += [(Source(self.index, "metadata", field=name), value) for name, value in self.texts]
        return out


def label(attachment: Attachment, index: int) -> str:
    """How messages name an attachment: `image 2 (chart.png)`."""
    return f"image {index + 1}" + (f" ({attachment.name})" if attachment.name else "")


def inspect(attachment: Attachment, index: int, ocr: bool = True) -> Inspected:
    """Open the image, read its metadata and (unless `ocr` is False) the text in its pixels."""
    missing = engine_missing() if ocr else None
    if missing:
        raise CheckError(f"{label(attachment, index)}: {missing}")
    image = open_image(attachment, label(attachment, index))
    fields, texts = read_metadata(image)
    text = read_text(image) if ocr else None
    return Inspected(index, attachment.name, image.format or "?", image.width, image.height,
                     attachment.alt, tuple(fields), tuple(texts), text,
                     "ran" if ocr else "skipped")


def metadata_findings(item: Inspected) -> list[Finding]:
    """One finding of category `metadata` per revealing field, naming the field."""
    out = []
    for f in item.fields:
        severity, message = RULES[f.rule]
        out.append(Finding(
            rule=f.rule, category="metadata", severity=severity, confidence=1.0, start=0,
            end=len(f.value), text=f.value, message=f"{message} ({f.field})",
            suggestion=SUGGESTION, evidence=Evidence("exact", f.field),
            kind="metadata", source=Source(item.index, "metadata", field=f.field),
        ))
    return out
