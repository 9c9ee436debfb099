"""guard.digest is BLAKE2b-256 as hashlib computes it (the pack cache's checksums and the
digests of the files a pack was read from depend on it), and a cached pack is reused only
while every file it was read from is unchanged, a file named by several rules included."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from guard.digest import digest, hexdigest

AWKWARD = ["", "hello", "café crème, à bientôt", "工厂 内部消息", "🤫👩🏽\u200d💻",
           "p\u0430ypal (a Cyrillic \u0430)", "ß" * 10_000, "x" * 1_000_003]


def _blake(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


def test_the_same_digests_as_hashlib_on_awkward_text():
    for text in AWKWARD:
        data = text.encode("utf-8", "surrogatepass")
        assert digest(data) == _blake(data)
        assert hexdigest(data) == _blake(data).hex()


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=5000))
def test_the_same_digests_as_hashlib_on_any_bytes(data):
    assert digest(data) == _blake(data)


def test_a_model_file_named_by_several_rules_is_recorded_once_and_checked(tmp_path, monkeypatch):
    import pickle

    from guard.packs import cache

    monkeypatch.setenv("GUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GUARD_NO_CACHE", raising=False)
    first = cache.load_cached(["default"])
    (entry,) = (tmp_path / "cache").glob("pack-*.pickle")
    record = pickle.loads(entry.read_bytes()[cache._SUM:])
    paths = [path for path, _ in record["inputs"]]
    assert len(paths) == len(set(paths))
    assert any(p.endswith("marker-veto.json") for p in paths)
    assert all(known == hexdigest(Path(p).read_bytes()) for p, known in record["inputs"])
    again = cache.load_cached(["default"])  # read back: the same rules
    assert [r.id for r in again.rules] == [r.id for r in first.rules]
