"""Signed receipts: an Ed25519 signature that this exact text was checked with this outcome.

The signed payload is canonical JSON (sorted keys, no spaces) of: the SHA-256 of the NFC text,
platform, policy digest, verdict, finding rule ids, override reason and time. A publishing
step holding only the public key can refuse any text edited after its check.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import unicodedata
from pathlib import Path
from typing import Any

from guard.errors import UsageError
from guard.models import Report

KEY_ENV = "GUARD_SIGNING_KEY"
SIGNED = ("v", "alg", "key", "text_sha256", "platform", "policy", "verdict", "findings",
          "override", "time")


def text_sha256(text: str) -> str:
    """The SHA-256 of the draft in NFC, hex."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def _canonical(payload: dict[str, Any]) -> bytes:
    body = {k: payload[k] for k in SIGNED}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _fingerprint(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


class Signer:
    """Signs receipts with a PKCS#8 Ed25519 private key."""

    def __init__(self, pem: bytes, where: str) -> None:
        try:
            from cryptography.hazmat.primitives import serialization
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        except ImportError:
            raise UsageError("signed receipts need the audit extra (cryptography is not "
                             "installed): pip install 'tweet-guard[audit]'") from None
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except (ValueError, TypeError) as exc:
            raise UsageError(f"{where}: not an unencrypted PEM private key ({exc}); make one "
                             "with: openssl genpkey -algorithm ed25519 -out signing.pem") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise UsageError(f"{where}: the key is {type(key).__name__.removesuffix('PrivateKey')}"
                             ", not Ed25519: openssl genpkey -algorithm ed25519 -out signing.pem")
        self._key = key
        raw = key.public_key().public_bytes(serialization.Encoding.Raw,
                                            serialization.PublicFormat.Raw)
        self.key_id = _fingerprint(raw)

    @classmethod
    def load(cls, path: str | None) -> Signer | None:
        """The signer of `--signing-key PATH` or $GUARD_SIGNING_KEY (a path or the PEM itself)."""
        value = path or os.environ.get(KEY_ENV, "").strip()
        if not value:
            return None
        if value.startswith("-----BEGIN"):
            return cls(value.encode(), f"${KEY_ENV}")
        try:
            return cls(Path(value).read_bytes(), value)
        except OSError as exc:
            raise UsageError(f"cannot read the signing key '{value}': {exc.strerror}") from None

    def sign(self, report: Report, text: str, override: str | None = None,
             at: dt.datetime | None = None) -> dict[str, Any]:
        """The receipt of a report: the signed fields and the base64 signature."""
        moment = at or dt.datetime.now(dt.timezone.utc)
        payload: dict[str, Any] = {
            "v": 1,
            "alg": "ed25519",
            "key": self.key_id,
            "text_sha256": text_sha256(text),
            "platform": report.length.platform,
            "policy": report.policy.digest,
            "verdict": report.verdict,
            "findings": [f.rule for f in report.findings],
            "override": override,
            "time": moment.astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        payload["signature"] = base64.b64encode(self._key.sign(_canonical(payload))).decode()
        return payload


def verify(receipt: Any, text: str, public_pem: bytes) -> str | None:
    """None when the receipt is genuine and the text is the one checked, else what is wrong."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if isinstance(receipt, dict) and isinstance(receipt.get("receipt"), dict):
        receipt = receipt["receipt"]  # a whole /v1/check answer
    if not isinstance(receipt, dict) or any(k not in receipt for k in (*SIGNED, "signature")):
        raise ValueError("not a receipt: expected the JSON object of a check's 'receipt'")
    try:
        key = serialization.load_pem_public_key(public_pem)
    except ValueError as exc:
        raise ValueError(f"not a PEM public key: {exc}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("the public key is not Ed25519")
    try:
        key.verify(base64.b64decode(receipt["signature"], validate=True), _canonical(receipt))
    except (InvalidSignature, ValueError):
        return "the signature does not match: the receipt was altered or signed by another key"
    if receipt["text_sha256"] != text_sha256(text):
        return "the text is not the one that was checked (it was edited after its check)"
    return None
