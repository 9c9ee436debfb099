"""The cue tokenizer and the test of a draft's tokens for a cue, apart from the cue index:
what the events gate (`guard.detect.events.gate`) asks of a draft before the detector loads."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import repeat
from operator import getitem

# Curly apostrophes made straight, as the detector reads a draft (`cues.fold`, same length).
FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " "})

# Words, numbers, and any other single symbol (an apostrophe, emoji, #, -): cue phrases and
# drafts are cut the same way, so "we're" and "all-hands" are three tokens in both, and "we"
# is found in "we're" as "nous" is in "entre nous".
# Round seventeen: a currency written with its country ("US$100k", "C$ 40") is one token, so
# that the "us" of "US$" is not the own-company "us" (a stock alert's "Has Just Spent US$100k"
# read as the author's company).
PIECES = r"(?<!\w)(?:us|ca|au|nz|hk|sg|c|a)\$(?=\s?\d)|\w+|[^\s\w]"
TOKEN = re.compile(PIECES, re.IGNORECASE)
# A draft without "$" (95% of the real posts) cannot hold the currency piece, and the plain
# pieces cut it into the same tokens a third faster (the lookbehind is tried at every token).
_PLAIN = re.compile(r"\w+|[^\s\w]")


def token_list(text: str) -> list[str]:
    """`TOKEN.findall(text)`: the cue tokenizer's tokens, without offsets."""
    return (TOKEN if "$" in text else _PLAIN).findall(text)


class CueGate:
    """Whether a draft's tokens may hold a cue of a cue index, from the cues' words alone: a
    draft that lacks some word of every cue, and has no word starting like a `*` cue, has no
    cue at all."""

    __slots__ = ("cut", "heads", "keys", "keyset", "lengths", "prefixes")

    def __init__(self, keys: dict[str, list[frozenset[str]]], prefixes: Iterable[str]) -> None:
        # The whole words of each cue, filed under its longest one; the one-token `*` cues.
        self.keys = keys
        self.keyset = frozenset(keys)
        self.prefixes = frozenset(prefixes)
        self.lengths = sorted({len(p) for p in self.prefixes})  # prefix lengths to try
        # The first letters every `*` cue shares a length of: a token whose start is none of
        # these needs no prefix lookups (most tokens).
        short = self.lengths[0] if self.lengths else 0
        self.heads = {p[:short] for p in self.prefixes}
        self.cut = slice(0, short)

    def could_match(self, words: set[str]) -> bool:
        """False only when no cue can be among these tokens."""
        for key in words & self.keyset:  # set & set walks the smaller one
            if any(need <= words for need in self.keys[key]):
                return True  # every whole word of some cue is there (in some order)
        if self.heads.isdisjoint(map(getitem, words, repeat(self.cut))):
            return False
        prefixes, lengths = self.prefixes, self.lengths
        return any(w[:n] in prefixes for w in words for n in lengths if n <= len(w))


# Per group of rules sharing a model: its cue gate, and the words that open a secrecy form of
# those it searches first. None: some draft of any words is weighed (a form without a gate).
Gates = tuple[tuple[CueGate, frozenset[str]], ...] | None
