"""Masking of matched text, so logs and CI output never repeat a secret."""

from __future__ import annotations

from guard.models import Finding, Report
from guard.record import replace


def mask(text: str) -> str:
    """Hide a matched secret but keep its length, so spans still line up in logs."""
    return "".join(ch if ch.isspace() else "*" for ch in text)


def fingerprint(text: str) -> str:
    """A short hash that lets logs correlate one secret across reports without holding it."""
    import hashlib  # only when redacting: its import costs a cold check 3-8 ms (guard/digest.py)

    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def redact_finding(finding: Finding) -> Finding:
    """The finding with its text and normalized form masked."""
    if finding.masked:
        return finding
    # A length finding holds the text past the limit, which may be anything, a key included.
    evidence = replace(
        finding.evidence,
        normalized=fingerprint(finding.evidence.normalized or finding.text)
        if finding.kind == "content" else "",
    )
    return replace(finding, text=mask(finding.text), evidence=evidence, masked=True)


def redact(report: Report) -> Report:
    """The report with every finding masked (`--redact`)."""
    return replace(report, findings=tuple(redact_finding(f) for f in report.findings))
