"""Masking of matched text, so logs and CI output never repeat a secret."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from guard.models import Finding, Report


def mask(text: str) -> str:
    """Hide a matched secret but keep its length, so spans still line up in logs."""
    return "".join(ch if ch.isspace() else "*" for ch in text)


def fingerprint(text: str) -> str:
    """A short hash that lets logs correlate one secret across reports without holding it."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def redact_finding(finding: Finding) -> Finding:
    """The finding with its text and normalized form masked."""
    if finding.category == "length" or finding.evidence.normalized.startswith("sha256:"):
        return finding  # nothing to hide, or already masked by a `redact: true` rule
    evidence = replace(
        finding.evidence, normalized=fingerprint(finding.evidence.normalized or finding.text)
    )
    return replace(finding, text=mask(finding.text), evidence=evidence)


def redact(report: Report) -> Report:
    """The report with every finding masked (`--redact`)."""
    return replace(report, findings=tuple(redact_finding(f) for f in report.findings))
