"""The events detector skips its decision where no rule can fire: `lowest_need` is a floor under
`needed` for every combination of the groups `needed` reads, with the default pack's thresholds
and with awkward ones (a secret threshold above the others, all equal, zero)."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest

from guard.detect.events.detector import EventDetector, lowest_need, needed
from guard.models import EventCues
from guard.packs.loader import load_pack

# Every name `needed` looks at, and kinds of this category and of another.
_READ = ("public", "nonpublic", "unsaid", "told", "elsewhere", "labels", "customer", "figure",
         "ahead", "own", "kind:mnpi:deal", "kind:incident:breach")


def _all_groups() -> list[frozenset[str]]:
    return [frozenset(c) for n in range(len(_READ) + 1) for c in combinations(_READ, n)]


def _pack_cues() -> list[EventCues]:
    return [r.events for r in load_pack(["default"]).rules if r.events is not None]


@pytest.mark.parametrize("thresholds", [
    None,  # the default pack's own
    dict(threshold=0.3, public_threshold=0.2, secret_threshold=0.9, bare_threshold=0.1),
    dict(threshold=0.5, public_threshold=0.5, secret_threshold=0.5, bare_threshold=0.5),
    dict(threshold=0.0, public_threshold=0.0, secret_threshold=0.0, bare_threshold=0.0),
    dict(threshold=0.95, public_threshold=0.99, secret_threshold=0.01, bare_threshold=0.97),
])
def test_lowest_need_is_below_needed_for_every_combination_of_groups(thresholds):
    cues = _pack_cues()
    assert cues, "the default pack has events rules"
    if thresholds is not None:
        cues = [replace(ev, **thresholds) for ev in cues]
    groups = _all_groups()
    for ev in cues:
        floor = lowest_need(ev)
        for category in ("mnpi", "incident", "roadmap"):
            assert all(needed(ev, category, g) >= floor for g in groups)


def test_the_floor_is_reached_somewhere():
    # Not a vacuous floor: with a secret, one's own company and the kind, `needed` is the floor
    # or the rule's threshold, whichever is lower.
    for ev in _pack_cues():
        g = frozenset({"nonpublic", "own", "kind:mnpi:deal", "figure"})
        assert needed(ev, "mnpi", g) == lowest_need(ev)


def test_drafts_that_fire_still_fire_with_the_skip():
    detector = EventDetector(load_pack(["default"]).rules)
    hits = detector.find("Confidential: we will announce the acquisition of Globex on Monday, "
                         "$2.4bn, do not share before the press release")
    assert [h.rule_id for h in hits] == ["event.mnpi"]
    assert detector.find("Lovely walk by the river this morning") == []
