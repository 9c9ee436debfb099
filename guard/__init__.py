"""tweet-guard: a confidentiality guard that lints a draft post before it goes out."""

from __future__ import annotations

__version__ = "0.1.0"

from guard.engine import Guard
from guard.errors import (
    CheckError,
    DraftError,
    GuardError,
    ModelMissingError,
    RulePackError,
    RulePackErrors,
    UsageError,
)
from guard.models import Finding, Length, Report, Rule
from guard.packs.pack import Pack


def __getattr__(name: str) -> object:
    """`load_pack`, imported on first use: the YAML parser and schema load only when needed;
    the image readers too (they bring pathlib, which a cold `guard check` does not import)."""
    if name == "load_pack":
        from guard.packs.loader import load_pack

        return load_pack
    if name in ("Attachment", "read_attachment"):
        from guard.attachments import image

        return getattr(image, name)
    raise AttributeError(f"module 'guard' has no attribute {name!r}")

__all__ = [
    "Attachment",
    "CheckError",
    "DraftError",
    "Finding",
    "Guard",
    "GuardError",
    "Length",
    "ModelMissingError",
    "Pack",
    "Report",
    "Rule",
    "RulePackError",
    "RulePackErrors",
    "UsageError",
    "__version__",
    "load_pack",
    "read_attachment",
]
