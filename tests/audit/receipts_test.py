"""Signed receipts: allow/warn answers carry one; `guard verify` holds the text to it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")
pytest.importorskip("cryptography")

from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from guard.audit.receipts import Signer  # noqa: E402
from guard.audit.store import AuditStore  # noqa: E402
from guard.engine import Guard  # noqa: E402
from guard.serve.app import PackWatcher, ServerConfig, create_app  # noqa: E402
from guard.serve.compliance import Compliance  # noqa: E402
from tests.audit.conftest import SECRET  # noqa: E402
from tests.audit.packs import LOOP_PACK  # noqa: E402
from tests.conftest import Run  # noqa: E402
from tests.serve.server_test import serving  # noqa: E402

DRAFT = "Café crème à Paris 🥐 — vu le Falcon Heavy décoller"  # accents, emoji: NFC matters


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    """A fresh Ed25519 key pair as PKCS#8 / SubjectPublicKeyInfo PEM files."""
    key = Ed25519PrivateKey.generate()
    private, public = tmp_path / "signing.pem", tmp_path / "public.pem"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    return private, public


def _app(pack: Path, signing: Path, store: AuditStore | None = None):
    def build() -> Guard:
        return Guard.from_files([str(pack)], nlp=False, today=dt.date(2026, 11, 2))

    compliance = Compliance(audit=store, secret=SECRET.encode(),
                            signer=Signer.load(str(signing)))
    return create_app(PackWatcher(build(), build), ServerConfig(compliance=compliance),
                      watch=False)


def test_a_receipt_verifies_and_fails_after_a_one_character_edit(
    keys: tuple[Path, Path], write_pack: Callable[..., Path], cli: Callable[..., Run],
    tmp_path: Path,
) -> None:
    private, public = keys
    pack = write_pack(LOOP_PACK, "acme.yaml")
    with serving(_app(pack, private)) as base:
        answer = httpx.post(f"{base}/v1/check", json={"text": DRAFT, "platform": "mastodon"},
                            timeout=30).json()
        blocked = httpx.post(f"{base}/v1/check", json={"text": "Kestrel ships"},
                             timeout=30).json()
    assert answer["verdict"] == "allow"
    receipt = answer["receipt"]
    assert (receipt["alg"], receipt["platform"], receipt["verdict"], receipt["findings"],
            receipt["override"], receipt["policy"]) == (
        "ed25519", "mastodon", "allow", [], None, answer["policy"]["digest"])
    assert "receipt" not in blocked  # a blocked draft gets no receipt
    (tmp_path / "answer.json").write_text(json.dumps(answer), encoding="utf-8")
    (tmp_path / "receipt.json").write_text(json.dumps(receipt), encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    ok = cli("verify", "receipt.json", "--text", "draft.txt", "--key", str(public))
    assert (ok.code, ok.out) == (0, f"verified: allow under policy {receipt['policy']} at "
                                    f"{receipt['time']}\n")
    assert cli("verify", "answer.json", "--text", "draft.txt", "--key", str(public)).code == 0
    # The same text in NFD (how some editors save accents) is the same text.
    import unicodedata

    (tmp_path / "nfd.txt").write_text(unicodedata.normalize("NFD", DRAFT), encoding="utf-8")
    assert cli("verify", "receipt.json", "--text", "nfd.txt", "--key", str(public)).code == 0

    (tmp_path / "edited.txt").write_text(DRAFT.replace("Heavy", "Heavx"), encoding="utf-8")
    edited = cli("verify", "receipt.json", "--text", "edited.txt", "--key", str(public))
    assert (edited.code, edited.out) == (1, "NOT VERIFIED: the text is not the one that was "
                                            "checked (it was edited after its check)\n")
    forged = dict(receipt, verdict="allow", platform="x")
    (tmp_path / "forged.json").write_text(json.dumps(forged), encoding="utf-8")
    run = cli("verify", "forged.json", "--text", "draft.txt", "--key", str(public))
    assert run.code == 1 and "the signature does not match" in run.out
    other = Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    (tmp_path / "other.pem").write_bytes(other)
    assert cli("verify", "receipt.json", "--text", "draft.txt", "--key", "other.pem").code == 1

    (tmp_path / "junk.json").write_text("{not json", encoding="utf-8")
    assert cli("verify", "junk.json", "--text", "draft.txt", "--key", str(public)).code == 2
    assert cli("verify", "receipt.json", "--text", "missing.txt", "--key", str(public)).code == 2
    assert cli("verify", "receipt.json", "--text", "draft.txt", "--key", "draft.txt").code == 2


def test_an_accepted_override_is_signed_with_its_reason(
    keys: tuple[Path, Path], write_pack: Callable[..., Path], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GUARD_AUDIT_SECRET", SECRET)
    pack = write_pack(LOOP_PACK, "acme.yaml")
    store = AuditStore(str(tmp_path / "a.db"))
    with serving(_app(pack, keys[0], store)) as base:
        warn = httpx.post(f"{base}/v1/check", json={"text": "Lunch with Globex",
                                                    "override": "client approved"},
                          timeout=30).json()
        block = httpx.post(f"{base}/v1/check", json={"text": "Kestrel ships",
                                                     "override": "please"}, timeout=30).json()
    assert warn["verdict"] == "warn" and warn["override"]["accepted"] is True
    assert (warn["receipt"]["override"], warn["receipt"]["findings"]) == (
        "client approved", ["client.globex"])
    assert block["override"]["accepted"] is False and "receipt" not in block


def test_a_key_that_is_not_ed25519_is_a_usage_error(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    from guard.errors import UsageError

    pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    (tmp_path / "ec.pem").write_bytes(pem)
    with pytest.raises(UsageError, match="not Ed25519: openssl genpkey -algorithm ed25519"):
        Signer.load(str(tmp_path / "ec.pem"))
