"""The compliance loop over HTTP: who asked, the audit record, overrides, feedback, receipts.

`Api` calls in here; nothing here checks a draft. Check records go through the BatchWriter
(group commit; see guard/audit/writer.py); the other database calls run in a thread so the
event loop keeps answering while SQLite or PostgreSQL commits.
"""

from __future__ import annotations

import asyncio
import hmac
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request

from guard.audit.receipts import Signer
from guard.audit.records import RecordMaker, text_hmac, valid_reason
from guard.audit.store import AuditStore
from guard.audit.writer import BatchWriter
from guard.engine import Guard
from guard.errors import UsageError
from guard.models import Report
from guard.serve.requests import ApiError

TOKENS_ENV = "GUARD_TOKENS"
FEEDBACK_KINDS = ("false-alarm", "missed")


def load_tokens(path: str | None) -> dict[str, str]:
    """token -> name from a YAML file of `name: token` lines (`--tokens` or $GUARD_TOKENS)."""
    source = path or os.environ.get(TOKENS_ENV, "").strip()
    if not source:
        return {}
    import yaml

    try:
        data = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read the tokens file '{source}': {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise UsageError(f"{source}: not YAML ({exc})") from None
    if not isinstance(data, dict) or not data:
        raise UsageError(f"{source}: expected one 'name: token' line per person or tool")
    out: dict[str, str] = {}
    for name, token in data.items():
        if not isinstance(token, str) or len(token) < 16:
            raise UsageError(f"{source}: the token of '{name}' must be text of 16+ characters")
        if token in out:
            raise UsageError(f"{source}: '{name}' and '{out[token]}' share a token")
        out[token] = str(name)
    return out


@dataclass
class Compliance:
    """What the server does besides checking: identify, record, sign."""

    audit: AuditStore | None = None
    secret: bytes = b""
    signer: Signer | None = None
    users: dict[str, str] = field(default_factory=dict)  # token -> name
    user_header: str | None = None  # set only behind a proxy that sets it and strips it
    writer: BatchWriter | None = None  # started with the app (group commit of check records)
    _maker: tuple[Guard, RecordMaker] | None = field(default=None, init=False, repr=False)

    def start(self) -> None:
        """Start the record writer (the app's lifespan)."""
        if self.audit is not None and self.writer is None:
            self.writer = BatchWriter(self.audit)

    def stop(self) -> None:
        """Write what is queued and close the store."""
        if self.writer is not None:
            self.writer.stop()
            self.writer = None
        if self.audit is not None:
            self.audit.close()

    def _record_maker(self, guard: Guard) -> RecordMaker:
        if self._maker is None or self._maker[0] is not guard:
            self._maker = (guard, RecordMaker(guard.pack.rules, guard.pack.settings, self.secret))
        return self._maker[1]

    def token_name(self, token: str) -> str | None:
        """The name of a known token (constant-time per token), or None."""
        found = None
        for known, name in self.users.items():
            if hmac.compare_digest(token.encode(), known.encode()):
                found = name
        return found

    def who(self, request: Request, token_ok: bool) -> str:
        """The person or tool behind a request: proxy header, token name, or what we know."""
        if self.user_header and (name := request.headers.get(self.user_header, "").strip()):
            return name[:200]
        token = request.headers.get("authorization", "").partition(" ")[2].strip()
        return self.token_name(token) or ("token" if token_ok and token else "anonymous")

    async def after_check(self, request: Request, guard: Guard, report: Report, text: str,
                          override: Any, who: str) -> dict[str, Any]:
        """The keys a check answer gains: check_id, override, receipt."""
        extra: dict[str, Any] = {}
        accepted_reason: str | None = None
        if override is not None and self.audit is None:
            raise ApiError(409, "audit_disabled", "'override' needs the audit store: start "
                           "guard serve with --audit PATH_OR_URL")
        if override is not None and (problem := valid_reason(override)):
            raise ApiError(400, "bad_request", problem)
        if self.audit is not None:
            record = self._record_maker(guard).record(report, text, who)
            try:
                if self.writer is not None:
                    await self.writer.record(record)
                else:
                    await asyncio.to_thread(self.audit.record_check, record)
            except Exception as exc:
                # An audited server answers only what it recorded: fail closed.
                raise ApiError(503, "audit_failed", f"the check could not be recorded in the "
                               f"audit store ({type(exc).__name__}); the draft was not "
                               "cleared: do not publish") from None
            extra["check_id"] = record.id
            if override is not None:
                accepted = record.override == "allowed"
                await asyncio.to_thread(self.audit.record_override, record.id, who,
                                        override.strip(), accepted)
                extra["override"] = _override_answer(record.id, override.strip(), accepted,
                                                     record.override)
                accepted_reason = override.strip() if accepted else None
        if self.signer is not None and (report.verdict != "block" or accepted_reason):
            extra["receipt"] = self.signer.sign(report, text, accepted_reason)
        return extra

    def stored_check(self, check_id: Any) -> dict[str, Any]:
        """The record of a check named in a request, or the ApiError that says why not."""
        if self.audit is None:
            raise ApiError(409, "audit_disabled", "overrides and feedback need the audit "
                           "store: start guard serve with --audit PATH_OR_URL")
        if not isinstance(check_id, str) or not check_id:
            raise ApiError(400, "bad_request", "'check_id' must be the check_id of a "
                           "/v1/check answer")
        found = self.audit.get_check(check_id)
        if found is None:
            raise ApiError(404, "unknown_check", f"no check '{check_id}' in the audit store "
                           "(pruned, or from another store)")
        return found

    async def override(self, data: dict[str, Any], who: str) -> dict[str, Any]:
        """Record an override of a stored check; say whether it is accepted."""
        check = await asyncio.to_thread(self.stored_check, data.get("check_id"))
        reason = data.get("reason")
        if problem := valid_reason(reason):
            raise ApiError(400, "bad_request", problem)
        assert isinstance(reason, str) and self.audit is not None
        accepted = check["override"] == "allowed"
        await asyncio.to_thread(self.audit.record_override, check["id"], who, reason.strip(),
                                accepted)
        return _override_answer(check["id"], reason.strip(), accepted, check["override"])

    async def feedback(self, data: dict[str, Any], who: str) -> dict[str, Any]:
        """Record a false-alarm or missed-leak report on a stored check."""
        check = await asyncio.to_thread(self.stored_check, data.get("check_id"))
        kind, rule, note = data.get("kind"), data.get("rule"), data.get("note", "")
        text = data.get("text")
        if kind not in FEEDBACK_KINDS:
            raise ApiError(400, "bad_request", f"'kind' must be one of {', '.join(FEEDBACK_KINDS)}"
                           f", got {kind!r}")
        if not isinstance(rule, str) or not rule.strip():
            raise ApiError(400, "bad_request", "'rule' must be the id of the rule concerned")
        if kind == "false-alarm" and rule not in check["rules"].split():
            fired = check["rules"] or "none"
            raise ApiError(400, "bad_request", f"rule '{rule}' did not fire on check "
                           f"{check['id']} (rules that fired: {fired})")
        if not isinstance(note, str):
            raise ApiError(400, "bad_request", "'note' must be text")
        if text is not None and (not isinstance(text, str)
                                 or text_hmac(self.secret, text) != check["text_hmac"]):
            raise ApiError(400, "bad_request", "'text' is not the draft of this check; send "
                           "the exact draft or leave 'text' out")
        assert self.audit is not None
        await asyncio.to_thread(self.audit.record_feedback, check["id"], who, rule, kind,
                                note, text)
        return {"check_id": check["id"], "recorded": True, "rule": rule, "kind": kind}


def _override_answer(check_id: str, reason: str, accepted: bool, why: str) -> dict[str, Any]:
    out: dict[str, Any] = {"check_id": check_id, "accepted": accepted, "reason": reason}
    if not accepted:
        out["refused"] = why
    return out
