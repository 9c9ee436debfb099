"""Quiet periods: a rule escalated inside its period and not outside; errors at file:line:col."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from guard.engine import Guard
from guard.errors import RulePackError
from guard.packs.loader import load_pack
from guard.packs.loop import periods_in_force
from guard.packs.schema import json_schema
from tests.audit.packs import LOOP_PACK
from tests.conftest import Run

DRAFT = "Lunch with Globex 🍣 demain à Paris"


def _report(cli: Callable[..., Run], pack: Path, day: str) -> dict:
    run = cli("check", DRAFT, "--rules", str(pack), "--no-nlp", "--today", day,
              "--format", "json")
    return {"code": run.code, **json.loads(run.out)}


def test_a_rule_is_escalated_inside_its_period_and_not_outside(
    write_pack: Callable[..., Path], cli: Callable[..., Run]
) -> None:
    pack = write_pack(LOOP_PACK)
    outside = _report(cli, pack, "2026-11-30")
    assert (outside["code"], outside["verdict"], outside["findings"][0]["severity"]) == (
        0, "warn", "high")
    assert "period" not in outside  # a report outside any period is exactly as before
    for day in ("2026-12-01", "2027-01-20"):  # both ends inclusive
        inside = _report(cli, pack, day)
        assert (inside["code"], inside["verdict"], inside["findings"][0]["severity"],
                inside["period"]) == (1, "block", "critical", "q4-quiet")
        assert (inside["findings"][0]["start"], inside["findings"][0]["end"]) == (11, 17)
    text = cli("check", DRAFT, "--rules", str(pack), "--no-nlp", "--today", "2026-12-24")
    assert text.out.splitlines()[1] == "  period in force: q4-quiet (escalated rules are stricter)"


def test_without_today_the_period_follows_its_time_zone(write_pack: Callable[..., Path]) -> None:
    calendar = load_pack([str(write_pack(LOOP_PACK))]).settings.calendar
    # 2026-12-01 03:00 UTC is still 30 November in New York: the period has not begun there.
    assert periods_in_force(calendar, None, dt.datetime(2026, 12, 1, 3, tzinfo=dt.timezone.utc)
                            ) == ()
    assert periods_in_force(calendar, None, dt.datetime(2026, 12, 1, 6, tzinfo=dt.timezone.utc)
                            ) == ("q4-quiet",)


def test_the_digest_covers_the_calendar_and_is_unchanged_without_one(
    write_pack: Callable[..., Path]
) -> None:
    plain = LOOP_PACK.split("calendar:")[0] + "rules:" + LOOP_PACK.split("rules:")[1]
    plain = plain.replace("    escalate: {during: [q4-quiet], severity: critical}\n", "")
    base = Guard.from_files([str(write_pack(plain, "a.yaml"))], nlp=False).pack.digest
    again = Guard.from_files([str(write_pack(plain.replace("overrides: {warn: allowed, "
                                                           "block: never}\n", ""), "b.yaml"))],
                             nlp=False).pack.digest
    assert base != again  # overrides are policy too
    one = load_pack([str(write_pack(LOOP_PACK, "c.yaml"))]).digest
    moved = load_pack([str(write_pack(LOOP_PACK.replace("2027-01-20", "2027-01-21"),
                                      "d.yaml"))]).digest
    assert one != moved


@pytest.mark.parametrize(("edit", "expected"), [
    (("[q4-quiet]", "[q4-quite]"),
     "pack.yaml:30:25: client.globex: escalate.during: no calendar period named 'q4-quite' "
     "(periods: q4-quiet) (define it under 'calendar:' or fix the name)"),
    (("America/New_York", "Mars/Olympus"),
     "pack.yaml:5:68: calendar: 'Mars/Olympus' is not a known time zone (use an IANA name such "
     "as America/New_York or UTC)"),
    (("end: 2027-01-20", "end: 2026-01-20"),
     "pack.yaml:5:46: calendar: period 'q4-quiet' ends (2026-01-20) before it starts "
     "(2026-12-01) (swap the dates)"),
    (("start: 2026-12-01", "start: 2026-13-01"),
     "pack.yaml:5:29: calendar.start: '2026-13-01' is not a date (write it as YYYY-MM-DD)"),
    (("severity: critical}", "severity: severe}"),
     "pack.yaml:30:46: client.globex: rules.escalate.severity: 'severe' is not one of info, low, "
     "medium, high, critical (use one of: info, low, medium, high, critical)"),
    (("override: never", "override: maybe"),
     "pack.yaml:19:15: codename.kestrel: rules.override: 'maybe' is not one of never, reason "
     "(use one of: never, reason)"),
])
def test_calendar_errors_name_file_line_and_column(
    write_pack: Callable[..., Path], edit: tuple[str, str], expected: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = write_pack(LOOP_PACK.replace(*edit))
    monkeypatch.chdir(path.parent)
    with pytest.raises(RulePackError) as caught:
        load_pack(["pack.yaml"])
    assert caught.value.describe() == f"{path.parent}/{expected}"


def test_lint_reports_an_undefined_period(write_pack: Callable[..., Path],
                                          cli: Callable[..., Run]) -> None:
    path = write_pack(LOOP_PACK.replace("[q4-quiet]", "[earnings]"))
    run = cli("rules", "lint", str(path))
    assert run.code == 2
    assert "escalate.during: no calendar period named 'earnings'" in run.out


def test_schema_describes_the_loop_keys() -> None:
    schema = json_schema()
    assert set(schema["properties"]) >= {"calendar", "overrides", "audit"}
    rule = schema["properties"]["rules"]["items"]["properties"]
    assert rule["escalate"]["required"] == ["during", "severity"]
    assert rule["override"]["enum"] == ["never", "reason"]


@pytest.mark.nlp
def test_the_commented_quiet_period_of_the_default_pack_works_when_uncommented(
    tmp_path: Path,
) -> None:
    from guard.packs.loader import bundled_dir

    text = (bundled_dir() / "mnpi.yaml").read_text(encoding="utf-8")
    assert "\ncalendar:" not in text and "\n    escalate:" not in text  # off by default
    enabled = (text.replace("# calendar:", "calendar:")
               .replace("#   - {name: q4-quiet", "  - {name: q4-quiet")
               .replace("    # escalate:", "    escalate:"))
    (tmp_path / "mnpi.yaml").write_text(enabled, encoding="utf-8")
    pack = load_pack([str(tmp_path / "mnpi.yaml")])
    escalated = [r.id for r in pack.rules if r.escalate is not None]
    assert len(escalated) == 6 and all(r.startswith("mnpi.") for r in escalated)
    draft = "Great quarter, can't wait for the earnings call"
    inside = Guard(pack, today=dt.date(2027, 1, 5)).check(draft)
    outside = Guard(pack, today=dt.date(2027, 2, 5)).check(draft)
    assert (inside.verdict, inside.period) == ("block", "q4-quiet")
    assert (outside.verdict, outside.period) == ("warn", None)
