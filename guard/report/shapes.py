"""Report -> the JSON objects of the contract: a report, a finding, one result of a scan."""

from __future__ import annotations

import json
from typing import Any

from guard.models import AttachmentInfo, Evidence, Finding, Length, Report


def _evidence(evidence: Evidence) -> dict[str, Any]:
    out: dict[str, Any] = {
        "via": evidence.via,
        "normalized": evidence.normalized,
        "context": list(evidence.context),
    }
    if evidence.near:
        out["near"] = list(evidence.near)
    return out


def finding_dict(f: Finding) -> dict[str, Any]:
    """One finding as the contract's JSON object."""
    return {
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "confidence": f.confidence,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "message": f.message,
        "suggestion": f.suggestion,
        "evidence": _evidence(f.evidence),
        **_where(f),
    }


def _where(f: Finding) -> dict[str, Any]:
    # Only a thread's or an attachment's findings carry these keys: one draft's stay as they were.
    out: dict[str, Any] = {}
    if f.post is not None:
        out["post"] = f.post
        if f.end_post is not None:
            out["end_post"] = f.end_post
    if f.source is not None:
        src = f.source
        out["source"] = {"attachment": src.attachment, "kind": src.kind}
        if src.box is not None:
            out["source"]["box"] = list(src.box)
        if src.field is not None:
            out["source"]["field"] = src.field
    return out


def _length(length: Length) -> dict[str, Any]:
    return {
        "platform": length.platform,
        "weighted": length.weighted,
        "limit": length.limit,
        "fits": length.fits,
        "overflow_at": length.overflow_at,
    }


def _attachment(a: AttachmentInfo) -> dict[str, Any]:
    return {"attachment": a.index, "name": a.name, "format": a.format,
            "size": [a.width, a.height], "alt": a.alt, "ocr": a.ocr,
            "metadata": list(a.metadata)}


def report_dict(report: Report) -> dict[str, Any]:
    """The report as the contract's JSON object (plus `nlp` and `version`, and `period`)."""
    length = report.length
    out = {
        "verdict": report.verdict,
        "score": report.score,
        "thresholds": {"warn": report.warn, "block": report.block},
        "language": report.language,
        "length": _length(length),
        "findings": [finding_dict(f) for f in report.findings],
        "policy": {"name": report.policy.name, "digest": report.policy.digest},
        "nlp": report.nlp,
        "version": report.version,
        **_parts(report),
    }
    if report.period:
        out["period"] = report.period  # only in a calendar period: other reports stay as they were
    return out


def _parts(report: Report) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if report.posts:
        out["posts"] = [{"length": _length(n)} for n in report.posts]
    if report.attachments:
        out["attachments"] = [_attachment(a) for a in report.attachments]
    return out


def render_json(report: Report) -> str:
    """One report as indented JSON."""
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2)


def scan_result(item_id: Any, report: Report) -> dict[str, Any]:
    """One line of `guard scan` output and one item of `/v1/scan`: the report, without policy."""
    data = report_dict(report)
    return {
        "id": item_id,
        "verdict": report.verdict,
        "score": report.score,
        "findings": data["findings"],
        "length": data["length"],
        "language": report.language,
        "nlp": report.nlp,
        **_parts(report),
    }


def error_result(item_id: Any, message: str) -> dict[str, Any]:
    """A draft of a scan that could not be read or checked: never counted as allowed."""
    return {"id": item_id, "error": message}
