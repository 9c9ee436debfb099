"""An attachment -> what the guard checks of it: metadata fields, alt text, text in the pixels."""

from __future__ import annotations

from dataclasses import dataclass, replace

from guard.attachments.image import Attachment, open_image
from guard.attachments.metadata import RULES, SUGGESTION, MetaField, read_metadata
from guard.attachments.ocr import OcrText, engine_missing, read_text
from guard.errors import CheckError, UsageError
from guard.models import AttachmentInfo, Evidence, Finding, Report, Source


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
    ocr_missing: str = ""  # why OCR could not run, with the line that installs it

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


def inspect(attachment: Attachment, index: int, ocr: bool | str = True) -> Inspected:
    """Open the image, read its metadata and the text in its pixels.

    `ocr`: True reads the text and raises CheckError when the engine is missing; False skips it
    (`"skipped"`); "auto" reads it when it can, else marks it `"unavailable"` (and the report
    carries an `attachment.unread` finding, so the gap never passes silently).
    """
    if ocr not in (True, False, "auto"):
        raise UsageError(f"ocr must be True, False or 'auto', got {ocr!r}")
    missing = engine_missing() if ocr else None
    if missing and ocr is True:
        raise CheckError(f"{label(attachment, index)}: {missing}")
    image = open_image(attachment, label(attachment, index))
    fields, texts = read_metadata(image)
    run = bool(ocr) and not missing
    status = "ran" if run else ("unavailable" if ocr else "skipped")
    return Inspected(index, attachment.name, image.format or "?", image.width, image.height,
                     attachment.alt, tuple(fields), tuple(texts),
                     read_text(image) if run else None, status, missing or "")


def metadata_findings(item: Inspected) -> list[Finding]:
    """One finding of category `metadata` per revealing field, naming the field."""
    out = []
    if item.ocr_status == "unavailable":
        out.append(Finding(
            rule="attachment.unread", category="attachment", severity="medium", confidence=1.0,
            start=0, end=0, text="", message=f"The text in this image was not read: "
            f"{item.ocr_missing}", suggestion="install the OCR engine, or read the image "
            "yourself before posting", evidence=Evidence("exact"), kind="input",
            source=Source(item.index, "ocr")))
    for f in item.fields:
        severity, message = RULES[f.rule]
        out.append(Finding(
            rule=f.rule, category="metadata", severity=severity, confidence=1.0, start=0,
            end=len(f.value), text=f.value, message=f"{message} ({f.field})",
            suggestion=SUGGESTION, evidence=Evidence("exact", f.field),
            kind="metadata", source=Source(item.index, "metadata", field=f.field),
        ))
    return out


def attachment_findings(items: list[Inspected], sources: list[tuple[Source, str]],
                        reports: list[Report]) -> list[Finding]:
    """The findings of each attachment's texts (placed: alt, OCR box, field), then metadata."""
    out = []
    for (src, _), report in zip(sources, reports, strict=True):
        item = items[src.attachment]
        for f in report.findings:
            if f.kind == "length":
                continue  # alt text and OCR text are not posted: their length is no limit
            box = item.ocr.box(f.start, f.end) if item.ocr and src.kind == "ocr" else None
            out.append(replace(f, source=replace(src, box=box)))
    for item in items:
        out += metadata_findings(item)
    return out
