"""tweet-guard: a confidentiality guard that lints a draft post before it goes out."""

from __future__ import annotations

__version__ = "0.1.0"

from .engine import Guard
from .errors import (
    CheckError,
    DraftError,
    GuardError,
    ModelMissingError,
    RulePackError,
    RulePackErrors,
    UsageError,
)
from .models import Finding, Length, Report, Rule
from .rulepack import Pack, load_pack

__all__ = [
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
]
