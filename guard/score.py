"""Findings -> risk score 0..100 and verdict.

Each finding contributes `weight(severity) x confidence`. Repeats of one rule count once (its
strongest finding): naming a codename twice is not twice the leak. Different rules combine as
independent evidence, 1 - prod(1 - c/100), so more or stronger findings never lower the score,
the score never passes 100, and two `high` findings (60 each) reach 84 and block. The weights
put one full-confidence finding of each severity where the contract wants it with the default
thresholds (warn 40, block 70): info 5 and low 20 allow, medium 44 and high 60 warn,
critical 90 blocks. Medium is 44 rather than 45 so that two mediums (69) warn, not block.
"""

from __future__ import annotations

from collections.abc import Iterable

from guard.models import Finding

WEIGHTS = {"info": 5.0, "low": 20.0, "medium": 44.0, "high": 60.0, "critical": 90.0}


def contribution(finding: Finding) -> float:
    """What one finding adds on its own, 0..100."""
    return WEIGHTS[finding.severity] * finding.confidence


def risk_score(findings: Iterable[Finding]) -> int:
    """The draft's risk score: strongest finding per rule, combined across rules."""
    best: dict[str, float] = {}
    for f in findings:
        if f.kind == "length":
            continue  # the length decides the verdict on its own; it never changes the score
        best[f.rule] = max(best.get(f.rule, 0.0), contribution(f))
    remaining = 1.0
    for value in best.values():
        remaining *= 1.0 - value / 100.0
    return round((1.0 - remaining) * 100.0 + 1e-9)


def verdict(score: int, warn: int, block: int, fits: bool = True) -> str:
    """`block` at the block threshold or when the draft does not fit, else `warn` or `allow`."""
    if not fits or score >= block:
        return "block"
    if score >= warn:
        return "warn"
    return "allow"
