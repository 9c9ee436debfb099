"""The Latin reading of a draft that the pattern rules search: same length, same offsets.

People style posts with Unicode's mathematical letters (the bold and italic of platforms without
formatting, U+1D400 to U+1D7FF) and with fullwidth forms (U+FF01 to U+FF5E), and a look-alike
letter from another script (`p\u0430ssword` with a Cyrillic `\u0430`) hides a word from a regex
as well as it hides it from a reader's eye. Term rules already match through all of these
(`guard.detect.normalise`); pattern rules are regexes written against plain Latin text, so they
search this reading instead:

- a styled letter or decimal digit (one whose NFKC form is one ASCII letter or digit) is read as
  that letter or digit, with its case, wherever it stands, and fullwidth punctuation as ASCII;
- a look-alike letter from Unicode's confusables list is read as the Latin letter it imitates
  only inside a word that also holds an ASCII letter, so Greek, Cyrillic or Armenian words stay
  as written, and capitals keep their case (a Cyrillic capital Es before `ONFIDENTIAL` reads
  `CONFIDENTIAL`).

Every character is replaced by exactly one character, so a match's offsets are the draft's own
and findings point at what the user typed; accents, quotes, spaces, superscripts and punctuation
other than fullwidth are left as they are (French patterns read `\u00e9` and `\u00ab`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from guard.detect.normalise import confusables

__all__ = ["STYLED_BLOCKS", "latin", "styled_as"]

_WORD = re.compile(r"[^\W_]+")  # letters and digits, whatever the script
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# The blocks that hold every code point past Latin-1 whose NFKC form is one ASCII letter or
# digit (tests/detect/latin_test.py scans all of Unicode to keep this list complete): Latin
# extended and modifier letters, phonetic extensions, super- and subscripts and letterlike
# symbols, Latin extended C and D, fullwidth forms, modifier letters, mathematical alphanumerics,
# segmented digits. Latin-1 stays as written (`1\u00ba`, `N\u00ba`).
STYLED_BLOCKS = (
    (0x0100, 0x02FF), (0x1D00, 0x1DBF), (0x2070, 0x214F), (0x2C60, 0x2C7F), (0xA720, 0xA7FF),
    (0xFF01, 0xFF5E), (0x10780, 0x107BF), (0x1D400, 0x1D7FF), (0x1FBF0, 0x1FBF9),
)  # fmt: skip


def styled_as(char: str) -> str | None:
    """The ASCII character a styled letter, decimal digit or fullwidth sign stands for."""
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1 or not folded.isascii() or ord(char) < 0x100:
        return None
    code = ord(char)
    if char.isalpha() or unicodedata.category(char) == "Nd" or 0xFF01 <= code <= 0xFF5E:
        return folded  # not superscript digits or fractions: `m\u00b2` has no digit for `\d`
    return None


class _Tables(NamedTuple):
    styled: dict[int, int]  # str.translate tables
    lookalikes: dict[int, int]
    changed: frozenset[str]  # the characters either table changes
    lookalike: frozenset[str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    styled = {
        code: ord(ascii_char)
        for low, high in STYLED_BLOCKS
        for code in range(low, high + 1)
        if (ascii_char := styled_as(chr(code))) is not None
    }
    lookalikes: dict[int, int] = {}
    for char, letter in confusables().items():
        if len(letter) != 1 or not letter.isalpha() or not char.isalpha():
            continue  # a multiplication sign or a box line looks like a letter but is no letter
        lookalikes[ord(char)] = ord(letter)
        upper = char.upper()
        # The list is case-folded: the small Cyrillic ve stands for its capital, which looks
        # like `B`.
        if len(upper) == 1 and upper != char and upper.lower() == char:
            lookalikes[ord(upper)] = ord(letter.upper())
    looks = frozenset(map(chr, lookalikes))
    return _Tables(styled, lookalikes, looks.union(map(chr, styled)), looks)


def _mixed_word(match: re.Match[str]) -> str:
    word = match.group()
    if word.isascii() or not _ASCII_LETTER.search(word):
        return word
    return word.translate(_tables().lookalikes)


def latin(text: str) -> str:
    """`text` with styled and look-alike letters read as Latin ones; as long as `text`."""
    return text if text.isascii() else _read(text)


# The pattern rules, the events rules, the models and the finding filter each ask for the same
# draft in turn (over a whole batch in `check_many`). A few dozen drafts: a draft of 100,000
# characters with an emoji takes 400 kB, kept twice when its reading differs.
@lru_cache(maxsize=64)
def _read(text: str) -> str:
    tables = _tables()
    if tables.changed.isdisjoint(text):
        return text  # accented French, emoji, other scripts' own words
    reading = text.translate(tables.styled)
    if tables.lookalike.isdisjoint(reading):
        return reading
    return _WORD.sub(_mixed_word, reading)
