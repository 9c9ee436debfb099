"""Fuzzing packs and drafts: no traceback, no hang past the budget, no pass on an unchecked draft.

Small packs (terms, patterns that may backtrack, near, context, exclude, odd numbers) and
drafts (emoji, CJK, accents, look-alikes, long runs) go through the loader and the engine.
Every failure must be a GuardError with exit 2 (the pack or draft is refused) or 3 (the check
could not run); a report must be a verdict with a finite score that serialises to strict JSON.
The hypothesis deadline is far above the budget: it catches a hang, not a slow run.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guard import Guard
from guard.errors import CheckError, GuardError
from guard.report.shapes import report_dict

WORDS = ["falcon", "Heron", "launch", "q3", "1", "café", "ﬁnal", "F\u0430lcon", "鳥", "🚀",
         "a", "b"]  # fmt: skip
PATTERNS = [r"[0-9]+", r"(a+)+b", r"\bfal\w*", r"x{2,}", r"(?i)heron", r"\S+@\S+", r"(\w+\s?)*!",
            r"^(a|aa)+$"]  # fmt: skip
NUMBERS = st.one_of(st.floats(0, 1), st.sampled_from([math.nan, math.inf, -1.0, 2.0]))


@st.composite
def rules(draw: st.DrawFn, index: int) -> dict:
    rule: dict = {"id": f"cat{draw(st.integers(0, 2))}.r{index}",
                  "severity": draw(st.sampled_from(["low", "medium", "high", "critical"]))}
    if draw(st.booleans()):
        rule["terms"] = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True))
    else:
        rule["pattern"] = draw(st.sampled_from(PATTERNS))
    if draw(st.booleans()):
        rule["confidence"] = draw(NUMBERS)
    if draw(st.booleans()):
        rule["near"] = {"category": [f"cat{draw(st.integers(0, 2))}"],
                        "window": draw(st.integers(1, 5))}
    if draw(st.booleans()):
        rule["context"] = {"words": draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2))}
    if draw(st.booleans()):
        rule["exclude"] = {"patterns": [draw(st.sampled_from(PATTERNS))],
                           "words": draw(st.lists(st.sampled_from(WORDS), max_size=2))}
    return rule


@st.composite
def packs(draw: st.DrawFn) -> dict:
    count = draw(st.integers(1, 4))
    found = [draw(rules(i)) for i in range(count)]
    return {"version": 1, "settings": {"pattern_timeout_ms": draw(st.sampled_from([5, 50]))},
            "rules": found}


DRAFTS = st.one_of(
    st.text(min_size=1, max_size=300),
    st.lists(st.sampled_from([*WORDS, " ", ". ", "\n", "@", "x"]), min_size=1,
             max_size=400).map("".join),
    st.builds(lambda word, n: (word + " ") * n, st.sampled_from(WORDS), st.integers(1, 3000)),
)


def _guard(pack: dict, folder: Path) -> Guard | GuardError:
    path = folder / "pack.yaml"
    path.write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    try:
        return Guard.from_files([str(path)], nlp=False)
    except GuardError as exc:
        assert exc.exit_code == 2, exc.describe()
        return exc


@settings(max_examples=60, deadline=10_000,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(pack=packs(), drafts=st.lists(DRAFTS, min_size=1, max_size=3))
def test_packs_and_drafts_fail_closed(pack: dict, drafts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        guard = _guard(pack, Path(tmp))
    if isinstance(guard, GuardError):
        return  # refused with exit 2: a bad number, a catastrophic pattern
    for result in guard.check_each(drafts):
        if isinstance(result, GuardError):
            # Not checked: exit 2 (the draft is refused) or 3 (the check could not run).
            assert result.exit_code in (2, 3)
            assert isinstance(result, CheckError) or result.exit_code == 2
            continue
        assert result.verdict in ("allow", "warn", "block")
        assert math.isfinite(result.score)
        json.dumps(report_dict(result), allow_nan=False)
