"""A draft and its cues -> the sparse features the scorer weighs.

Two kinds: per word (the word itself and its first and last 3-5 letters, counted once per
distinct word of the draft, so the scorer can cache one weight vector per word) and per draft
(word bigrams, cue flags, cue pairs: 0 or 1). Training (`tools/train_events.py`) and inference
call the same functions, so the shipped model and the guard never disagree about a feature.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from guard.detect.events.cues import Span

_DIGITS = str.maketrans("0123456789", "0000000000")
_ASCII_DIGIT = re.compile("[0-9]")
_NONZERO = re.compile("[1-9]")
GROUPS = ("nonpublic", "own", "public", "ahead", "figure", "elsewhere")


def tokens(cue_toks: Iterable[tuple[int, int, str]]) -> list[str]:
    """The cue tokenizer's tokens less punctuation, ASCII digits written 0 (140 reads as 250)."""
    words = [t for _, _, t in cue_toks if len(t) > 1 or not _is_punct(t)]
    if words and any(map(_ASCII_DIGIT.search, words)):
        # Tokens hold no space: joined by one, written 0 at once, and cut again.
        return " ".join(words).translate(_DIGITS).split(" ")
    return words


# What can be a one-character punctuation token: a symbol, or "_" (a word character, but Pc).
_SYMBOL = re.compile(r"[^\s\w]|_")
_SEEN: set[str] = set()  # the one-character tokens met so far (at most every symbol there is)
_PUNCT: set[str] = set()  # those of them that are punctuation


def scorer_tokens(low: str, words: list[str], written: str = "") -> list[str]:
    """`tokens` of a casefolded draft from its cue tokens as strings (`low` cut as `cue_tokens`
    cuts; `written`: them as `cues.line` writes them, when at hand): the punctuation found once
    among the draft's few distinct symbols, then left out."""
    if not words:
        return words
    if _ASCII_DIGIT.search(low):  # a digit is a word character: it is in some word
        written = written or " " + " ".join(words) + " "
        words = _NONZERO.sub("0", written)[1:-1].split(" ")
    symbols = set(_SYMBOL.findall(low))
    if not symbols <= _SEEN:  # a symbol not met before: sorted once into punctuation or not
        _SEEN.update(symbols)
        _PUNCT.update(filter(_is_punct, symbols))
    punct = symbols & _PUNCT
    if punct:
        return list(itertools.filterfalse(punct.__contains__, words))
    return words


@lru_cache(maxsize=4096)
def _is_punct(char: str) -> bool:
    # One character that is punctuation (not a letter, a digit or a symbol: emoji, $, %).
    return unicodedata.category(char)[0] == "P"


@lru_cache(maxsize=65536)
def word_features(token: str, chars: tuple[int, int] | None) -> tuple[str, ...]:
    """The word and, with `chars`, its first and last n letters (cheap stems and endings:
    "licenci", "-ment"; not every inner n-gram). Cached by word."""
    out = {"w:" + token}
    if chars:
        padded = f" {token} "
        low, high = chars
        for n in range(low, high + 1):
            out.add("c:" + padded[:n])
            out.add("c:" + padded[-n:])
    return tuple(sorted(out))


def draft_features(
    toks: list[str], cues: Iterable[Span], shapes: Iterable[str] = ()
) -> set[str]:
    """Word bigrams, cue flags and cue pairs of the draft (each 0 or 1); `shapes`: its shape
    features (events.shape), when the model weighs them."""
    out = {f"b:{a} {b}" for a, b in itertools.pairwise(toks)}
    out.update(cue_features({s.group for s in cues} | set(shapes)))
    return out


def cue_features(groups: set[str]) -> set[str]:
    """The per-draft features of its cue groups alone (flags and pairs; no bigrams)."""
    out: set[str] = set()
    cats = {g.split(":")[1] for g in groups if g.startswith("kind:")}
    out.update("q:" + g for g in groups)
    out.update("q:cat:" + c for c in cats)
    for g in GROUPS:
        if g in groups:
            out.update(f"q:{g}&{c}" for c in cats)
    for g in groups:  # the draft's shape (events.shape) with each category of its event words
        if g.startswith("s:"):
            out.update(f"q:{g}&{c}" for c in cats)
    # Pairs of context cues: secrecy and a date, public wording without secrecy...
    if "public" in groups and "nonpublic" not in groups:
        out.add("q:public-only")
    for a, b in (("own", "nonpublic"), ("nonpublic", "ahead"), ("nonpublic", "figure"),
                 ("own", "ahead"), ("own", "figure")):
        if a in groups and b in groups:
            out.add(f"q:{a}&{b}")
    if not cats:
        out.add("q:no-event")
    return out


def features(
    toks: list[str], cues: Iterable[Span], chars: tuple[int, int] | None,
    shapes: Iterable[str] = (),
) -> Counter[str]:
    """Every feature with its value: per-word features summed over the distinct words, per-draft
    features 1. (The scorer computes the same sum word by word, from its cache.)"""
    out: Counter[str] = Counter()
    for t in dict.fromkeys(toks):
        out.update(word_features(t, chars))
    out.update(draft_features(toks, cues, shapes))
    return out
