"""Whether the events rules could fire on a draft at all, told without loading their detector.

The events detector weighs a draft only when its tokens may hold a cue (`CueGate`, the cue
index's own test) or one of them opens a `secrecy:` form that says "nonpublic" or "inside"
(what `secrecy.secrecy_groups` searches before any cue); any other draft gets no hit. This
module and `cuegate` hold those tests and the cue tokenizer, and nothing else: a draft they
turn away (1,437 of the 7,000 real posts, and a cold `guard check hello`) loads none of the
detector's modules or its model, and builds nothing of it.

The gates are read off the built detector (`EventDetector.gates`) and kept in the pack cache
with the cue index (`prime`), used only by the code that built them (`fingerprint`). The index
is read with the pack, in one pickle that shares its words with the rules': pickled apart, it
cost a draft the gates let through more than they save on one they turn away. A pack read
without the cache builds the detector at once, as before, and takes its gates; once the
detector is built, it reads every draft itself (its first tests are the gates).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from guard.detect.events.cuegate import FOLD, Gates, token_list
from guard.detect.latin import latin

if TYPE_CHECKING:
    from guard.detect.events.detector import EventDetector
    from guard.models import Hit, Rule

Key = tuple[tuple[str, str, Any], ...]  # (id, category, events) of each rule, in order

# The modules whose code decides which drafts the detector weighs (`fingerprint`).
_SOURCES = ("cuegate.py", "cues.py", "secrecy.py", "senses.py", "detector.py", "gate.py")
_MOST = 16  # a long-lived process that reloads edited packs keeps only the latest ones
_KNOWN: dict[Key, Gates] = {}
_cue_sets: list[Mapping[Any, Any]] = []  # the pack cache's cue index, for the detector
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


def prime(known: Mapping[Key, Gates], cue_sets: Mapping[Any, Any] | None) -> None:
    """Take gates and a cue index that this same code built earlier (the pack cache checks
    `fingerprint` first); the cue index goes to the detector when one is built."""
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
        # Once built, the detector asks the same first (its cue and secrecy gates), once: a
        # warm process reads every draft as it did before the gate.
        if self._detector is None and self._gates is not None and not self._opens(text):
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
            from guard.detect.events import cues
            from guard.detect.events.detector import EventDetector

            while _cue_sets:
                cues.prime(_cue_sets.pop())
            self._detector = EventDetector(self._rules, self._budget_ms)
        return self._detector
