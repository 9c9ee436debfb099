"""A report on a post that is already published: its length is information, never a block."""

from __future__ import annotations

from dataclasses import replace

from guard.length.published import published_length
from guard.models import Evidence, Finding, Length, Report
from guard.score import verdict


def as_published(
    report: Report, text: str, counted: tuple[int, int] | None, platform: str | None = None
) -> Report:
    """The report re-measured over what the platform counted; a length finding only informs.

    The score never holds the length, so the verdict is the score's alone.
    """
    length = published_length(text, platform or report.length.platform, counted)
    findings = [f for f in report.findings if f.kind != "length"]
    if not length.fits:
        findings.append(_length_info(text, length, counted))
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
    return replace(
        report,
        verdict=verdict(report.score, report.warn, report.block),
        length=length,
        findings=tuple(findings),
    )


def _length_info(text: str, length: Length, counted: tuple[int, int] | None) -> Finding:
    start = length.overflow_at if length.overflow_at is not None else 0
    end = counted[1] if counted is not None else len(text)
    end = max(end, start + 1) if start < len(text) else start
    return Finding(
        rule="length.published",
        category="length",
        severity="info",
        confidence=1.0,
        start=start,
        end=end,
        text=text[start:end],
        message=(
            f"Published at {length.weighted}/{length.limit} as {length.platform} counts it: "
            "information only, the post is already out"
        ),
        suggestion="",
        evidence=Evidence("length"),
        kind="length",
    )
