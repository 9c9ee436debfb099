"""Whether the events rules could fire on a draft at all, told without loading their detector.

The events detector weighs a draft only when its tokens may hold a cue (`CueGate`, the cue
index's own test) or one of them opens a `secrecy:` form that says "nonpublic" or "inside"
(what `secrecy.secrecy_groups` searches before any cue); any other draft gets no hit. This
module holds those tests and the cue tokenizer, and nothing else: a draft they turn away (a
third of the real posts, and a cold `guard check hello`) loads none of the detector's modules,
its cue index or its model.

The gates are read off the built detector (`EventDetector.gates`) and kept in the pack cache
with the cue index (`prime`), used only by the code that built them (`fingerprint`). A pack
read without the cache builds the detector at once, as before, and takes its gates.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from operator import getitem
from typing import TYPE_CHECKING, Any

from guard.detect.latin import latin

if TYPE_CHECKING:
    from guard.detect.events.detector import EventDetector
    from guard.models import Hit, Rule

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
Key = tuple[tuple[str, str, Any], ...]  # (id, category, events) of each rule, in order

# The modules whose code decides which drafts the detector weighs (`fingerprint`).
_SOURCES = ("cues.py", "secrecy.py", "detector.py", "gate.py")
_MOST = 16  # a long-lived process that reloads edited packs keeps only the latest ones
_KNOWN: dict[Key, Gates] = {}
_cue_sets: list[bytes] = []  # the pack cache's pickled cue index, read with the detector
_fingerprint: str | None = None


def key(rules: Sequence[Rule]) -> Key:
    """What the gates of these events rules are filed under."""
    return tuple((r.id, r.category, r.events) for r in rules)


def fingerprint() -> str | None:
    """The digest of the source of the modules the gates and the cue index depend on; None
    when one cannot be read (nothing is then taken from a cache)."""
    global _fingerprint
    if _fingerprint is None:
        from guard.digest import hexdigest

        here = os.path.dirname(__file__)
        parts = []
        try:
            for name in _SOURCES:
                with open(os.path.join(here, name), "rb") as fh:
                    parts.append(fh.read())
        except OSError:
            return None
        _fingerprint = hexdigest(b"\0".join(parts))
    return _fingerprint


def prime(known: Mapping[Key, Gates], cue_sets: bytes | None) -> None:
    """Take gates and a pickled cue index that this same code built earlier (the pack cache
    checks `fingerprint` first); the cue index is unpickled only when a detector is built."""
    if len(_KNOWN) > _MOST:
        _KNOWN.clear()
    _KNOWN.update(known)
    if cue_sets is not None:
        _cue_sets.append(cue_sets)
        del _cue_sets[:-_MOST]


class GatedEvents:
    """The events detector behind its gates: built on the first draft they let through."""

    def __init__(self, rules: Sequence[Rule], budget_ms: int) -> None:
        self._rules = list(rules)
        self._budget_ms = budget_ms
        self._detector: EventDetector | None = None
        filed = key(self._rules)
        if filed not in _KNOWN:  # not from the pack cache: build now, and take its gates
            _KNOWN[filed] = self._built().gates()
        self._gates = _KNOWN[filed]

    def find(self, text: str) -> list[Hit]:
        """The event hits of one draft: none, without the detector, when the gates are shut."""
        if self._gates is not None and not self._opens(text):
            return []
        return self._built().find(text)

    def preload(self) -> None:
        """Build the detector now (`Guard.preload`, before worker processes fork)."""
        self._built().preload()

    def _opens(self, text: str) -> bool:
        assert self._gates is not None
        # The detector's own reading: Latin letters, straight apostrophes, casefolded.
        folded = latin(text).translate(FOLD)
        low = folded.casefold()
        if len(low) != len(folded):
            return True  # a character grew when casefolded (ß): the detector cuts it otherwise
        words = set(token_list(low))
        return any(cue.could_match(words) or not secrecy.isdisjoint(words)
                   for cue, secrecy in self._gates)

    def _built(self) -> EventDetector:
        if self._detector is None:
            import pickle

            from guard.detect.events import cues
            from guard.detect.events.detector import EventDetector

            while _cue_sets:
                cues.prime(pickle.loads(_cue_sets.pop()))
            self._detector = EventDetector(self._rules, self._budget_ms)
        return self._detector
