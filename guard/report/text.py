"""Report -> text for a person at a shell: verdict, each finding under its span, the length."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from guard.models import Finding, Report

Style = Callable[..., str]


def _plain(text: str, **_: Any) -> str:
    return text


VERDICT_COLOURS = {"allow": "green", "warn": "yellow", "block": "red"}
SEVERITY_COLOURS = {
    "info": "blue",
    "low": "cyan",
    "medium": "yellow",
    "high": "red",
    "critical": "red",
}


def _width(text: str) -> int:
    # CJK and emoji take two terminal cells; combining marks take none.
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def _printable(text: str) -> str:
    # Control and invisible characters would misplace the carets or hide what matched.
    out = []
    for ch in text:
        if ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf") and ch != "\u200d":
            out.append("·")
        else:
            out.append(ch)
    return "".join(out)


def _excerpt(draft: str, start: int, end: int, style: Style) -> list[str]:
    line_start = draft.rfind("\n", 0, start) + 1
    line_end = draft.find("\n", start)
    line_end = len(draft) if line_end == -1 else line_end
    line_no = draft.count("\n", 0, start) + 1
    col = start - line_start + 1
    head, marked, tail = (
        draft[line_start:start],
        draft[start : min(end, line_end)],
        draft[min(end, line_end) : line_end],
    )
    head, marked, tail = _printable(head), _printable(marked), _printable(tail)
    # Keep an excerpt to about one terminal line: 40 characters of context each side, and a
    # long span (the excess of an overlong draft) shown by its start.
    if len(head) > 40:
        head = "…" + head[-39:]
    if len(marked) > 60:
        marked, tail = marked[:59] + "…", ""
    if len(tail) > 40:
        tail = tail[:39] + "…"
    prefix = f"  {line_no}:{col} | "
    text_line = prefix + head + style(marked, bold=True, underline=True) + tail
    pad = " " * (len(prefix) + _width(head))
    carets = "^" * max(1, _width(marked))
    return [text_line, pad + style(carets, fg="red")]


def _hide_masked(draft: str, report: Report) -> str:
    # A masked finding (--redact, or a `redact: true` rule) must not reappear in the excerpt.
    chars = list(draft)
    for f in report.findings:
        if f.masked:
            for i in range(f.start, f.end):
                if not chars[i].isspace():
                    chars[i] = "*"
    return "".join(chars)


def render_text(report: Report, draft: str, style: Style | None = None) -> str:
    """A report for a person at a shell: verdict, each finding under its span, the length."""
    style = style or _plain
    draft = _hide_masked(draft, report)
    verdict = report.verdict.upper()
    length = report.length
    size = f"{length.weighted}/{length.limit}"
    if not length.fits:
        size = style(size + " (too long)", fg="red")
    lines = [
        f"{style(verdict, fg=VERDICT_COLOURS[report.verdict], bold=True)}  "
        f"score {report.score}/100 (warn ≥{report.warn}, block ≥{report.block})  "
        f"length {size} {length.platform}  policy {report.policy.name}"
    ]
    if report.period:
        lines.append(f"  period in force: {report.period} (escalated rules are stricter)")
    if report.nlp == "skipped":
        lines.append(
            style(
                "  note: NLP rules were skipped (--no-nlp); this is not a full check", fg="yellow"
            )
        )
    if not report.findings:
        lines.append("  no findings")
    # Rules that flag the very same span (a label that is both a classification and the
    # post's opening; a figure that is an event's amount) share one excerpt: one place to fix.
    spans: dict[tuple[int, int], list[Finding]] = {}
    for f in report.findings:
        spans.setdefault((f.start, f.end), []).append(f)
    for (start, end), group in spans.items():
        lines.append("")
        for f in group:
            sev = style(f"{f.severity:<8}", fg=SEVERITY_COLOURS.get(f.severity, "white"),
                        bold=True)
            lines.append(f"  {sev} {f.rule}  {f.message}")
        lines.extend("  " + line for line in _excerpt(draft, start, end, style))
        for f in group:
            detail = f"confidence {f.confidence:.2f}, via {f.evidence.via}"
            if f.evidence.context:
                detail += ", context: " + ", ".join(f.evidence.context)
            if f.evidence.near:
                detail += ", near: " + ", ".join(f.evidence.near)
            if len(group) > 1:
                detail = f"{f.rule}: {detail}"
            lines.append(f"    {style(detail, dim=True)}")
        for suggestion in dict.fromkeys(f.suggestion for f in group if f.suggestion):
            lines.append(f"    suggestion: {suggestion}")
    if not length.fits and length.overflow_at is not None:
        fitting = _printable(draft[: length.overflow_at])
        excess = _printable(draft[length.overflow_at :])
        lines.append("")
        lines.append(f"  text past the limit (from character {length.overflow_at}):")
        lines.append(
            "    "
            + fitting[-40:]
            + style("⟦" + excess[:80] + ("…" if len(excess) > 80 else "") + "⟧", fg="red", dim=True)
        )
    return "\n".join(lines)
