"""Differential tests: the guard's `x`/`x-classic` counts against the official twitter-text 3.1.0.

The npm package runs under node in ONE process per batch (JSON in, JSON out, see
tests/data/twitter-text/parse_batch.js). It is installed by CI's set-up, never by the tests:
`npm install --prefix tests/.node --no-save --no-package-lock twitter-text@3.1.0`.
Without node or the package these tests skip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from functools import cache
from typing import Any

import pytest

from guard.length.measure import V1, V3, _find_emoji, measure, parse_tweet
from guard.length.urls import code_points, extract_url_units, units
from tests.length.length_drafts import drafts, odd_drafts
from tests.scripts import ROOT

NODE_PREFIX = ROOT / "tests" / ".node"
ORACLE = ROOT / "tests" / "data" / "twitter-text" / "parse_batch.js"
REAL_POSTS = ROOT.parent / "shared" / "corpora" / "real_posts.jsonl"
SEED, GENERATED, ODD = 20260311, 6000, 3000

pytestmark = pytest.mark.node


def _reference_version() -> str | None:
    """'twitter-text version/twemoji-parser version' as installed, None when missing."""
    found = []
    for name in ("twitter-text", "twemoji-parser"):
        package = NODE_PREFIX / "node_modules" / name / "package.json"
        if shutil.which("node") is None or not package.exists():
            return None
        found.append(json.loads(package.read_text(encoding="utf-8"))["version"])
    return "/".join(found)


def _skip_without_reference() -> None:
    version = _reference_version()
    if version is None:
        pytest.skip("node or twitter-text@3.1.0 missing: npm install --prefix tests/.node "
                    "--no-save --no-package-lock twitter-text@3.1.0")
    if version != "3.1.0/11.0.2":
        pytest.skip(f"tests/.node holds twitter-text/twemoji-parser {version}, not 3.1.0/11.0.2")


def _oracle(texts: list[str], *mode: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        ["node", str(ORACLE), str(NODE_PREFIX), *mode], input=json.dumps(texts),
        capture_output=True, text=True, check=True, timeout=300,
    )
    return json.loads(done.stdout)


@cache
def _corpus() -> tuple[list[str], list[dict[str, Any]]]:
    texts = drafts(SEED, GENERATED) + odd_drafts(SEED, ODD)
    if REAL_POSTS.exists():
        with REAL_POSTS.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for line in lines]
    return texts, _oracle(texts)


@pytest.fixture(scope="module")
def corpus() -> tuple[list[str], list[dict[str, Any]]]:
    """Generated drafts (and the real posts when shared/ is there) with the reference's answers."""
    _skip_without_reference()
    return _corpus()


def _no_mismatch(mismatches: list[str], compared: int) -> None:
    assert not mismatches, f"{len(mismatches)} of {compared} drafts differ:\n" + "\n".join(
        mismatches[:8])


@pytest.mark.parametrize(("key", "config"), [("v3", V3), ("v1", V1)])
def test_parse_tweet_equals_the_reference(corpus: Any, key: str, config: Any) -> None:
    texts, ref = corpus
    mismatches = [
        f"{text!r}\n  guard {mine}\n  ref   {r[key]}"
        for text, r in zip(texts, ref, strict=True)
        if (mine := parse_tweet(text, config)) != r[key]
    ]
    assert len(texts) >= GENERATED + ODD
    _no_mismatch(mismatches, len(texts))


def _expected_overflow(text: str, ref: dict[str, Any], valid_end_in_nfc: int) -> int | None:
    """The reference's first unfitting code point in NFC(text), from its valid range."""
    if ref["valid"] or not text:
        return None
    nfc = unicodedata.normalize("NFC", text)
    fit_units = 0 if nfc[0] in "\ufffe\ufeff\uffff" else valid_end_in_nfc + 1
    # UTF-16 offset -> Python index: only real astral characters take two units (two lone
    # surrogates in a row are two Python characters, though JS sees one pair).
    index = used = 0
    while used < fit_units:
        used += 2 if ord(nfc[index]) > 0xFFFF else 1
        index += 1
    return index


@pytest.mark.parametrize(("platform", "key"), [("x", "v3"), ("x-classic", "v1")])
def test_overflow_is_where_the_reference_stops(corpus: Any, platform: str, key: str) -> None:
    texts, ref = corpus
    mismatches = []
    for text, r in zip(texts, ref, strict=True):
        expected = _expected_overflow(text, r[key], r[f"{key}nfc"])
        got = measure(text, platform).overflow_at
        if text == unicodedata.normalize("NFC", text):
            ok = got == expected
        else:  # mapped back through NFC: the same point, or the start of its composed character
            nfc = unicodedata.normalize("NFC", text)
            ok = (got is None) is (expected is None) and (
                got is None or (nfc.startswith(kept := unicodedata.normalize("NFC", text[:got]))
                                and len(kept) <= expected and expected - len(kept) <= 1))
        if not ok:
            mismatches.append(f"{text!r}: guard {got}, reference {expected}")
    _no_mismatch(mismatches, len(texts))


def test_urls_equal_the_reference(corpus: Any) -> None:
    texts, ref = corpus
    mismatches = []
    for text, r in zip(texts, ref, strict=True):
        mine = [[code_points(e.url), e.start, e.end] for e in extract_url_units(units(text))]
        if mine != r["urls"]:
            mismatches.append(f"{text!r}\n  guard {mine}\n  ref   {r['urls']}")
    _no_mismatch(mismatches, len(texts))


def test_emoji_equal_the_reference(corpus: Any) -> None:
    texts, ref = corpus
    mismatches = []
    for text, r in zip(texts, ref, strict=True):
        mine = _emoji_spans(text)
        if mine != r["emoji"]:
            mismatches.append(f"{text!r}\n  guard {mine}\n  ref   {r['emoji']}")
    _no_mismatch(mismatches, len(texts))


def _emoji_spans(text: str) -> list[list[int]]:
    return [[start, start + size] for start, size in sorted(_find_emoji(units(text)).items())]


def _emoji_candidates() -> list[str]:
    """Every sequence the emoji package knows, each emoji-ish code point, and each with the
    suffixes that change what twemoji matches (VS15/VS16, tones, ZWJ tails, keycap)."""
    import emoji

    tones = [chr(c) for c in range(0x1F3FB, 0x1F400)]
    suffixes = ["", "\ufe0e", "\ufe0f", "\ufe0f\ufe0e", "\u20e3", "\ufe0f\u20e3",
                "\u200d\u2640\ufe0f", "\ufe0f\u200d\u2642\ufe0f", "\u200d\U0001f5e8",
                "\U0001f3fb\u200d\u2640\ufe0f", "\ufe0e\U0001f3fd",
                *tones, *("\ufe0f" + t for t in tones)]
    bases = set(emoji.EMOJI_DATA)
    for lo, hi in [(0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x3300), (0xE000, 0xE100),
                   (0xFE00, 0xFE10), (0x1F000, 0x1FB00), (0xE0020, 0xE0080)]:
        bases.update(map(chr, range(lo, hi)))
    found = {f" {b}{s} x" for b in bases for s in suffixes}
    found.update(f" {e.replace(chr(0xFE0F), '')} " for e in emoji.EMOJI_DATA)
    found.update(e + e for e in emoji.EMOJI_DATA)
    return sorted(found)


def test_emoji_pattern_equals_twemoji_on_every_known_sequence() -> None:
    _skip_without_reference()
    candidates = _emoji_candidates()
    ref = _oracle(candidates, "emoji")
    mismatches = [
        f"{text!r}: guard {mine}, ref {r['emoji']}"
        for text, r in zip(candidates, ref, strict=True)
        if (mine := _emoji_spans(text)) != r["emoji"]
    ]
    assert len(candidates) > 200_000
    _no_mismatch(mismatches, len(candidates))
