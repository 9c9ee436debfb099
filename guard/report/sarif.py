"""Findings placed in files -> SARIF 2.1.0, for code-scanning tools. Formatting only, no I/O.

Every finding is redacted before it is placed: SARIF files are uploaded and kept, so they
carry the rule, the place and a fingerprint, never the matched text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from guard import __version__
from guard.models import Evidence, Finding, Report, Rule
from guard.report.redact import redact_finding

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "tweet-guard"
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
# GitHub code scanning ranks results by `security-severity` (a CVSS-like 0.0-10.0 string).
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
LENGTH_RULE = Rule(id="length.limit", detector="length", category="length", severity="info",
                   confidence=1.0, message="The draft does not fit its platform's limit",
                   suggestion="shorten the draft")


@dataclass(frozen=True, slots=True)
class Located:
    """A (redacted) finding placed in a file: 1-based lines, 1-based code-point columns."""

    finding: Finding
    uri: str | None  # None: the draft came from an argument or stdin
    line: int
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None  # exclusive, as SARIF and GitHub count it
    draft: str = ""  # which draft of the file (post id), for files holding several


def position(text: str, offset: int) -> tuple[int, int]:
    """A code-point offset into `text` -> (line, column), both 1-based."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def locate(finding: Finding, text: str, uri: str | None, base: int = 0, draft: str = "") -> Located:
    """Place a finding whose offsets are into `text[base:]` (a draft inside a file's text)."""
    line, col = position(text, base + finding.start)
    end_line, end_col = position(text, base + finding.end)
    return Located(redact_finding(finding), uri, line, col, end_line, end_col, draft)


def locate_report(report: Report, text: str, uri: str | None, base: int = 0,
                  draft: str = "") -> list[Located]:
    """Every finding of a report placed in a file (or in the bare draft when uri is None)."""
    return [locate(f, text, uri, base, draft) for f in report.findings]


def finding_from_dict(data: dict[str, Any]) -> Finding:
    """The inverse of render.finding_dict, for results that went through JSON (scan)."""
    ev = data.get("evidence") or {}
    return Finding(
        rule=data["rule"], category=data["category"], severity=data["severity"],
        confidence=data["confidence"], start=data["start"], end=data["end"], text=data["text"],
        message=data["message"], suggestion=data.get("suggestion", ""),
        evidence=Evidence(ev.get("via", ""), ev.get("normalized", ""),
                          tuple(ev.get("context", ())), tuple(ev.get("near", ()))),
    )


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    help_text = rule.message or rule.id
    if rule.suggestion:
        help_text += f". Suggestion: {rule.suggestion}"
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.id.replace(".", "-"),
        "shortDescription": {"text": rule.message or rule.id},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {
            "severity": rule.severity,
            "category": rule.category,
            "detector": rule.detector,
            "security-severity": SECURITY_SEVERITY.get(rule.severity, "5.0"),
            "tags": ["confidentiality", rule.category],
        },
    }
    return descriptor


def _rule_from_finding(f: Finding) -> Rule:
    # A finding whose rule the caller did not pass: describe it from the finding itself.
    return Rule(id=f.rule, detector=f.evidence.via, category=f.category, severity=f.severity,
                confidence=f.confidence, message=f.message, suggestion=f.suggestion)


def _region(loc: Located) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": loc.line}
    if loc.column is not None:
        region["startColumn"] = loc.column
    if loc.end_line is not None and loc.end_line != loc.line:
        region["endLine"] = loc.end_line
    if loc.end_column is not None and loc.column is not None:
        # An empty or line-crossing span still needs an end after its start on one line.
        if loc.end_line in (None, loc.line) and loc.end_column <= loc.column:
            region["endColumn"] = loc.column + 1
        else:
            region["endColumn"] = loc.end_column
    return region


def _result(loc: Located, index: int) -> dict[str, Any]:
    f = loc.finding
    text = f.message or f.rule
    if f.suggestion:
        text += f" (suggestion: {f.suggestion})"
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": text},
        "properties": {"severity": f.severity, "category": f.category, "confidence": f.confidence,
                       "via": f.evidence.via, "fingerprint": f.evidence.normalized},
    }
    if loc.draft:
        result["properties"]["draft"] = loc.draft
    if f.evidence.normalized:
        # Lets code scanning follow one finding across commits without holding the secret.
        result["partialFingerprints"] = {
            "tweetGuardFinding/v1": f"{f.rule}:{f.evidence.normalized}"}
    # A draft from an argument or stdin has no file: the schema still wants an artifactLocation.
    artifact = ({"uri": loc.uri} if loc.uri is not None
                else {"description": {"text": "the draft given on the command line or stdin"}})
    physical: dict[str, Any] = {"artifactLocation": artifact, "region": _region(loc)}
    location: dict[str, Any] = {"physicalLocation": physical}
    if loc.draft:
        location["logicalLocations"] = [{"name": loc.draft, "kind": "object"}]
    result["locations"] = [location]
    return result


def sarif_log(located: Iterable[Located], rules: Sequence[Rule] = (),
              policy: dict[str, str] | None = None) -> dict[str, Any]:
    """One SARIF 2.1.0 log: a run of tweet-guard with the rules its results use."""
    known = {r.id: r for r in rules}
    known.setdefault(LENGTH_RULE.id, LENGTH_RULE)
    order: dict[str, int] = {}
    descriptors: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for loc in located:
        rule_id = loc.finding.rule
        if rule_id not in order:
            order[rule_id] = len(descriptors)
            rule = known.get(rule_id) or _rule_from_finding(loc.finding)
            descriptors.append(_rule_descriptor(rule))
        results.append(_result(loc, order[rule_id]))
    run: dict[str, Any] = {
        "tool": {"driver": {"name": TOOL_NAME, "version": __version__,
                            "semanticVersion": __version__, "rules": descriptors}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": True}],
    }
    if policy:
        run["properties"] = {"policy": policy}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def locate_scan_result(result: dict[str, Any], uri: str | None, line: int,
                       columns: bool) -> list[Located]:
    """One `guard scan` result (a JSON line) placed at its input line; an unread line is a finding.

    `columns` is True for plain-text input, where the draft is the line itself; in JSONL the
    draft sits inside a JSON string, so only the line is given.
    """
    draft = str(result.get("id", ""))
    if "error" in result:
        problem = Finding(rule="guard.unreadable", category="input", severity="high",
                          confidence=1.0, start=0, end=0, text="",
                          message=f"not checked: {result['error']}", suggestion="",
                          evidence=Evidence("input"), kind="input")
        return [Located(problem, uri, line, draft=draft)]
    out = []
    for data in result.get("findings", ()):
        f = redact_finding(finding_from_dict(data))
        if columns:
            out.append(Located(f, uri, line, f.start + 1, line, f.end + 1, draft))
        else:
            out.append(Located(f, uri, line, draft=draft))
    return out
