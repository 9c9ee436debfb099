"""Fixtures the events tests of every round share."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.detector import EventDetector
from guard.detect.events.senses import read
from guard.detect.events.shape import decision_groups
from guard.engine import Guard
from guard.packs.loader import load_pack


@pytest.fixture(scope="module")
def pack() -> Guard:
    """The bundled default pack, model-free: what the events rounds' tests check drafts with."""
    return Guard.from_files(["default"], nlp=False)


@pytest.fixture(scope="module")
def cue_groups() -> Callable[[str], set[str]]:
    """The decision's cue groups of a draft, as the default pack's events detector reads it
    (one model, one cue pass): what the secrecy-form tests of rounds 29 and 30 assert on."""
    rules = [r for r in load_pack(["default"]).rules if r.detector == "events"]
    group = EventDetector(rules)._groups[0]

    def groups(text: str) -> set[str]:
        folded = read(fold(text))
        scored = group.score(text, folded)
        if scored is None:
            return set()
        return decision_groups(folded.casefold(), scored[1], group.grammar)

    return groups
