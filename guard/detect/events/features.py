"""A draft and its cues -> the sparse binary features the scorer weighs.

Training (`tools/train_events.py`) and inference call the same function, so the shipped model
and the guard can never disagree about what a feature is.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from functools import lru_cache

import regex

from guard.detect.events.cues import Span

_DIGIT = regex.compile(r"\d")
_PUNCT = regex.compile(r"[\p{P}]")
GROUPS = ("nonpublic", "own", "public", "ahead", "figure")


def tokens(cue_toks: Iterable[tuple[int, int, str]]) -> list[str]:
    """The cue tokenizer's tokens less punctuation, every digit written 0 (140 reads as 250)."""
    return [_DIGIT.sub("0", t) for _, _, t in cue_toks if not _PUNCT.fullmatch(t)]


@lru_cache(maxsize=65536)
def _char_grams(token: str, chars: tuple[int, int]) -> tuple[str, ...]:
    # Only the word's first and last n letters (cheap stems and endings: "licenci", "-ment"),
    # not every inner n-gram: as good on the development batches and a third of the features.
    # Cached by token: the same words come back draft after draft.
    padded = f" {token} "
    low, high = chars
    grams = {padded[:n] for n in range(low, high + 1)} | {padded[-n:] for n in range(low, high + 1)}
    return tuple("c:" + g for g in sorted(grams))


def features(
    toks: list[str], cues: Iterable[Span], chars: tuple[int, int] | None
) -> set[str]:
    """Word unigrams and bigrams, optional character n-grams, cue flags and cue pairs."""
    out = {"w:" + t for t in toks}
    out.update(f"b:{a} {b}" for a, b in itertools.pairwise(toks))
    if chars:
        for t in toks:
            out.update(_char_grams(t, chars))
    groups = {s.group for s in cues}
    cats = {g.split(":")[1] for g in groups if g.startswith("kind:")}
    out.update("q:" + g for g in groups)
    out.update("q:cat:" + c for c in cats)
    for g in GROUPS:
        if g in groups:
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
