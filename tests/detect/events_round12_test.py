"""The `events` rules, round twelve: tools/events_calibrate.py decides as the detector does
(leak first, category second). The round's cue classes were measured and not kept
(docs/history/events-rounds.md, "Round twelve"); the secrecy forms' time bound is
tests/detect/events_secrecy_budget_test.py."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_calibrate_counts_a_leak_its_named_category_catches():
    sys.path.insert(0, str(ROOT / "tools"))
    import events_calibrate as cal

    row = {"leak": True, "category": "incident", "lang": "fr"}
    quiet = ({"leak": False, "category": "mnpi", "lang": "en"}, {}, set())  # a hard negative
    # mnpi fires at its threshold; the draft names only incident words, at 0.1 >= NAMED_FLOOR
    probs = {"none": 0.0, "mnpi": 0.9, "incident": 0.1, "roadmap": 0.0}
    groups = {"kind:incident:breach", "own", "figure"}
    [(low, _, _, _, _, cells)] = cal.search([(row, probs, groups), quiet], [({}, set())], 1.0, 1.0,
                                             only=(0.5, 0.6, 0.4, 0.0, 0.97))
    assert (low, cells) == (1.0, {"incident/fr": 1.0})
    # below the floor it is not caught under its category
    probs = {"none": 0.07, "mnpi": 0.9, "incident": 0.03, "roadmap": 0.0}
    [(low, *_)] = cal.search([(row, probs, groups), quiet], [({}, set())], 1.0, 1.0,
                             only=(0.5, 0.6, 0.4, 0.0, 0.97))
    assert low == 0.0
