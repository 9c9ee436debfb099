"""Turn a draft into the form terms are matched in, keeping a map back to what the user typed.

Approach:

1. Every code point of the draft is folded on its own, so each position of the matching form
   knows the original code point it came from (`Normalised.starts`/`ends`; a combining mark or a
   variation selector is dropped and its code point joins the previous character's span). The
   fold is NFKC (fullwidth, ligatures, math letters), case folding, removal of combining marks
   (diacritics), then Unicode's confusables for letters that look like Latin ones (Cyrillic
   `\u0430`, Greek `\u03bf`; table in `guard/data/confusables.json`, built by
   `confusables_build.py`). Format characters (zero-width space, ZWJ/ZWNJ, soft hyphen, bidi
   controls, word joiner, tags) are dropped without splitting a word; inside an emoji sequence
   they only join separators, so dropping them everywhere loses nothing the matcher uses.
2. The form is cut into tokens (runs of letters, digits and the symbols people use as letters:
   `@ $ ! | + €`) and tokens into pieces at letter/digit/symbol changes, camel case humps and
   around CJK characters (scripts written without spaces). Each cut is a *joint*:
   `SOFT` inside a token (a match may start, end or run across it: `BlueHeron`,
   `@BlueHeronTeam`, `Falcon2024`), `WEAK` between single letters split by a short separator
   (`F.a.l.c.o.n`: a match may cross it anywhere), `STRONG` between ordinary tokens (a match may
   cross it only where the term itself has a word break: `Blue-Heron`, but not `Fal con`), and
   `NONE` around a lone digit or symbol inside a word (`F4lc0n`), where no match may start.
3. Leetspeak is ambiguous, so it is never folded into the one form: a word (a token, or a run of
   spaced single letters) that has at least two letters and no more digits/symbols than letters
   gets *alternative readings* for its digit and symbol pieces (`0`→o, `1`→i or l, `3`→e,
   `4`→a, `5`/`$`→s, `7`/`+`→t, `@`→a, ...). The matcher tries the raw reading and the letter
   readings, so `2024`, `$5` and `R2D2` keep their digits while `F4lc0n` reads `falcon`. A
   cashtag (`$` and capitals, `$TECK`) gets no reading: it names a stock.

A term goes through the same normaliser (`term_key`), so its key and its word breaks are built
exactly as a draft's would be.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from itertools import product
from typing import NamedTuple

from guard.record import record

__all__ = [
    "NONE",
    "SOFT",
    "STRONG",
    "WEAK",
    "Normalised",
    "Piece",
    "TermKey",
    "cased_letters",
    "confusables",
    "fold",
    "normalise",
    "term_key",
]

# Character kinds.
_INVISIBLE, _MARK, _SEP, _LETTER, _DIGIT, _SYMBOL = range(6)
# Joints before a piece (see the module docstring).
NONE, SOFT, WEAK, STRONG = range(4)

# Digits and symbols read as letters, in the order the readings are tried.
LEET: dict[str, str] = {
    "0": "o", "1": "il", "2": "z", "3": "e", "4": "a", "5": "s", "6": "gb", "7": "t",
    "8": "b", "9": "g", "@": "a", "$": "s", "!": "i", "|": "li", "+": "t", "€": "e",
}  # fmt: skip
_MAX_READINGS = 4  # per piece: `1111` must not explode into 16 readings
# Letters NFKC and the confusables list leave alone but everyone reads as Latin.
_EXTRA_FOLDS = {
    "ø": "o", "đ": "d", "ł": "l", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "ħ": "h",
    "ŧ": "t", "ĸ": "k", "\u2019": "'", "\u02bc": "'", "\u2018": "'",
}  # fmt: skip
# Letters that render as nothing (Hangul fillers are used to hide text).
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u034f")
_LINE_BREAKS = frozenset("\n\r\v\f\x85\u2028\u2029")
_WEAK_SEPARATOR_MAX = 3  # `F . a . l` still reads as spelled out; a longer gap does not


class Piece(NamedTuple):
    """A run of the matching form between two joints, with its leetspeak readings."""

    # A tuple rather than a frozen dataclass: a draft has dozens of pieces, and a dataclass's
    # __init__ (object.__setattr__ per field) cost more than the rest of the fast path.
    start: int  # offsets into Normalised.form
    end: int
    text: str
    readings: tuple[str, ...]  # letter readings, each as long as text; () when none apply
    joint: int  # the joint before this piece


@record
class Normalised:
    """A draft's matching form, its pieces, and where each form position came from."""

    text: str
    form: str
    starts: list[int]  # original code-point offset of each form position
    ends: list[int]  # exclusive original end of each form position (marks included)
    pieces: list[Piece]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original draft that form[start:end] came from."""
        return self.starts[start], self.ends[end - 1]


class TermKey(NamedTuple):
    """A term's matching key (no separators), its possible word breaks, and a display form."""

    key: str
    breaks: frozenset[int]  # offsets into key where a draft may have a separator
    display: str


_NO_BREAKS: frozenset[int] = frozenset()
# NamedTuple's own __new__ is Python code; tuple's is not (100,000 terms per pack).
_new_term_key = tuple.__new__
_new_piece = tuple.__new__


@lru_cache(maxsize=1)
def confusables() -> dict[str, str]:
    from importlib import resources  # on first use: it imports tempfile, shutil, zipfile...

    source = resources.files("guard.detect.data").joinpath("confusables.json")
    data = source.read_text(encoding="utf-8")
    table: dict[str, str] = json.loads(data)["map"]
    return table


def _kind(char: str) -> int:
    if char in LEET and not char.isalpha():
        return _DIGIT if char.isdigit() else _SYMBOL
    category = unicodedata.category(char)
    if category[0] == "L":
        return _LETTER
    if category == "Nd":
        return _DIGIT
    return _SEP


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> tuple[tuple[tuple[str, int], ...], bool, bool]:
    """(folded characters with their kinds, was upper case, is CJK) for one code point."""
    category = unicodedata.category(char)
    if char in _INVISIBLE_LETTERS or category == "Cf":
        return (("", _INVISIBLE),), False, False
    if category in ("Mn", "Me", "Mc"):
        return (("", _MARK),), False, False
    upper = char.isupper() or category == "Lt"
    cjk = category == "Lo" and _is_cjk(char)
    text = unicodedata.normalize("NFKC", char).casefold()
    text = unicodedata.normalize("NFD", text)
    out: list[tuple[str, int]] = []
    for c in text:
        if unicodedata.category(c)[0] == "M":
            continue
        c = _EXTRA_FOLDS.get(c, c)
        if not c.isascii():  # the table has no ASCII key: an ASCII draft never reads it
            c = confusables().get(c, c)
        for d in c:
            if d.isspace():
                d = "\n" if d in _LINE_BREAKS else " "
            out.append((d, _kind(d)))
    if not out:  # a compatibility form made only of marks, such as a spacing accent
        return (("", _MARK),), False, False
    return tuple(out), upper, cjk


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, kana, CJK ideographs, bopomofo
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF
        or 0xFF66 <= code <= 0xFF9F  # halfwidth katakana
        or 0x20000 <= code <= 0x3FFFF
    )


def _fold_chars(text: str) -> tuple[str, str, list[int], list[int]]:
    """The form, its class letters (see `_PIECE`), and where each position came from."""
    chars: list[str] = []
    classes: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, char in enumerate(text):
        folded, upper, cjk = _fold_char(char)
        first_kind = folded[0][1]
        if first_kind == _INVISIBLE:
            continue
        if first_kind == _MARK:
            if ends and ends[-1] == i:  # a mark belongs to the character just before it
                ends[-1] = i + 1
            continue
        for c, kind in folded:
            chars.append(c)
            classes.append(_class_of(kind, upper, cjk))
            starts.append(i)
            ends.append(i + 1)
    return "".join(chars), "".join(classes), starts, ends


@lru_cache(maxsize=4096)
def _readings(text: str) -> tuple[str, ...]:
    options = [LEET.get(c, c) for c in text]
    return tuple("".join(r) for r in product(*options))[:_MAX_READINGS]


def normalise(text: str) -> Normalised:
    """Fold a draft into its matching form and cut it into pieces (see the module docstring)."""
    if _is_simple(text):
        return _normalise_simple(text)
    return _normalise_general(text)


def _normalise_general(text: str) -> Normalised:
    # Any draft, one code point at a time. `_normalise_simple` must give the same result.
    form, classes, starts, ends = _fold_chars(text)
    return _cut(text, form, classes, starts, ends)


def _emit_word(
    word: list[tuple[int, int, int]],
    form: str,
    letter: list[bool],
    cashtag: bool,
    pieces: list[Piece],
) -> None:
    """Append a word's pieces (`letter`: which are letters), with leetspeak readings when the
    word looks like letters and is not a cashtag (`$TECK` names a stock, it is not `STECK`)."""
    letters = others = 0
    for (lo, hi, _), is_letter in zip(word, letter, strict=True):
        if is_letter:
            letters += hi - lo
        else:
            others += hi - lo
    leet = letters >= 2 and others <= letters and not cashtag
    last = len(word) - 1
    for k, (lo, hi, joint) in enumerate(word):
        text = form[lo:hi]
        readings: tuple[str, ...] = ()
        if leet and not letter[k]:
            readings = _readings(text)
            if readings == (text,):
                readings = ()
        if (
            joint == SOFT
            and not letter[k]
            and text != "@"  # `bob@falcon.com`: the domain is a word of its own
            and hi - lo <= 2
            and 0 < k < last
            and letter[k - 1]
            and letter[k + 1]
        ):
            # A lone digit between letters (`F4lc0n`, `R2D2`) is part of the word, not a break.
            joint = NONE
            nxt = word[k + 1]
            word[k + 1] = (nxt[0], nxt[1], NONE if nxt[2] == SOFT else nxt[2])
        pieces.append(_new_piece(Piece, (lo, hi, text, readings, joint)))


# Pieces are cut from a string of class letters, one per position of the form: letters are
# "a", "A" (upper case) or "c" (CJK), digits "0", symbols "$", separators " ", and "C" a CJK
# character read as a digit or symbol (Unicode has none today). The case of a digit or symbol
# never matters: cuts and cashtags look at the case of letters only.
_LOWER, _UPPER, _CJK = "a", "A", "c"
_CLASS_OF_KIND = {_DIGIT: "0", _SYMBOL: "$", _SEP: " "}
# A piece is a CJK character, a run of digits or of symbols, or a run of letters cut at camel
# humps: `blue|Heron`, and `HTML|Parser` (the last capital before a small letter starts a word).
_PIECE = re.compile(r"[cC]|0+|\$+|A+(?=A[ac])|A*a+|A+")


def _class_of(kind: int, upper: bool, cjk: bool) -> str:
    if kind == _LETTER:
        return _CJK if cjk else _UPPER if upper else _LOWER
    if cjk and kind != _SEP:
        return "C"
    return _CLASS_OF_KIND[kind]


def _cut(text: str, form: str, classes: str, starts: list[int], ends: list[int]) -> Normalised:
    """Cut the form into tokens, words and pieces with their joints (module docstring, 2-3)."""
    n = len(form)
    pieces: list[Piece] = []
    append = pieces.append
    first = 0  # index in `pieces` of the current word's first piece
    token_end = -1  # end of the token the last piece belongs to
    single = False  # that token is one character long
    for m in _PIECE.finditer(classes):
        lo, hi = m.span()
        if lo == token_end:  # the same token
            append(_new_piece(Piece, (lo, hi, form[lo:hi], (), SOFT)))
            token_end = hi
            continue
        was_single = single
        single = hi - lo == 1 and (hi == n or classes[hi] == " ")
        # Spelled-out letters (`F.a.l`). The form holds no line break but "\n" (see _fold_char).
        if (
            was_single
            and single
            and lo - token_end <= _WEAK_SEPARATOR_MAX
            and "\n" not in form[token_end:lo]
        ):
            joint = WEAK
        else:
            joint = STRONG
            if len(pieces) - first > 1:
                _redo_word(pieces, first, form, classes)
            first = len(pieces)
        append(_new_piece(Piece, (lo, hi, form[lo:hi], (), joint)))
        token_end = hi
    if len(pieces) - first > 1:
        _redo_word(pieces, first, form, classes)
    return Normalised(text, form, starts, ends, pieces)


def _redo_word(pieces: list[Piece], first: int, form: str, classes: str) -> None:
    """Redo the pieces of a word of several pieces, from `first` on, with `_emit_word`: a
    single piece never has a reading (no letter beside it) nor a NONE joint, so most words are
    emitted directly."""
    word = [(p.start, p.end, p.joint) for p in pieces[first:]]
    del pieces[first:]
    lo, hi, _ = word[-1]
    cashtag = (
        len(word) == 2
        and form[word[0][0] : word[0][1]] == "$"
        and classes.count(_UPPER, lo, hi) == hi - lo
    )
    _emit_word(word, form, [classes[lo] in "aAc" for lo, _, _ in word], cashtag, pieces)


# The fast path. Most drafts (95% of the real posts) hold only code points that fold to exactly
# one character that is not invisible or a mark: then the offset map is the identity, and the
# form and its classes are two `str.translate`s. The tables are filled from `_fold_char` on first
# sight of a code point (tests/normalise_test.py checks both paths agree).
_SIMPLE: set[str] = set()  # code points known to fold to one plain character
_COMPLEX: set[str] = set()  # code points known not to
_FORM_TABLE: dict[int, str] = {}  # code point -> its folded character
_CLASS_TABLE: dict[int, str] = {}  # code point -> its class letter
_TABLE_MAX = 65536  # code points remembered; a draft with others takes the general path
_ascii_learned = False  # set once all of ASCII is in the tables (threads may check drafts)


def _learn(char: str) -> bool:
    """File `char` in the fast path's tables if it folds simply; False if it does not."""
    folded, upper, cjk = _fold_char(char)
    if len(folded) != 1 or folded[0][1] in (_INVISIBLE, _MARK):
        if len(_COMPLEX) < _TABLE_MAX:
            _COMPLEX.add(char)
        return False
    c, kind = folded[0]
    cls = _class_of(kind, upper, cjk)
    if len(_SIMPLE) >= _TABLE_MAX:
        return False
    _FORM_TABLE[ord(char)] = c
    _CLASS_TABLE[ord(char)] = cls
    _SIMPLE.add(char)
    return True


def _is_simple(text: str) -> bool:
    """True when every code point of `text` folds to one plain character (filed in the tables)."""
    global _ascii_learned
    if not _ascii_learned:
        for code in range(128):  # every ASCII character folds simply (tests check it)
            _learn(chr(code))
        _ascii_learned = True
    if text.isascii():
        return True
    chars = set(text)
    if chars <= _SIMPLE:
        return True
    return not any(char in _COMPLEX or not _learn(char) for char in chars.difference(_SIMPLE))


def _normalise_simple(text: str) -> Normalised:
    n = len(text)
    form, classes = text.translate(_FORM_TABLE), text.translate(_CLASS_TABLE)
    return _cut(text, form, classes, list(range(n)), list(range(1, n + 1)))


def cased_letters(text: str) -> list[tuple[str, bool | None]]:
    """Each folded letter, digit or symbol of `text` with its case (None: has no case)."""
    out: list[tuple[str, bool | None]] = []
    for char in text:
        folded, upper, _ = _fold_char(char)
        for c, kind in folded:
            if kind == _LETTER:
                out.append((c, upper))
            elif kind in (_DIGIT, _SYMBOL):
                out.append((c, None))
    return out


def fold(text: str) -> str:
    """The matching form of `text` as one string (separators kept), for display and tests."""
    return normalise(text).form


def term_key(term: str) -> TermKey:
    """The key a term is indexed under: its pieces joined, trailing symbols dropped."""
    fast = _ascii_term_key(term)
    return fast if fast is not None else _term_key(term)


def _term_key(term: str) -> TermKey:
    pieces = normalise(term).pieces
    # `Yahoo!`: a symbol at either end of a term is punctuation, not a letter.
    while pieces and pieces[0].text[0] in LEET and not pieces[0].text[0].isdigit():
        pieces = pieces[1:]
    while pieces and pieces[-1].text[0] in LEET and not pieces[-1].text[0].isdigit():
        pieces = pieces[:-1]
    key = ""
    breaks: set[int] = set()
    display = ""
    for k, piece in enumerate(pieces):
        if k:
            breaks.add(len(key))
            if piece.joint >= WEAK:  # a separator in the term
                display += " "
        key += piece.text
        display += piece.text
    return TermKey(key, frozenset(breaks), display)


def _ascii_term_key(term: str) -> TermKey | None:
    # Most client names are plain ASCII words: skip the per-character fold (100,000 terms).
    if not term.isascii():
        return None
    words = term.split()
    if len(words) == 1:
        w = words[0]
        if w.isalpha() and (w.islower() or w.isupper() or w.istitle()):
            low = w.lower()
            return _new_term_key(TermKey, (low, _NO_BREAKS, low))
        return None
    if not words or not "".join(words).isalpha():
        return None
    breaks: list[int] = []
    length = 0
    for w in words:
        if not (w.islower() or w.isupper() or w.istitle()):
            return None  # camel case inside a word: let the full normaliser cut it
        if length:
            breaks.append(length)
        length += len(w)
    lowered = term.lower().split()
    return _new_term_key(TermKey, ("".join(lowered), frozenset(breaks), " ".join(lowered)))
