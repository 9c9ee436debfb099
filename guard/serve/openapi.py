"""The OpenAPI 3.1 description of `guard serve` (GET /openapi.json), written as data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guard.detect.language import SUPPORTED
from guard.length.measure import PLATFORMS
from guard.models import SEVERITIES, VERDICTS, VIAS


def _obj(required: Sequence[str] = (), **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": list(required), "properties": props}


def openapi(version: str, max_body: int, max_scan: int, auth: bool) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the API (GET /openapi.json)."""
    string, integer = {"type": "string"}, {"type": "integer"}
    platform = {"type": "string", "enum": list(PLATFORMS)}
    lang = {"type": "string", "enum": list(SUPPORTED)}
    finding = _obj(
        ["rule", "severity", "start", "end", "text"], rule=string, category=string,
        severity={"enum": list(SEVERITIES)}, confidence={"type": "number"}, start=integer,
        end=integer, text=string, message=string, suggestion=string,
        evidence=_obj(["via"], via={"enum": [*VIAS, "length"]}, normalized=string,
                      context={"type": "array", "items": string}))
    length = _obj(["platform", "weighted", "limit", "fits"], platform=string, weighted=integer,
                  limit=integer, fits={"type": "boolean"},
                  overflow_at={"type": ["integer", "null"]})
    report = _obj(["verdict", "score", "findings", "length", "policy"],
                  verdict={"enum": list(VERDICTS)}, score=integer,
                  thresholds=_obj(warn=integer, block=integer), language=string, length=length,
                  findings={"type": "array", "items": finding},
                  policy=_obj(name=string, digest=string), nlp=string, version=string)
    error = _obj(["error"], error=_obj(["code", "message"], code=string, message=string))
    attachment = _obj(["data"], data={"type": "string", "contentEncoding": "base64"},
                      alt=string, name=string)
    check_req = {"oneOf": [
        _obj(["text"], text={"type": "string", "minLength": 1}, platform=platform, lang=lang,
             redact={"type": "boolean"}, ocr={"enum": [True, False, "auto"]},
             attachments={"type": "array", "maxItems": 4, "items": attachment},
             override={"type": "string", "description": "a business reason (audit)"}),
        _obj(["posts"], posts={"type": "array", "minItems": 1,
                               "items": {"type": "string", "minLength": 1}},
             platform=platform, lang=lang, redact={"type": "boolean"},
             override={"type": "string", "description": "a business reason (audit)"})]}
    upload = _obj(["text"], text=string, platform=platform, lang=lang, redact=string, ocr=string,
                  image={"type": "array", "maxItems": 4,
                         "items": {"type": "string", "contentMediaType": "image/*"}},
                  alt={"type": "array", "items": string})
    # With --audit: check_id (and override); with --signing-key: a receipt on allow/warn.
    report["properties"].update(
        check_id=string, period=string,
        override=_obj(["check_id", "accepted"], check_id=string, accepted={"type": "boolean"},
                      reason=string, refused=string),
        receipt=_obj(["signature"], v=integer, alg=string, key=string, text_sha256=string,
                     platform=string, policy=string, verdict=string,
                     findings={"type": "array", "items": string},
                     override={"type": ["string", "null"]}, time=string, signature=string))
    override_req = _obj(["check_id", "reason"], check_id=string, reason=string)
    feedback_req = _obj(["check_id", "rule", "kind"], check_id=string, rule=string,
                        kind={"enum": ["false-alarm", "missed"]}, note=string,
                        text={"type": "string", "description": "the exact draft, if you choose "
                              "to send it (rules tune learns from it)"})
    scan_req = _obj(["drafts"], drafts={"type": "array", "maxItems": max_scan, "items": _obj(
        ["text"], id={}, text=string, platform=platform, lang=lang)}, platform=platform,
        lang=lang, redact={"type": "boolean"})
    result = {"oneOf": [_obj(["id", "verdict"], id={}, verdict={"enum": list(VERDICTS)},
                             score=integer, findings={"type": "array", "items": finding},
                             length=length, language=string, nlp=string),
                        _obj(["id", "error"], id={}, error=string)]}
    scan_resp = _obj(["results", "summary"], results={"type": "array", "items": result},
                     summary=_obj(allow=integer, warn=integer, block=integer, error=integer),
                     policy=_obj(name=string, digest=string))

    fix_resp = _obj(["text", "changed", "fixes", "unfixed", "report"], text=string,
                    changed={"type": "boolean"},
                    fixes={"type": "array", "items": _obj(
                        ["rule", "start", "end", "action"], rule=string, start=integer,
                        end=integer, action={"enum": ["replace", "remove"]}, replacement=string)},
                    unfixed={"type": "array", "items": finding}, report=report)

    def answer(schema: dict[str, Any], what: str) -> dict[str, Any]:
        return {"description": what, "content": {"application/json": {"schema": schema}}}

    errors = {"400": answer(error, "bad JSON, missing or empty text, a bad option"),
              "413": answer(error, f"body over {max_body:,} bytes or over {max_scan:,} drafts"),
              "503": answer(error, "the check could not run: do not publish")}
    if auth:
        errors["401"] = answer(error, "missing or wrong bearer token")

    def post(summary: str, req: dict[str, Any], resp: dict[str, Any]) -> dict[str, Any]:
        op: dict[str, Any] = {"summary": summary, "requestBody": {"required": True, "content": {
            "application/json": {"schema": req}}}, "responses": {"200": answer(resp, "checked"),
                                                                  **errors}}
        if auth:
            op["security"] = [{"bearer": []}]
        return {"post": op}

    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "tweet-guard", "version": version,
                 "description": "Lint a draft post for leaks and length before publishing. "
                                "Anything but 200 with verdict allow/warn means: do not publish."},
        "paths": {
            "/v1/check": post("Check one draft, a thread, or a post with images", check_req,
                              report),
            "/v1/scan": post("Check a batch of drafts", scan_req, scan_resp),
            "/v1/override": post("Override a checked draft with a reason (needs --audit)",
                                 override_req, report["properties"]["override"]),
            "/v1/feedback": post("Report a false alarm or a missed leak (needs --audit)",
                                 feedback_req, _obj(["check_id", "recorded"], check_id=string,
                                                    recorded={"type": "boolean"}, rule=string,
                                                    kind=string)),
            "/v1/fix": post("Rewrite a draft with its rules' approved wordings and removals, "
                            "checked again", check_req, fix_resp),
            "/healthz": {"get": {"summary": "Liveness, the policy in force, reload errors",
                                 "responses": {"200": {"description": "serving"}}}},
        },
    }
    # A post with images may also come as a multipart form (image files and their alt texts).
    doc["paths"]["/v1/check"]["post"]["requestBody"]["content"]["multipart/form-data"] = {
        "schema": upload}
    if auth:
        doc["components"] = {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}
    return doc
