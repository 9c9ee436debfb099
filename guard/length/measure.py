"""A draft's length as each platform counts it (`measure`).

`x` is twitter-text 3.1.0 `parseTweet` with config v3 and `x-classic` with config v1, exactly:
NFC first; weight 1 for U+0000..U+10FF, U+2000..U+200D, U+2010..U+201F, U+2032..U+2037 and 2 for
everything else (v1: 1 for all); each URL 23 (twitter-text's own extraction, `urls.py`); in v3
each emoji sequence the reference knows counts 2 once. The reference's emoji data stops at Emoji
11.0: newer sequences (🧑‍💻, ❤️‍🔥, 🫶🏽...) count code point by code point there, and here too, on
purpose, since users compare with the composer (`guard.length.emoji`, docs/length.md).
`parse_tweet` returns the reference's own fields, for the conformance and differential tests.

Choices for the guard (`Length.fits` is about length, the engine judges emptiness):
- An empty draft fits (weighted 0); twitter-text calls it invalid because there is nothing to post.
- U+FFFE, U+FEFF and U+FFFF make the draft invalid, as in the reference: `fits` is False and
  `overflow_at` points at the first of them (the composer stops its valid range there). Bidi
  controls (U+202A..202E, U+2066..2069, LRM/RLM, ALM) are valid and weigh 2, as the reference's
  `UnicodeDirectionalMarkerCounterTest` says.
- `overflow_at` is a code-point offset into the draft as given, not the NFC text: the first
  character past the reference's valid range, mapped back through NFC at the boundaries NFC
  cannot move (a composed "é" maps to its "e"). Cutting there is what the composer greys out; a
  re-measured prefix can differ when the cut makes new URL text (`example.co` out of `example.com`).

`mastodon` counts grapheme clusters with each `http(s)://` URL as 23 and `@user@domain` as `@user`
(Mastodon's compose counter); `bluesky` counts grapheme clusters, at most 300 and 3000 UTF-8 bytes.
Tables load on the first `measure`; importing this module costs next to nothing.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any, NamedTuple

from guard.errors import UsageError
from guard.length.platforms import LIMITS
from guard.length.urls import extract_url_units, protocol_url_spans, units
from guard.models import Length
from guard.record import record

PLATFORMS = LIMITS
BLUESKY_MAX_BYTES = 3000
# A str, not a Path: a cold check does not import pathlib (≈ 4 ms).
STABLE_FILE = os.path.join(os.path.dirname(__file__), "data", "nfc_stable_starters.txt")
URL_LENGTH = 23


@record
class TwitterConfig:
    """A twitter-text configuration (config/v1.json, v3.json)."""

    max_length: int
    scale: int
    default_weight: int
    light_weight: int
    emoji: bool
    url_length: int = URL_LENGTH


V1 = TwitterConfig(max_length=140, scale=1, default_weight=1, light_weight=1, emoji=False)
V3 = TwitterConfig(max_length=280, scale=100, default_weight=200, light_weight=100, emoji=True)
_CONFIGS = {"x": V3, "x-classic": V1}

_LIGHT = "\x00-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037"


class _Rx(NamedTuple):
    heavy: re.Pattern[str]
    pair: re.Pattern[str]
    surrogate: re.Pattern[str]
    invalid: re.Pattern[str]
    astral: re.Pattern[str]
    mention: re.Pattern[str]


@lru_cache(maxsize=1)
def _rx() -> _Rx:
    # Compiled on first use, not at import: `import guard.length.measure` stays near free.
    return _Rx(
        heavy=re.compile(f"[^{_LIGHT}]"),
        pair=re.compile("[\ud800-\udbff][\udc00-\udfff]"),
        surrogate=re.compile("[\ud800-\udfff]"),
        invalid=re.compile("[\ufffe\ufeff\uffff]"),
        astral=re.compile("[\U00010000-\U0010ffff]"),
        mention=re.compile(r"(^|[^/\w])@(([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]+)", re.I | re.A),
    )


# Starters that NFC can still compose with the character before them (Unicode 14 data).
_COMPOSES_BACKWARD = frozenset(
    "\u09be\u09d7\u0b3e\u0b56\u0b57\u0bbe\u0bd7\u0cc2\u0cd5\u0cd6\u0d3e\u0d57\u0dcf\u0ddf\u102e"
    "\u1b35\U00011127\U0001133e\U00011357\U000114b0\U000114ba\U000114bd\U000115af\U00011930"
    + "".join(map(chr, range(0x1161, 0x1176)))
    + "".join(map(chr, range(0x11A8, 0x11C3)))
)


@lru_cache(maxsize=1)
def _emoji() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from guard.length.emoji import load_pattern

    pattern, first = load_pattern()
    return re.compile(pattern), re.compile(first)


def _find_emoji(text_units: str) -> dict[int, int]:
    """Start -> length of each emoji, as `finditer` would find them. A C-speed scan for the units
    an emoji can start with spares trying the whole pattern at every position."""
    pattern, first = _emoji()
    if "\u20e3" in text_units:  # keycaps start with ASCII: scan every position
        return {m.start(): m.end() - m.start() for m in pattern.finditer(text_units)}
    found: dict[int, int] = {}
    pos = 0
    while (hit := first.search(text_units, pos)) is not None:
        m = pattern.match(text_units, hit.start())
        if m is None:
            pos = hit.start() + 1
            continue
        found[m.start()] = m.end() - m.start()
        pos = m.end()
    return found


@lru_cache(maxsize=1)
def _grapheme() -> Any:
    import regex  # its import and the \X compile cost ~10 ms: only for mastodon and bluesky

    return regex.compile(r"\X")


def _plain_weight(seg: str, cfg: TwitterConfig) -> int:
    """Weight of text without entities; a surrogate pair is one character, weighed by its
    low surrogate as the reference does (so every astral character takes the default weight)."""
    if seg.isascii():
        return len(seg) * cfg.light_weight
    rx = _rx()
    pairs = len(rx.pair.findall(seg)) if rx.surrogate.search(seg) else 0
    chars = len(seg) - pairs
    heavy = len(rx.heavy.findall(seg)) - pairs
    return (chars - heavy) * cfg.light_weight + heavy * cfg.default_weight


def _entities(text_units: str, cfg: TwitterConfig) -> tuple[dict[int, int], dict[int, int]]:
    """Where URLs and emoji start (unit offset) and how many units parseTweet skips for each."""
    urls = {e.start: len(e.url) for e in extract_url_units(text_units)}
    emoji: dict[int, int] = {}
    if cfg.emoji and not text_units.isascii():
        emoji = _find_emoji(text_units)
    return urls, emoji


def _tokens(
    text_units: str, urls: dict[int, int], emoji: dict[int, int], cfg: TwitterConfig
) -> list[tuple[int, int, int, bool]]:
    """The reference's walk as (start, end, weight, is plain run): URLs and emoji are single
    tokens; the plain characters between them are grouped into runs."""
    tokens: list[tuple[int, int, int, bool]] = []
    pos = 0
    for start in sorted(urls.keys() | emoji.keys()):
        if start < pos:
            continue  # inside an entity already counted, as the reference skips it
        if start > pos:
            tokens.append((pos, start, _plain_weight(text_units[pos:start], cfg), True))
        if start in urls:
            pos = start + urls[start]
            tokens.append((start, pos, cfg.url_length * cfg.scale, False))
        else:
            pos = start + emoji[start]
            tokens.append((start, pos, cfg.default_weight, False))
    if pos < len(text_units):
        tokens.append((pos, len(text_units), _plain_weight(text_units[pos:], cfg), True))
    return tokens


def _valid_prefix(text_units: str, tokens: list[tuple[int, int, int, bool]],
                  cfg: TwitterConfig) -> int:
    """How many units the reference's loop accepts before the total passes the limit or it meets
    an invalid character (never inside a URL or an emoji, so the two stops simply combine)."""
    limit = cfg.max_length * cfg.scale
    total, fit = 0, len(text_units)
    for start, end, weight, plain in tokens:
        if total + weight > limit:
            fit = start + (_bisect_fit(text_units[start:end], limit - total, cfg) if plain else 0)
            break
        total += weight
    bad = _rx().invalid.search(text_units, 0, fit)
    return bad.start() if bad else fit


def _bisect_fit(seg: str, budget: int, cfg: TwitterConfig) -> int:
    """The longest prefix of a plain run that weighs at most `budget`. A prefix ending inside a
    surrogate pair weighs what the whole pair does, so the answer never splits one."""
    light, extra = cfg.light_weight, cfg.default_weight - cfg.light_weight
    if seg.isascii():
        return min(len(seg), budget // light)
    rx = _rx()
    heavy = [m.start() for m in rx.heavy.finditer(seg)]
    pair_ends = [m.end() for m in rx.pair.finditer(seg)] if rx.surrogate.search(seg) else []
    lo, hi = 0, len(seg)
    while lo < hi:
        k = (lo + hi + 1) // 2
        weight = (light * k + extra * bisect_left(heavy, k)
                  - cfg.default_weight * bisect_right(pair_ends, k))
        if weight <= budget:
            lo = k
        else:
            hi = k - 1
    return lo


def _utf16_len(text: str) -> int:
    return len(text) + len(_rx().astral.findall(text))


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def parse_tweet(text: str, config: TwitterConfig = V3) -> dict[str, Any]:
    """twitter-text `parseTweet(text, config)`: the same seven fields, the same values."""
    nfc = _nfc(text)
    text_units = units(nfc)
    tokens = _tokens(text_units, *_entities(text_units, config), config)
    total = sum(token[2] for token in tokens)
    fit = _valid_prefix(text_units, tokens, config)
    shown = fit - 1 if fit else 0  # the reference's validDisplayIndex
    weighted = total // config.scale
    valid = not _rx().invalid.search(nfc) and 0 < weighted <= config.max_length
    original_len = _utf16_len(text)
    return {
        "weightedLength": weighted,
        "valid": valid,
        "permillage": math.floor(total / config.scale / config.max_length * 1000),
        "validRangeStart": 0,
        "validRangeEnd": shown + original_len - len(text_units),
        "displayRangeStart": 0,
        "displayRangeEnd": max(original_len - 1, 0),
    }


def _twitter(text: str, platform: str) -> Length:
    cfg = _CONFIGS[platform]
    nfc = _nfc(text)
    text_units = units(nfc)
    tokens = _tokens(text_units, *_entities(text_units, cfg), cfg)
    total = sum(token[2] for token in tokens)
    weighted = total // cfg.scale
    # An ASCII draft holds none of the invalid characters: `_rx()` (six patterns, ≈ 12 M
    # instructions to compile) is not needed to tell it fits, on a cold check.
    if total <= cfg.max_length * cfg.scale and (nfc.isascii() or not _rx().invalid.search(nfc)):
        return Length(platform, weighted, cfg.max_length, True, None)
    fit = _valid_prefix(text_units, tokens, cfg)
    if text_units is not nfc:
        fit = _code_point_offset(nfc, fit)
    overflow = fit if nfc is text else _original_offset(text, fit)
    return Length(platform, weighted, cfg.max_length, False, overflow)


def _code_point_offset(text: str, unit_offset: int) -> int:
    """A UTF-16 offset into `text` as a code-point offset (each astral character is 2 units)."""
    pairs = 0
    for m in _rx().astral.finditer(text):
        if m.start() + pairs >= unit_offset:
            break
        pairs += 1
    return unit_offset - pairs


def _is_boundary(ch: str) -> bool:
    """NFC cannot reach across a boundary before `ch`: a stable starter."""
    return (
        unicodedata.combining(ch) == 0
        and ch not in _COMPOSES_BACKWARD
        and unicodedata.is_normalized("NFC", ch)
    )


def build_stable_starters() -> str:
    """The class body of every stable starter (`_is_boundary`), for STABLE_FILE."""
    ranges: list[str] = []
    start = None
    for cp in range(0x110001):
        ok = cp <= 0x10FFFF and _is_boundary(chr(cp))
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            ranges.append(f"\\U{start:08x}-\\U{cp - 1:08x}")
            start = None
    return "".join(ranges)


@lru_cache(maxsize=1)
def _nfc_cluster() -> re.Pattern[str]:
    # Building the class takes 0.3 s, so it ships precomputed (`python -m guard.length.measure`).
    # A cluster
    # is a stable starter with the characters NFC may fold into it; elsewhere NFC maps 1:1.
    with open(STABLE_FILE, encoding="ascii") as fh:
        body = fh.read().splitlines()[1]
    return re.compile(f"(?:^[^{body}]+|[{body}][^{body}]+)")


def _original_offset(text: str, nfc_offset: int) -> int:
    """Map a code-point offset in NFC(text) back to `text`; an offset inside (or at) a cluster NFC
    rewrites maps to the cluster's start."""
    shift = 0  # original offset minus NFC offset, so far
    for m in _nfc_cluster().finditer(text):
        start = m.start() - shift
        if nfc_offset < start:
            break
        size = len(unicodedata.normalize("NFC", m.group()))
        if nfc_offset < start + size:
            return m.start()
        shift += len(m.group()) - size
    return nfc_offset + shift


def _graphemes(text: str) -> list[int]:
    return [m.start() for m in _grapheme().finditer(text)]


def _mastodon(text: str) -> Length:
    limit = PLATFORMS["mastodon"]
    # Mastodon's countableText: each URL becomes 23 'x', then "@user@domain" becomes "@user".
    pieces: list[tuple[int, int, bool]] = []  # (countable start, original start, copied 1:1)
    out: list[str] = []
    pos = size = 0
    for start, end in protocol_url_spans(text):
        out.append(text[pos:start])
        pieces.append((size, pos, True))
        size += start - pos
        out.append("x" * URL_LENGTH)
        pieces.append((size, start, False))
        size += URL_LENGTH
        pos = end
    out.append(text[pos:])
    pieces.append((size, pos, True))
    countable = "".join(out)
    kept: list[tuple[int, int]] = []  # (countable offset, characters dropped before it)
    dropped = 0

    def shorten(m: re.Match[str]) -> str:
        nonlocal dropped
        dropped += len(m.group(2)) - len(m.group(3))
        kept.append((m.end() - dropped, dropped))
        return f"{m.group(1)}@{m.group(3)}"

    countable = _rx().mention.sub(shorten, countable)
    starts = _graphemes(countable)
    if len(starts) <= limit:
        return Length("mastodon", len(starts), limit, True, None)
    at = starts[limit]
    i = bisect_right([k for k, _ in kept], at) - 1
    at += kept[i][1] if i >= 0 else 0
    piece = pieces[bisect_right([p[0] for p in pieces], at) - 1]
    overflow = piece[1] + (at - piece[0] if piece[2] else 0)
    return Length("mastodon", len(starts), limit, False, overflow)


def _bluesky(text: str) -> Length:
    limit = PLATFORMS["bluesky"]
    starts = _graphemes(text)
    if len(starts) <= limit and len(text.encode("utf-8", "surrogatepass")) <= BLUESKY_MAX_BYTES:
        return Length("bluesky", len(starts), limit, True, None)
    used = 0
    ends = [*starts[1:], len(text)]
    for k, (start, end) in enumerate(zip(starts, ends, strict=True)):
        used += len(text[start:end].encode("utf-8", "surrogatepass"))
        if k >= limit or used > BLUESKY_MAX_BYTES:
            return Length("bluesky", len(starts), limit, False, start)
    raise AssertionError("unreachable: the draft was found too long")


def measure(text: str, platform: str = "x") -> Length:
    """The draft's length for `platform` (see PLATFORMS), and where it stops fitting."""
    if platform in _CONFIGS:
        return _twitter(text, platform)
    if platform == "mastodon":
        return _mastodon(text)
    if platform == "bluesky":
        return _bluesky(text)
    raise UsageError(f"unknown platform {platform!r}; use one of {', '.join(PLATFORMS)}")


if __name__ == "__main__":  # regenerate STABLE_FILE (after a Python with newer Unicode data)
    with open(STABLE_FILE, "w", encoding="ascii") as out:
        out.write(f"# stable NFC starters, unicodedata {unicodedata.unidata_version}\n"
                  f"{build_stable_starters()}\n")
