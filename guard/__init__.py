"""tweet-guard: a confidentiality guard that lints a draft post before it goes out."""

from __future__ import annotations

__version__ = "0.1.0"

from .engine import Guard  # noqa: E402
from .errors import (  # noqa: E402
    CheckError,
    DraftError,
    GuardError,
    ModelMissingError,
    RulePackError,
    RulePackErrors,
    UsageError,
)
from .models import Finding, Length, Report, Rule  # noqa: E402
from .rulepack import Pack, load_pack  # noqa: E402

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
