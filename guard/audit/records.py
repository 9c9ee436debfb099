"""Report + draft -> the audit record: a keyed hash of the draft, never the draft itself.

Whether an override would be accepted is decided here, at check time, from the pack that
made the decision, and stored with the check: a later reload cannot change the answer.
"""

from __future__ import annotations

import hmac
import os
import time
import unicodedata

from guard.audit.store import SECRET_ENV, CheckRecord, now
from guard.errors import UsageError
from guard.models import Report, Rule, Settings
from guard.packs.loop import override_level

REASON_MIN = 3  # "ok" is not a business justification


def audit_secret() -> bytes:
    """The server's HMAC key for draft hashes, from $GUARD_AUDIT_SECRET; refuse to run without."""
    secret = os.environ.get(SECRET_ENV, "").strip()
    if len(secret) < 16:
        raise UsageError(f"the audit store needs a secret of 16+ characters in ${SECRET_ENV} "
                         "(drafts are stored as a keyed hash); e.g. export "
                         f"{SECRET_ENV}=$(openssl rand -hex 32)")
    return secret.encode()


def text_hmac(secret: bytes, text: str) -> str:
    """The keyed hash of a draft (NFC): equal drafts match, a guessed codename does not."""
    nfc = unicodedata.normalize("NFC", text).encode("utf-8")
    return "hmac-sha256:" + hmac.digest(secret, nfc, "sha256").hex()  # one-shot: OpenSSL's


def redacted_text(report: Report, text: str) -> str:
    """The draft with every finding's span replaced by `[rule.id]`."""
    spans = sorted({(f.start, f.end, f.rule) for f in report.findings if f.kind == "content"})
    out, at = [], 0
    for start, end, rule in spans:
        if start < at:
            continue  # overlapping findings: the first one already hides the span
        out += [text[at:start], f"[{rule}]"]
        at = end
    out.append(text[at:])
    return "".join(out)


def override_decision(report: Report, rules: dict[str, Rule], settings: Settings) -> str:
    """"allowed", or why an override of this report would be refused."""
    if report.verdict == "allow":
        return "allowed"
    if not report.length.fits:
        return "the draft does not fit the platform; no override can publish it"
    content = [f.rule for f in report.findings if f.kind == "content"]
    never = sorted({r for r in content if (rule := rules.get(r)) and rule.override == "never"})
    if never:
        return f"rule {', '.join(never)} may not be overridden (override: never)"
    if override_level(settings.overrides, report.verdict) == "allowed":
        return "allowed"
    if content and all((rule := rules.get(r)) and rule.override == "reason" for r in content):
        return "allowed"
    return f"the policy does not allow overriding a {report.verdict} (overrides: " \
           f"{{{report.verdict}: never}})"


def check_id() -> str:
    """A new check's id: 32 hex digits, the time in milliseconds then 80 random bits.

    Time first, so that each insert lands at the end of the primary-key index rather than on a
    random page of it: half the CPU of a random id per SQLite commit on a table of 50,000
    checks, and the gap grows with the table. 80 random bits still cannot be guessed.
    """
    return f"{time.time_ns() // 1_000_000:012x}{os.urandom(10).hex()}"


class RecordMaker:
    """Builds the audit records of one pack's checks (what every check shares, looked up once)."""

    def __init__(self, rules: list[Rule], settings: Settings, secret: bytes) -> None:
        self.rules = {r.id: r for r in rules}
        self.settings = settings
        self.secret = secret
        self.redact = settings.audit_text == "redacted"

    def record(self, report: Report, text: str, who: str) -> CheckRecord:
        """The audit record of one check."""
        # Built on every check, on the event loop: cheap calls only (see docs/audit.md).
        return CheckRecord(
            check_id(),
            now(),
            who,
            report.policy.name,
            report.policy.digest,
            report.verdict,
            report.score,
            " ".join(sorted({f.rule for f in report.findings})),
            report.length.platform,
            len(text),
            text_hmac(self.secret, text),
            redacted_text(report, text) if self.redact else None,
            report.period,
            override_decision(report, self.rules, self.settings),
        )


def valid_reason(reason: object) -> str | None:
    """What is wrong with an override reason, or None when it will do."""
    if not isinstance(reason, str) or len(reason.strip()) < REASON_MIN:
        return f"'reason' must be text of {REASON_MIN}+ characters: the business justification"
    return None
