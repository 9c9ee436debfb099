"""Findings placed in files -> GitHub Actions workflow commands (annotations). Formatting only."""

from __future__ import annotations

from collections.abc import Iterable

from guard.report.sarif import Located

COMMANDS = {"critical": "error", "high": "error", "medium": "warning", "low": "notice",
            "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(loc: Located) -> str:
    """One `::error file=...,line=...::message` line; the matched text is never included."""
    f = loc.finding
    props: list[tuple[str, object]] = []
    if loc.uri is not None:
        props.append(("file", loc.uri))
    props.append(("line", loc.line))
    if loc.end_line is not None and loc.end_line != loc.line:
        props.append(("endLine", loc.end_line))
    if loc.column is not None:
        props.append(("col", loc.column))
        # GitHub reads col/endColumn only on one line.
        if loc.end_column is not None and loc.end_line in (None, loc.line):
            props.append(("endColumn", max(loc.end_column, loc.column + 1)))
    where = f" in {loc.draft}" if loc.draft else ""
    props.append(("title", f"tweet-guard {f.rule} ({f.severity}){where}"))
    message = f.message or f.rule
    if f.suggestion:
        message += f". Suggestion: {f.suggestion}"
    head = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props)
    return f"::{COMMANDS.get(f.severity, 'warning')} {head}::{_escape_data(message)}"


def render_github(located: Iterable[Located]) -> str:
    """All annotations, one per line (empty when there is nothing to show)."""
    return "\n".join(annotation(loc) for loc in located)
