"""Every per-draft filter (allow, exclude, context, near) runs under the pack's time budget."""

from __future__ import annotations

import pytest

from guard import Guard
from guard.errors import CheckError

NEAR_PACK = """\
version: 1
settings:
  pattern_timeout_ms: {budget}
rules:
  - id: mnpi.figure
    category: mnpi
    severity: high
    terms: ["alpha"]
    near: {{category: [finance], window: 2}}
  - id: finance.word
    category: finance
    severity: low
    terms: ["beta"]
"""


def test_near_over_many_candidates_stops_at_the_budget(write_pack):
    # 10,000 candidates: before, `near` compared every pair (seconds, with no budget at all).
    guard = Guard.from_files([str(write_pack(NEAR_PACK.format(budget=1)))], nlp=False)
    with pytest.raises(CheckError, match="ran past the time limit of 1 ms"):
        guard.check("alpha beta " * 5000, platform="mastodon")


def test_near_over_many_candidates_exits_3_on_the_command_line(cli, write_pack, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("alpha beta " * 5000, encoding="utf-8")
    run = cli("check", "--no-nlp", "-r", write_pack(NEAR_PACK.format(budget=1)), "--file", draft)
    assert run.code == 3
    assert "the draft was not checked" in run.err


def test_near_finds_partners_only_inside_the_window(write_pack):
    guard = Guard.from_files([str(write_pack(NEAR_PACK.format(budget=5000)))], nlp=False)
    def near(draft: str) -> list[tuple[int, tuple[str, ...]]]:
        found = guard.check(draft).findings
        return [(f.start, f.evidence.near) for f in found if f.rule == "mnpi.figure"]

    assert near("alpha one two beta") == [(0, ("finance.word",))]
    assert near("beta one two alpha") == [(13, ("finance.word",))]
    assert near("alpha one two three beta") == []
    assert near("beta one two three alpha") == []
    assert near("alpha alpha alpha") == []


def test_a_slow_exclude_pattern_exits_3_not_a_hang(write_pack):
    # Slow but not catastrophic enough for the load-time probe: the budget has to stop it.
    path = write_pack("""\
        version: 1
        settings: {pattern_timeout_ms: 50}
        rules:
          - id: codename.falcon
            terms: [Falcon]
            exclude: {patterns: ['(a+)+b'], window: 100}
        """)
    guard = Guard.from_files([str(path)], nlp=False)
    with pytest.raises(CheckError, match="the exclude pattern '\\(a\\+\\)\\+b' ran past"):
        guard.check("Falcon " + "a" * 3000, platform="mastodon")


def test_many_allowed_hits_are_filtered_in_log_time(write_pack):
    path = write_pack("""\
        version: 1
        settings: {pattern_timeout_ms: 60000}
        allow: ["Falcon Heavy"]
        rules:
          - id: codename.falcon
            terms: [Falcon]
        """)
    guard = Guard.from_files([str(path)], nlp=False)
    report = guard.check("Falcon Heavy " * 2000 + "Falcon", platform="mastodon")
    found = [(f.rule, f.start) for f in report.findings if f.rule != "length.limit"]
    assert found == [("codename.falcon", 26000)]
