"""URL detection exactly as twitter-text 3.1.0 `extractUrlsWithIndices` does it.

Works on UTF-16 code-unit strings (see `units`), like the reference, so that offsets and lengths
mean the same; `extract_urls` is the code-point facade for callers and tests. The regexes are
built by `tools/build_urls.py` into `guard/data/twitter_text_urls.json` and compiled on first use.

Rules worth knowing (all from the reference): URLs are looked for only if the text has a '.';
a bare domain (no `http(s)://`) must be ASCII with a listed TLD and must not follow `-_./`; a
URL's every label must punycode to 1..63 characters and scheme + URL stay within 4096 units;
`https://t.co/` keeps only its slug (at most 40 characters) and query.
"""

from __future__ import annotations

import json
import os
import re
from functools import cached_property, lru_cache
from typing import NamedTuple

# A str, not a Path: every check reads it, and a cold one does not import pathlib (≈ 4 ms).
PATTERN_FILE = os.path.join(os.path.dirname(__file__), "data", "twitter_text_urls.json")
MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40
MAX_LABEL_LENGTH = 63
DEFAULT_PROTOCOL = "https://"

_ASTRAL = "[\U00010000-\U0010ffff]"
_NON_ASCII = "[^\x00-\x7f]"
_LABEL_SEPARATORS = "[.\u3002\uff0e\uff61]"


class UrlEntity(NamedTuple):
    """A URL as parseTweet uses it: `url` text, `start`/`end` offsets, and `url` may be shorter
    than end - start (a bare domain followed by a path keeps the reference's own quirk)."""

    url: str
    start: int
    end: int


class _Patterns:
    """The shipped regex sources, each compiled the first time it is needed (the URL regexes
    take ~15 ms each to compile: a draft with only `https://` links never needs `ascii_domain`,
    and only Mastodon needs `extract_with_protocol`)."""

    def __init__(self) -> None:
        with open(PATTERN_FILE, encoding="ascii") as fh:
            self.src: dict[str, str] = json.loads(fh.read())
        self.canon = str.maketrans(self.src["canon_from"], self.src["canon_to"])
        self.astral = re.compile(_ASTRAL)
        self.non_ascii = re.compile(_NON_ASCII)
        self.label_separators = re.compile(_LABEL_SEPARATORS)

    def _compile(self, name: str) -> re.Pattern[str]:
        return re.compile(self.src[name])

    @cached_property
    def extract(self) -> re.Pattern[str]:
        return self._compile("extract_url")

    @cached_property
    def extract_with_protocol(self) -> re.Pattern[str]:
        return self._compile("extract_url_with_protocol")

    @cached_property
    def ascii_domain(self) -> re.Pattern[str]:
        return self._compile("ascii_domain")

    @cached_property
    def tco(self) -> re.Pattern[str]:
        return self._compile("tco")

    @cached_property
    def invalid_before_bare_domain(self) -> re.Pattern[str]:
        return self._compile("invalid_before_bare_domain")

    @cached_property
    def dot_then_label(self) -> re.Pattern[str]:
        return self._compile("dot_then_label")

    @cached_property
    def label_run(self) -> re.Pattern[str]:
        return self._compile("label_run")


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    return _Patterns()


def _pair(match: re.Match[str]) -> str:
    cp = ord(match.group()) - 0x10000
    return chr(0xD800 + (cp >> 10)) + chr(0xDC00 + (cp & 0x3FF))


def units(text: str) -> str:
    """`text` as UTF-16 code units, one str character each (astral characters become pairs)."""
    astral = _patterns().astral
    return astral.sub(_pair, text) if astral.search(text) else text


def code_points(text_units: str) -> str:
    """The inverse of `units`: surrogate pairs joined back into code points."""
    return text_units.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def canonical(text_units: str) -> str:
    """What a JS case-insensitive regex compares: each unit upper-cased the way JS does."""
    if text_units.isascii():
        return text_units.upper()
    return text_units.translate(_patterns().canon)


def _label_length(label: str) -> int:
    """Length of punycode.toASCII(label) (node's punycode 2.1 also splits at U+3002/FF0E/FF61),
    or, when that is surely within 1..63, an upper bound of it."""
    pats = _patterns()
    if not pats.non_ascii.search(label):
        return len(label)
    chars = code_points(label)
    parts = pats.label_separators.split(chars)
    # Each non-ASCII part is "xn--", its ASCII, "-", then one delta per non-ASCII character;
    # a delta of a label this short never needs more than 9 base-36 digits.
    bound = len(parts) - 1
    for part in parts:
        wide = len(pats.non_ascii.findall(part))
        bound += len(part) + (5 + 9 * wide if wide else 0)
    if bound <= MAX_LABEL_LENGTH or len(chars) > MAX_LABEL_LENGTH:
        return bound  # enough to decide: surely valid, or surely too long (encoding never
        # shortens a part, so the exact length is at least len(chars) too)
    return len(parts) - 1 + sum(_encoded_length(part) for part in parts)


@lru_cache(maxsize=4096)
def _encoded_length(part: str) -> int:
    """len(punycode.toASCII(part)) for a part without separators."""
    if not _patterns().non_ascii.search(part):
        return len(part)
    return 4 + len(part.encode("punycode"))


def _is_valid_url(url: str, protocol: str, domain: str, domain_canon: str) -> bool:
    pats = _patterns()
    if domain.startswith("xn--") and not pats.ascii_domain.search(domain_canon):
        return False
    for label in domain.split("."):
        if not 1 <= _label_length(label) <= MAX_LABEL_LENGTH:
            return False
    return len(protocol) + len(url) <= MAX_URL_LENGTH


def extract_url_units(text: str, without_protocol: bool = True) -> list[UrlEntity]:
    """URLs in a UTF-16 unit string, with unit offsets, as `extractUrlsWithIndices` finds them."""
    if "." not in text if without_protocol else ":" not in text:
        return []
    pats = _patterns()
    if not pats.dot_then_label.search(text):  # case plays no part in this test
        return []
    canon = canonical(text)
    found: list[UrlEntity] = []
    backwards = canon[::-1]
    pos = 0
    while (dot := pats.dot_then_label.search(canon, pos)) is not None:
        # A URL's domain holds such a '.', after a label run, after at most "https://" and one
        # preceding character: no match can start earlier, so the big regex need not try there.
        run = pats.label_run.match(backwards, len(canon) - dot.start())
        assert run is not None  # `*` always matches
        earliest = dot.start() - (run.end() - run.start()) - len(DEFAULT_PROTOCOL) - 1
        m = pats.extract.search(canon, max(pos, earliest))
        if m is None:
            break
        pos = end = m.end()
        start = end - (m.end(3) - m.start(3))
        url, domain = text[start:end], text[m.start(5) : m.end(5)]
        protocol = text[m.start(4) : m.end(4)] if m.start(4) >= 0 else ""
        domain_canon = canon[m.start(5) : m.end(5)]
        if not _is_valid_url(url, protocol or DEFAULT_PROTOCOL, domain, domain_canon):
            continue
        if protocol:
            tco = pats.tco.match(canon, start, end)
            if tco is not None:
                if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
                    continue
                end = tco.end()
                url = text[start:end]
            found.append(UrlEntity(url, start, end))
            continue
        before = text[m.start(2) : m.end(2)]
        if not without_protocol or pats.invalid_before_bare_domain.search(before):
            continue
        last: UrlEntity | None = None
        ascii_end = 0
        for am in pats.ascii_domain.finditer(canon, m.start(5), m.end(5)):
            ascii_domain = text[am.start() : am.end()]
            ascii_start = domain.find(ascii_domain, ascii_end)  # indexOf, as the reference does
            ascii_end = ascii_start + len(ascii_domain)
            last = UrlEntity(ascii_domain, start + ascii_start, start + ascii_end)
            found.append(last)
        if last is None:
            continue
        if m.start(7) >= 0 and m.end(7) > m.start(7):
            # The reference splices the path onto the last ASCII domain but measures the entity
            # by that spliced string's length: keep both, as parseTweet skips `len(url)` units.
            found[-1] = UrlEntity(url.replace(domain, last.url, 1), last.start, end)
    return found


def extract_urls(text: str) -> list[tuple[str, int, int]]:
    """(url, start, end) of each URL in `text`, offsets in code points, like extract.yml."""
    text_units = units(text)
    out = extract_url_units(text_units)
    if text_units is text:
        return [(e.url, e.start, e.end) for e in out]
    return [(code_points(e.url), _cp(text_units, e.start), _cp(text_units, e.end)) for e in out]


def _cp(text_units: str, offset: int) -> int:
    return len(code_points(text_units[:offset]))


def protocol_url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `http(s)://` URLs as Mastodon's counter finds them (no validity checks)."""
    if ":" not in text or not _patterns().dot_then_label.search(text):
        return []
    text_units = units(text)
    canon = canonical(text_units)
    spans = [(m.start(3), m.end(3)) for m in _patterns().extract_with_protocol.finditer(canon)]
    if text_units is text:
        return spans
    return [(_cp(text_units, s), _cp(text_units, e)) for s, e in spans]
