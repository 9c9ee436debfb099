"""Cheap per-draft language choice between the pack's languages: no model, no spaCy.

A draft is short, so a handful of very frequent function words, French elisions and
diacritics decide it; ties go to the first configured language (the pack's main one).

Most drafts are ASCII: those are read with the standard library's `re` (already loaded), and
`regex` (≈ 52 M instructions to import, a fifth of a cold check) loads only for a draft with a
character outside ASCII. On ASCII text each `re` pattern below matches exactly what its `regex`
twin matches (`tests/detect/language_scores_test.py` holds them equal).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, count
from operator import itemgetter
from typing import Any

SUPPORTED = ("en", "fr")
SAMPLE = 2000  # characters read: plenty for a language, and a megabyte draft costs no more

# The most frequent function words of each language, minus the ones both share ("a", "on").
_EN = (
    "the and of to is in it you that for was with be are this have not but they at "
    "from by or we an my your our their will would can could should just what so if "
    "about all there been has had were which when who how out up do does did no yes "
    "me him her them its than then too very i he she us get got new now today"
)
_FR = (
    "le la les et est des du un une que qui pour dans pas sur au aux avec ce cette ces "
    "il elle ils elles nous vous je tu son sa ses leur leurs mais ou donc car ne plus "
    "par été être avoir fait très aussi comme tout tous bien notre nos votre vos mon "
    "ma mes sont avons avez ont était sera entre chez sans sous depuis aujourd'hui "
    "encore déjà où ça merci bonjour"
)
_STOP = {"en": frozenset(_EN.split()), "fr": frozenset(_FR.split())}


class _Patterns:
    """The four patterns `scores` reads a draft with, compiled for one kind of text."""

    __slots__ = ("elision", "ending", "not_prose", "split")

    def __init__(self, engine: Any, letter: str, apostrophe: str, flags: int) -> None:
        case = engine.IGNORECASE | flags
        # French elisions: "l'", "qu'", "j'"... before a letter.
        self.elision = engine.compile(rf"\b(?:[ldjnmstc]|qu){apostrophe}{letter}", case)
        # Handles, hashtags, cashtags and links say nothing about the language ("$SES" is not
        # "ses").
        self.not_prose = engine.compile(r"[@#$]\w+|https?://\S+|www\.\S+", flags)
        # Counted over the kept words joined by spaces (letters, apostrophes, spaces), where at
        # most one match ends each run of letters and, if any, one from the run's start: so the
        # \b in front (a run's start there) counts the same, without trying every letter of
        # every word.
        self.ending = engine.compile(rf"\b{letter}{{3,}}(?:ing|ed|ly)\b", case)
        # Gaps and words alternately: a word is letters, and an apostrophe and letters after
        # them.
        self.split = engine.compile(rf"({letter}+(?:{apostrophe}{letter}+)?)", flags)


_compiled: dict[bool, _Patterns] = {}


def _patterns(ascii_only: bool) -> _Patterns:
    r"""The patterns for ASCII text (`re`; with re.ASCII its \w, \s and \b are exactly
    `regex`'s on ASCII: `regex`'s \s, unlike `re`'s Unicode one, excludes \x1c-\x1f), or for
    any text (`regex`, imported here)."""
    found = _compiled.get(ascii_only)
    if found is None:
        if ascii_only:
            import re

            found = _Patterns(re, "[A-Za-z]", "'", re.ASCII)
        else:
            import regex

            found = _Patterns(regex, r"\p{L}", "['\u2019]", 0)
        _compiled[ascii_only] = found
    return found


_FRENCH_LETTERS = frozenset("éèêëàâçîïôûùüœÉÈÊÀÇ")


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and not text[i].isalnum() and text[i] not in ".!?:;\n":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n"


def _opens_sentence(parts: list[str], k: int, text: str) -> bool:
    """`_starts_sentence` for the word parts[k] of `split.split(text)`, read from the gap
    before it (parts[k - 1]) without the word's offset: the scan back stops in the gap, or at
    the previous word's last letter."""
    for char in reversed(parts[k - 1]):
        if char in ".!?:;\n":
            return True
        if char.isalnum():
            return False
    if k == 1:
        return True  # the first word: nothing before the gap
    if parts[k - 2][-1].isalnum():
        return False  # a letter (always, but for a letter newer than Python's tables)
    return _starts_sentence(text, len("".join(parts[:k])))


_FIRST = itemgetter(0)


def scores(text: str) -> dict[str, float]:
    """Evidence for each supported language in the draft (higher is more likely)."""
    text = text[:SAMPLE]
    found = _patterns(text.isascii())
    text = found.not_prose.sub(" ", text)
    # A capitalised word inside a sentence is a name ("Superior Plus declares"), not prose.
    parts = found.split.split(text)
    kept = parts[1::2]
    # Only capitalised words need a look at what precedes them (picked out at C speed).
    upper = list(compress(count(1, 2), map(str.isupper, map(_FIRST, kept))))
    if upper:
        names = {k for k in upper if not _opens_sentence(parts, k, text)}
        if names:
            kept = [parts[k] for k in range(1, len(parts), 2) if k not in names]
    # Each word casefolded: the words joined by spaces and folded at once (casefolding never
    # makes a space), then cut again.
    prose = " ".join(kept)
    words = prose.casefold().replace("\u2019", "'").split(" ")
    out = {lang: float(sum(map(stop.__contains__, words))) for lang, stop in _STOP.items()}
    # Weak signals, below one function word: accents also occur in names ("Héroux").
    # Both need a character most drafts lack (an apostrophe, a letter outside ASCII).
    elisions = len(found.elision.findall(prose)) if "'" in prose or "\u2019" in prose else 0
    letters = 0 if prose.isascii() else sum(map(_FRENCH_LETTERS.__contains__, prose))
    out["fr"] += 1.0 * elisions + 0.3 * letters
    out["en"] += 0.3 * len(found.ending.findall(prose))
    return out


def detect(text: str, languages: Sequence[str]) -> str:
    """The most likely of `languages` for this draft; the first one when the evidence is even."""
    if len(languages) == 1:
        return languages[0]
    found = scores(text)
    best = languages[0]
    for lang in languages[1:]:
        if found.get(lang, 0.0) > found.get(best, 0.0):
            best = lang
    return best
