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


class _PausingClock:
    """perf_counter as a busy machine shows it: the process is paused for `pause` seconds just
    before the given calls (counted from the clock's installation)."""

    def __init__(self, pause: float, at_calls: set[int]) -> None:
        import time

        self._real = time.perf_counter
        self._pause, self._at, self.calls, self._offset = pause, at_calls, 0, 0.0

    def perf_counter(self) -> float:
        self.calls += 1
        if self.calls in self._at:
            self._offset += self._pause
        return self._real() + self._offset


EXCLUDE_NEAR_PACK = """\
version: 1
settings: {pattern_timeout_ms: 200}
rules:
  - id: codename.falcon
    category: codename
    severity: high
    terms: [Falcon]
    exclude: {patterns: ['rocket\\s+ship'], window: 5}
  - id: mnpi.figure
    category: mnpi
    severity: high
    terms: ["alpha"]
    near: {category: [finance], window: 2}
  - id: finance.word
    category: finance
    severity: low
    terms: ["beta"]
"""
PAUSED_DRAFT = "Falcon launches next week, alpha beta, and the Falcon rocket ship is not ours"


def _found(report) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return [(f.rule, f.start) for f in report.findings if f.rule != "length.limit"]


def test_one_pause_of_a_busy_machine_does_not_fail_the_draft_closed(write_pack, monkeypatch):
    import time

    guard = Guard.from_files([str(write_pack(EXCLUDE_NEAR_PACK))], nlp=False)
    calm = _found(guard.check(PAUSED_DRAFT, platform="mastodon"))
    assert calm == [("codename.falcon", 0), ("mnpi.figure", 27), ("finance.word", 33)]
    counting = _PausingClock(0.0, set())
    monkeypatch.setattr(time, "perf_counter", counting.perf_counter)
    guard.check(PAUSED_DRAFT, platform="mastodon")
    assert counting.calls >= 4  # the filters' budget: its start, each stage, each exclude search
    # A 1 s pause (the scheduler, a swap-in), five times the budget, wherever it falls in the
    # check: each budget has one fresh start per draft, so the draft is checked the same.
    for k in range(1, counting.calls + 1):
        monkeypatch.setattr(time, "perf_counter", _PausingClock(1.0, {k}).perf_counter)
        assert _found(guard.check(PAUSED_DRAFT, platform="mastodon")) == calm, k


def test_a_second_pause_in_one_draft_fails_it_closed(write_pack, monkeypatch):
    import time

    guard = Guard.from_files([str(write_pack(EXCLUDE_NEAR_PACK))], nlp=False)
    counting = _PausingClock(0.0, set())
    monkeypatch.setattr(time, "perf_counter", counting.perf_counter)
    guard.check(PAUSED_DRAFT, platform="mastodon")
    # A pause before every reading after the budget starts: a stage that keeps outrunning its
    # budget is treated as a runaway one, and the draft is not passed unchecked.
    stalls = set(range(2, counting.calls + 1))
    monkeypatch.setattr(time, "perf_counter", _PausingClock(1.0, stalls).perf_counter)
    with pytest.raises(CheckError, match="ran past the time limit of 200 ms on this draft, so the"
                       " draft was not checked"):
        guard.check(PAUSED_DRAFT, platform="mastodon")


def test_a_validators_first_import_is_no_search_time(write_pack, monkeypatch):
    # Under load, phonenumbers' import on a cold process's first phone match ran the budget
    # out twice and the draft exited 3 ("not checked"); the validators' time is not counted.
    import time

    from guard.detect import validators

    def slow_phone(text: str) -> bool:
        time.sleep(0.12)  # four numbers below: ten times the budget in all
        return True

    monkeypatch.setitem(validators.VALIDATORS, "phone", slow_phone)
    path = write_pack("""\
        version: 1
        settings: {pattern_timeout_ms: 50}
        rules:
          - id: pii.number
            category: pii
            severity: medium
            pattern: '\\b\\d{3}-\\d{4}\\b'
            validate: [phone]
          - id: pii.extension
            category: pii
            severity: medium
            pattern: '\\bx\\d{4}\\b'
            validate: [phone]
          - id: secret.token
            category: secret
            severity: critical
            pattern: '\\bTOKEN-\\d{6}\\b'
        """)
    guard = Guard.from_files([str(path)], nlp=False)
    report = guard.check("call 555-1234 x1234 or 555-9876 x9876, TOKEN-123456", platform="mastodon")
    assert _found(report) == [("pii.number", 5), ("pii.extension", 14), ("pii.number", 23),
                              ("pii.extension", 32), ("secret.token", 39)]


def test_an_exclude_patterns_first_compile_is_no_search_time(write_pack, monkeypatch):
    # The same for a cold process's first compile of the exclude patterns of the rules hit.
    import time

    from guard import filters, findings

    compiled: set[str] = set()
    compile_pattern = filters.compile_pattern

    def slow_first_compile(pattern: str):  # type: ignore[no-untyped-def]
        if pattern not in compiled:
            compiled.add(pattern)
            time.sleep(0.12)
        return compile_pattern(pattern)

    monkeypatch.setattr(filters, "compile_pattern", slow_first_compile)
    monkeypatch.setattr(findings, "compile_pattern", slow_first_compile)
    path = write_pack("""\
        version: 1
        settings: {pattern_timeout_ms: 50}
        rules:
          - id: codename.falcon
            category: codename
            severity: high
            terms: [Falcon]
            exclude: {patterns: ['rocket\\s+ship', 'model\\s+kit'], window: 5}
        """)
    guard = Guard.from_files([str(path)], nlp=False)
    assert _found(guard.check("Falcon is a go for Monday", platform="mastodon")) == [
        ("codename.falcon", 0)]
