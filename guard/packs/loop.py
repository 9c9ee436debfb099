"""The compliance loop's pack keys: `overrides`, `audit`, `calendar`, a rule's `escalate`.

The loader hands each file's document here; periods merge by name across `extends` (a later
file redefines a period), overrides merge verdict by verdict, `audit` key by key. Every problem
is a RulePackError at the line and column where it was written.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from guard.errors import RulePackError
from guard.models import Period, Rule
from guard.record import field, record

if TYPE_CHECKING:  # annotations only: checking drafts with a cached pack needs no YAML parser
    from guard.packs.yamlsrc import LocDict

DEFAULT_OVERRIDES = {"warn": "allowed", "block": "never"}


@record(frozen=False, slots=False)
class LoopKeys:
    """What the files of a stack said so far about overrides, audit and the calendar."""

    overrides: dict[str, str] = field(default_factory=dict)
    audit_text: str | None = None
    periods: dict[str, Period] = field(default_factory=dict)
    # Where each rule's `escalate.during` names were written, to point at an undefined one.
    during_at: dict[str, list[tuple[str, str, int, int]]] = field(default_factory=dict)

    def merge(self, name: str, doc: LocDict, errors: list[RulePackError]) -> None:
        """Take one file's `overrides`, `audit` and `calendar`."""
        self.overrides.update(doc.get("overrides") or {})
        audit = doc.get("audit") or {}
        if "store_text" in audit:
            self.audit_text = audit["store_text"]
        calendar = doc.get("calendar") or []
        seen: set[str] = set()
        for i, raw in enumerate(calendar):
            line, col = calendar.item_pos[i]
            period = _period(name, raw, line, col, errors)
            if period is None:
                continue
            if period.name in seen:
                errors.append(RulePackError(name, line, col, None, f"calendar: period "
                                            f"'{period.name}' is defined twice in this file",
                                            "give each period its own name"))
            seen.add(period.name)
            self.periods[period.name] = period

    def note_rule(self, name: str, raw: LocDict) -> None:
        """Remember where a rule's `escalate.during` names were written."""
        esc = raw.get("escalate")
        if not esc:
            self.during_at.pop(raw["id"], None)  # an override by id drops the old escalation
            return
        during = esc["during"]
        places = []
        if isinstance(during, list):
            for j, item in enumerate(during):
                places.append((item, name, *during.item_pos[j]))
        else:
            places.append((during, name, *esc.value_pos["during"]))
        self.during_at[raw["id"]] = places

    def check(self, rules: tuple[Rule, ...], errors: list[RulePackError]) -> None:
        """An escalation naming a period no file defines is an error, not a silent no-op."""
        kept = {r.id for r in rules}
        for rid, places in self.during_at.items():
            for period, file, line, col in places:
                if rid in kept and period not in self.periods:
                    known = ", ".join(sorted(self.periods)) or "none defined"
                    errors.append(RulePackError(
                        file, line, col, rid, f"escalate.during: no calendar period named "
                        f"'{period}' (periods: {known})",
                        "define it under 'calendar:' or fix the name"))

    def settings(self) -> dict[str, Any]:
        """Keyword arguments for Settings; empty when the stack never used these keys."""
        out: dict[str, Any] = {}
        if self.overrides:
            out["overrides"] = tuple(sorted({**DEFAULT_OVERRIDES, **self.overrides}.items()))
        if self.audit_text is not None:
            out["audit_text"] = self.audit_text
        if self.periods:
            out["calendar"] = tuple(sorted(self.periods.values(), key=lambda p: p.start))
        return out


def _period(name: str, raw: LocDict, line: int, col: int,
            errors: list[RulePackError]) -> Period | None:
    start = dt.date.fromisoformat(str(raw["start"]))
    end = dt.date.fromisoformat(str(raw["end"]))
    zone = raw.get("timezone", "UTC")
    ok = True
    if start > end:
        errors.append(RulePackError(name, *raw.value_pos["end"], None, f"calendar: period "
                                    f"'{raw['name']}' ends ({end}) before it starts ({start})",
                                    "swap the dates"))
        ok = False
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only for packs with a calendar

    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        errors.append(RulePackError(name, *raw.value_pos["timezone"], None,
                                    f"calendar: '{zone}' is not a known time zone",
                                    "use an IANA name such as America/New_York or UTC"))
        ok = False
    return Period(raw["name"], start, end, zone) if ok else None


def periods_in_force(calendar: tuple[Period, ...], today: dt.date | None,
                     now: dt.datetime | None = None) -> tuple[str, ...]:
    """The names of the periods covering `today` (a fixed date) or now in each period's zone."""
    found = []
    for period in calendar:
        if today is not None:
            day = today
        else:
            from zoneinfo import ZoneInfo

            moment = now or dt.datetime.now(dt.timezone.utc)
            day = moment.astimezone(ZoneInfo(period.timezone)).date()
        if period.start <= day <= period.end:
            found.append(period.name)
    return tuple(found)


def override_level(overrides: tuple[tuple[str, str], ...], verdict: str) -> str:
    """`allowed` or `never` for a verdict, the pack's word or the default."""
    return dict(overrides).get(verdict) or DEFAULT_OVERRIDES.get(verdict, "never")
