"""guard.sha gives hashlib's SHA-256 digests (the pack cache's checksums and input digests, the
events cue index's code fingerprint and redacted findings' fingerprints depend on it)."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from guard.sha import sha256

AWKWARD = ["", "hello", "café crème, à bientôt", "工厂 内部消息", "🤫👩🏽‍💻",
           "p\u0430ypal (a Cyrillic \u0430)", "ß" * 10_000, "x" * 1_000_003]


def test_the_same_digests_as_hashlib_on_awkward_text():
    for text in AWKWARD:
        data = text.encode("utf-8", "surrogatepass")
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
        assert sha256(data).digest() == hashlib.sha256(data).digest()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=5000))
def test_the_same_digests_as_hashlib_on_any_bytes(data):
    assert sha256(data).digest() == hashlib.sha256(data).digest()


def test_an_incremental_hash_is_the_same():
    h = sha256()
    for part in (b"a", b"", "é".encode(), b"z" * 70_000):
        h.update(part)
    assert h.hexdigest() == hashlib.sha256(b"a" + "é".encode() + b"z" * 70_000).hexdigest()
