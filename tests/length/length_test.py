"""Length counting: the twitter-text conformance cases, the guard's own choices, properties."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from guard.errors import UsageError
from guard.length import emoji as shipped_emoji
from guard.length.measure import PLATFORMS, STABLE_FILE, V1, V3, TwitterConfig, measure, parse_tweet
from guard.length.urls import extract_urls
from tests.scripts import ROOT, load_script

CONFORMANCE = ROOT / "tests" / "data" / "twitter-text"
V2 = TwitterConfig(max_length=280, scale=100, default_weight=200, light_weight=100, emoji=False)


@cache
def _yaml(name: str) -> dict[str, Any]:
    return yaml.safe_load((CONFORMANCE / name).read_text(encoding="utf-8"))["tests"]


def _cases(name: str, *groups: str) -> list[Any]:
    return [
        pytest.param(group, case, id=f"{group}:{case['description']}")
        for group in groups
        for case in _yaml(name)[group]
    ]


@pytest.mark.parametrize(("group", "case"), _cases("validate.yml", "tweets"))
def test_tweets_validity_v1(group: str, case: dict[str, Any]) -> None:
    assert parse_tweet(case["text"], V1)["valid"] is case["expected"]


WEIGHTED = {
    "WeightedTweetsCounterTest": V2,
    "WeightedTweetsWithDiscountedEmojiCounterTest": V3,
    "UnicodeDirectionalMarkerCounterTest": V3,
}


@pytest.mark.parametrize(("group", "case"), _cases("validate.yml", *WEIGHTED))
def test_weighted_length_cases(group: str, case: dict[str, Any]) -> None:
    assert parse_tweet(case["text"], WEIGHTED[group]) == case["expected"]


@pytest.mark.parametrize(
    ("group", "case"),
    _cases("validate.yml", "WeightedTweetsWithDiscountedEmojiCounterTest",
           "UnicodeDirectionalMarkerCounterTest"),
)
def test_measure_agrees_with_the_v3_cases(group: str, case: dict[str, Any]) -> None:
    length = measure(case["text"], "x")
    assert length.weighted == case["expected"]["weightedLength"]
    assert length.fits is case["expected"]["valid"]
    assert (length.overflow_at is None) is length.fits


URL_GROUPS = ("urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params")


@pytest.mark.parametrize(("group", "case"), _cases("extract.yml", *URL_GROUPS))
def test_url_extraction_cases(group: str, case: dict[str, Any]) -> None:
    found = extract_urls(case["text"])
    if case["expected"] and isinstance(case["expected"][0], dict):
        assert [{"url": u, "indices": [s, e]} for u, s, e in found] == case["expected"]
    else:
        assert [u for u, _, _ in found] == case["expected"]


@pytest.mark.parametrize(("group", "case"), _cases("tlds.yml", "country", "generic"))
def test_every_listed_tld_makes_a_url(group: str, case: dict[str, Any]) -> None:
    assert [u for u, _, _ in extract_urls(case["text"])] == case["expected"]


@pytest.mark.parametrize(
    ("text", "platform", "weighted"),
    [
        ("hello", "x", 5),
        ("日本語", "x", 6),
        ("👍🏽", "x", 2),  # emoji + skin tone: one emoji
        ("👨‍👩‍👧‍👦", "x", 2),
        ("🧑‍💻", "x", 5),  # Emoji 12.1: the reference counts 🧑 + ZWJ + 💻
        ("❤️‍🔥", "x", 5),  # Emoji 13.1: ❤️ (one emoji) + ZWJ + 🔥
        ("1️⃣ 🇫🇷", "x", 5),
        ("©", "x", 1),
        ("©️", "x", 2),
        ("e\u0301", "x", 1),  # NFC first
        ("see https://example.com/a/very/long/path/indeed ok", "x", 30),
        ("t.co/abc", "x", 23),
        ("a\u202ab", "x", 4),
        ("👍🏽", "x-classic", 2),  # v1: one per code point
        ("https://example.com/a/very/long/path/indeed", "x-classic", 23),
        ("https://example.com/a/very/long/path/indeed", "mastodon", 23),
        ("example.com", "mastodon", 11),  # Mastodon discounts only http(s) URLs
        ("hi @jane@mastodon.social", "mastodon", 8),
        ("👨‍👩‍👧‍👦 e\u0301", "bluesky", 3),
        ("a\r\nb", "bluesky", 3),
    ],
)
def test_weighted_examples(text: str, platform: str, weighted: int) -> None:
    assert measure(text, platform).weighted == weighted


def test_platforms_and_limits() -> None:
    assert PLATFORMS == {"x": 280, "x-classic": 140, "mastodon": 500, "bluesky": 300}
    for platform, limit in PLATFORMS.items():
        length = measure("ok", platform)
        assert (length.platform, length.limit, length.fits, length.overflow_at) == (
            platform, limit, True, None)


def test_unknown_platform_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown platform"):
        measure("hi", "myspace")


def test_empty_draft_fits_with_length_zero() -> None:
    assert measure("").weighted == 0
    assert measure("").fits
    assert not parse_tweet("")["valid"]  # the reference calls it invalid: nothing to post


def test_invalid_character_stops_the_fit_where_it_is() -> None:
    length = measure("ok \ufeff then")
    assert (length.fits, length.overflow_at, length.weighted) == (False, 3, 10)


@pytest.mark.parametrize("platform", ["x", "x-classic"])
def test_overflow_at_the_first_character_past_the_limit(platform: str) -> None:
    limit = PLATFORMS[platform]
    assert measure("a" * limit, platform).fits
    length = measure("a" * (limit + 5), platform)
    assert (length.weighted, length.fits, length.overflow_at) == (limit + 5, False, limit)


def test_overflow_counts_wide_characters_and_urls_whole() -> None:
    assert measure("日" * 141).overflow_at == 140
    text = "a" * 270 + " https://example.com/x"
    assert measure(text).overflow_at == 271  # the URL would take 23: it starts the excess


def test_overflow_maps_back_through_nfc() -> None:
    text = "e\u0301" * 300  # NFD: 600 code points, 300 after NFC
    length = measure(text)
    assert (length.weighted, length.overflow_at) == (300, 560)
    assert measure(text[:560]).fits


def test_mastodon_and_bluesky_overflow() -> None:
    assert measure("é" * 501, "mastodon").overflow_at == 500
    text = "https://example.com/x " + "é" * 480  # 23 + 1 + 480 graphemes
    length = measure(text, "mastodon")
    assert (length.weighted, length.overflow_at) == (504, 22 + 476)
    assert measure("a" * 301, "bluesky").overflow_at == 300
    assert measure("€" * 1001, "bluesky").overflow_at == 300


def test_bluesky_byte_limit_alone() -> None:
    text = "\U0001f600" * 250 + "\u0301" * 1200  # 250 graphemes, 1000 + 2400 bytes
    length = measure(text, "bluesky")
    assert length.weighted == 250
    assert not length.fits
    assert length.overflow_at == 249


def test_shipped_tld_list_is_the_conformance_one() -> None:
    tld_file = load_script("tools/build_urls.py").TLD_FILE
    assert tld_file.read_bytes() == (CONFORMANCE / "tld_lib.yml").read_bytes()


def test_shipped_url_patterns_are_up_to_date() -> None:
    import json
    import unicodedata

    pattern_file = load_script("tools/build_urls.py").PATTERN_FILE
    shipped = json.loads(pattern_file.read_text(encoding="ascii"))
    if shipped["unidata_version"] != unicodedata.unidata_version:
        pytest.skip(f"file built with Unicode {shipped['unidata_version']}, this Python has "
                    f"{unicodedata.unidata_version}: rebuild it only with the same tables")
    assert shipped == load_script("tools/build_urls.py").build()


def test_shipped_emoji_pattern_is_built_from_the_emoji_package() -> None:
    from importlib.metadata import version

    built, installed = shipped_emoji.built_with(), version("emoji")
    if installed != built:
        pytest.skip(f"file built with emoji {built}, installed {installed}: regenerate with"
                    " python -m guard.length.emoji and compare")
    built = load_script("tools/build_emoji.py").build_pattern()
    assert "\n".join(shipped_emoji.load_pattern()) == built


def test_shipped_nfc_table_matches_this_python() -> None:
    from guard.length.measure import build_stable_starters

    with open(STABLE_FILE, encoding="ascii") as fh:
        header, body = fh.read().splitlines()
    if header.split()[-1] != unicodedata.unidata_version:
        pytest.skip(f"table built for Unicode {header.split()[-1]}, not this Python's")
    assert body == build_stable_starters()


def test_importing_the_length_module_loads_no_tables() -> None:
    import subprocess
    import sys

    code = (
        "import sys, guard.length.measure as L, guard.length.urls as U; "
        "print('emoji' in sys.modules, L._rx.cache_info().currsize, "
        "L._emoji.cache_info().currsize, U._patterns.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "0", "0", "0"]


PLAIN = st.text(st.characters(categories=["L", "Nd", "Zs"]), max_size=400)
# Every category, lone surrogates included (a str from JSON can hold them).
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=700)


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT, platform=st.sampled_from(sorted(PLATFORMS)))
def test_measure_never_crashes_and_overflow_is_in_range(text: str, platform: str) -> None:
    length = measure(text, platform)
    assert length.weighted >= 0
    assert (length.overflow_at is None) is length.fits
    if length.overflow_at is not None:
        assert 0 <= length.overflow_at <= len(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(exclude_categories=(), exclude_characters="."), max_size=700),
       platform=st.sampled_from(sorted(PLATFORMS)))
def test_the_part_before_overflow_fits(text: str, platform: str) -> None:
    # Without a '.' there is no URL, which a cut could otherwise create (example.co|m).
    length = measure(text, platform)
    if length.overflow_at is not None:
        assert measure(text[: length.overflow_at], platform).fits


@settings(max_examples=300, deadline=None)
@given(head=PLAIN, tail=PLAIN, platform=st.sampled_from(sorted(PLATFORMS)))
def test_adding_plain_text_never_shortens(head: str, tail: str, platform: str) -> None:
    assert measure(head + tail, platform).weighted >= measure(head, platform).weighted


@settings(max_examples=200, deadline=None)
@given(text=ANY_TEXT)
def test_measure_agrees_with_parse_tweet(text: str) -> None:
    for platform, config in (("x", V3), ("x-classic", V1)):
        ref = parse_tweet(text, config)
        length = measure(text, platform)
        assert length.weighted == ref["weightedLength"]
        if text:
            assert length.fits is ref["valid"]
