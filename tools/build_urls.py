"""Builds twitter-text 3.1.0's URL regexes, for Python, into
`guard/length/data/twitter_text_urls.json`.

The patterns are transcribed from twitter-text's `js/src/regexp/*` (Apache-2.0) and run, like the
JS ones, over UTF-16 code units, so that every class, surrogate pair and index means what it means
in the reference. Two JS details are made explicit because Python's `re` differs:

- JS `/i` without `u` compares `Canonicalize(unit)`: the unit upper-cased, unless that takes it
  from non-ASCII to ASCII (U+017F long s is not `s`, U+212A Kelvin is not `k`, but U+0260 ~
  U+0193 and U+03B9 ~ U+0345). Python's IGNORECASE folds differently. So the extractor matches
  these patterns, compiled without flags, against the canonicalised text (same length, same
  indices), and every class and literal here is written in canonical units; `canon_from` and
  `canon_to` give the runtime the mapping.
- JS `$` is the end of input; Python's is "end or before a final newline": we write `\\Z`.

The TLD list comes from `guard/length/data/tld_lib.yml` (twitter-text's conformance copy, March
2020);
the gTLD and ccTLD alternations become one trie that tries longer TLDs first, which is the order
of the JS alternations (checked by `build`). Regenerate with
`python tools/build_urls.py` after updating the TLD file.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "guard" / "length" / "data"
TLD_FILE = DATA / "tld_lib.yml"
PATTERN_FILE = DATA / "twitter_text_urls.json"

BMP = range(0x10000)


def _canon(unit: int) -> int:
    """JS `Canonicalize` for a non-unicode, ignoreCase regex."""
    upper = chr(unit).upper()
    if len(upper) != 1 or (unit >= 128 and ord(upper) < 128):
        return unit
    return ord(upper)


_CANON = [_canon(u) for u in BMP]


def _ranges(spec: str) -> set[int]:
    """Code units of a class body written as chars and `a-b` ranges (no escapes)."""
    units: set[int] = set()
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            units.update(range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            units.add(ord(spec[i]))
            i += 1
    return units


def _fold(units: Iterable[int]) -> set[int]:
    """Every unit whose canonical form is that of a unit in `units` (a JS `/i` class).

    Only canonical units occur in the text we match, so the non-canonical members are inert;
    they keep the original ranges contiguous, hence the pattern short."""
    wanted = {_CANON[u] for u in units}
    return {u for u in BMP if _CANON[u] in wanted}


def _esc(unit: int) -> str:
    ch = chr(unit)
    return ch if ch.isascii() and ch.isalnum() else f"\\u{unit:04x}"


def _cls(units: set[int], negate: bool = False) -> str:
    codes = sorted(units)
    parts: list[str] = []
    start = prev = codes[0]
    for c in [*codes[1:], -1]:
        if c == prev + 1:
            prev = c
            continue
        parts.append(_esc(start) if start == prev else f"{_esc(start)}-{_esc(prev)}")
        start = prev = c
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def ci(spec: str, negate: bool = False) -> str:
    """A case-insensitive (JS `/i`) class from a class body."""
    return _cls(_fold(_ranges(spec)), negate)


def ci_literal(text: str) -> str:
    """A case-insensitive (JS `/i`) literal, in canonical units."""
    return "".join(_esc(_CANON[ord(c)]) for c in text)


INVALID = "\ufffe\ufeff\uffff"
DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
SPACES = "\x09-\x0d\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263\u0268"
    "\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
CYRILLIC = "\u0400-\u04ff"


def _punct_units() -> set[int]:
    # twitter-text's `punct`; built from single characters so that '-' is not read as a range.
    return {ord(c) for c in "!'#%&()*+,\\-./:;<=>?@[]^_{|}~$"}


def _tlds() -> tuple[list[str], list[str]]:
    import yaml

    data = yaml.safe_load(TLD_FILE.read_text(encoding="utf-8"))
    return list(data["generic"]), list(data["country"])


def _check_trie_order(generic: list[str], country: list[str]) -> None:
    """The trie tries longer TLDs first, as the JS lists do within each group; across the groups
    JS tries every gTLD before any ccTLD, which only differs if a gTLD can end where a longer
    ccTLD would also end."""
    blockers = set("0123456789abcdefghijklmnopqrstuvwxyz@+-")
    for g in generic:
        for c in country:
            if len(c) > len(g) and c.lower().startswith(g.lower()) and c[len(g)] not in blockers:
                raise ValueError(f"gTLD {g!r} would shadow ccTLD {c!r}")


def _tld_trie(tlds: list[str]) -> str:
    trie: dict = {}
    for t in tlds:
        node = trie
        for ch in t:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict) -> str:
    alts = [ci_literal(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def build() -> dict[str, str]:
    """All pattern sources the extractor needs, keyed by name."""
    generic, country = _tlds()
    _check_trie_order(generic, country)
    tlds = generic + country
    invalid_domain = _punct_units() | _ranges(SPACES) | _ranges(INVALID) | _ranges(DIRECTIONAL)
    domain_char = _cls(_fold(invalid_domain), negate=True)
    tld = f"(?:{_tld_trie(tlds)}(?={ci('0-9a-zA-Z@+-', negate=True)}|\\Z))"
    punycode = f"(?:{ci_literal('xn--')}{ci('-0-9a-z')}+)"
    tld_any = f"(?:{tld}|{punycode})"
    subdomain = f"(?:(?:{domain_char}(?:[_-]|{domain_char})*)?{domain_char}\\.)"
    domain_name = f"(?:(?:{domain_char}(?:-|{domain_char})*)?{domain_char}\\.)"
    # Not in the reference, and changes nothing it matches: a domain needs a '.' within its run
    # of label characters. Checking that first keeps long runs without one (CJK) from costing
    # quadratic backtracking on every start position.
    label_run = _cls(_fold(invalid_domain - {ord("-"), ord("_")}), negate=True)
    domain = f"(?=(?:{label_run})*\\.)(?:{subdomain}*{domain_name}{tld_any})"
    path_char = ci("a-z" + CYRILLIC + "0-9!*';:=+,.$/%#[]\u2013_~@|&" + LATIN_ACCENTS + "-")
    parens = (f"\\((?:{path_char}+|(?:{path_char}*\\({path_char}+\\){path_char}*))\\)")
    path_end = ci("+a-z" + CYRILLIC + "0-9=_#/" + LATIN_ACCENTS + "-")
    # JS pastes the ending-chars alternation in without a group: "...*[end]|(?:parens)" is
    # therefore an alternative of the whole path, as in the reference.
    path = (f"(?:(?:{path_char}*(?:{parens}{path_char}*)*{path_end}|(?:{parens}))"
            f"|(?:@{path_char}+/))")
    query_char = ci("a-z0-9!?*'@();:&=+$/%#[]_.,~|-")
    query_end = ci("a-z0-9_&=#/-")
    not_before = _cls(_fold(_ranges("A-Za-z0-9@\uff20$#\uff03" + INVALID)), negate=True)
    preceding = (f"(?:{not_before}"
                 f"|{_cls(_ranges(DIRECTIONAL))}|^)")
    protocol = f"{ci_literal('http')}{ci('s')}?://"
    tail = f"(?::([0-9]+))?(/{path}*)?(\\?{query_char}*{query_end})?"
    changed = [u for u in BMP if _CANON[u] != u]
    return {
        # str.upper follows this Python's Unicode tables: the file is only rebuilt identically
        # by a Python with the same ones (the runtime never rebuilds it, so all versions agree).
        "unidata_version": unicodedata.unidata_version,
        "canon_from": "".join(chr(u) for u in changed),
        "canon_to": "".join(chr(_CANON[u]) for u in changed),
        # groups: 1 all, 2 preceding, 3 url, 4 protocol, 5 domain, 6 port, 7 path, 8 query
        "extract_url": f"(({preceding})(({protocol})?({domain}){tail}))",
        "extract_url_with_protocol": f"(({preceding})(({protocol})({domain}){tail}))",
        "ascii_domain": f"(?:(?:{ci('-a-z0-9' + LATIN_ACCENTS)}+)\\.)+{tld_any}",
        "tco": f"{protocol}{ci_literal('t.co')}/({ci('a-z0-9')}+)(?:\\?{query_char}*{query_end})?",
        "invalid_before_bare_domain": "[-_./]\\Z",
        # A URL needs a '.' followed by a label character: a cheap test before the big regex.
        "dot_then_label": f"\\.{domain_char}",
        # The characters of a label run (labels and the '-'/'_' inside them), for scanning back
        # from such a '.' to the earliest place a URL holding it could start.
        "label_run": f"{label_run}*",
    }


if __name__ == "__main__":
    PATTERN_FILE.write_text(json.dumps(build(), indent=0) + "\n", encoding="ascii")
    sys.stdout.write(f"wrote {PATTERN_FILE}\n")
