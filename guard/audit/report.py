"""Audit rows -> the compliance report: checks, verdicts per day, each rule's noise.

`summarise` returns plain data (the JSON shape); `render_text` and `render_csv` only format it;
the HTML page is in html.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter, defaultdict
from typing import Any

from guard.errors import UsageError

VERDICTS = ("allow", "warn", "block")
_AGE = re.compile(r"(\d+)([hdw])")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def parse_age(value: str, option: str) -> dt.timedelta:
    """`30d`, `12h`, `4w` -> a timedelta, or a usage error that says how to write it."""
    found = _AGE.fullmatch(value.strip())
    if not found or int(found.group(1)) == 0:
        raise UsageError(f"{option} '{value}' is not an age; write a number and a unit: "
                         "12h, 30d, 365d, 4w")
    return dt.timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})


def summarise(rows: dict[str, list[dict[str, Any]]], since: dt.datetime | None) -> dict[str, Any]:
    """The report's data: totals, verdicts per day, rules noisiest first."""
    checks = rows["checks"]
    by_id = {c["id"]: c for c in checks}
    verdicts = Counter(c["verdict"] for c in checks)
    days: dict[str, Counter[str]] = defaultdict(Counter)
    fires: Counter[str] = Counter()
    for c in checks:
        days[c["at"].date().isoformat()][c["verdict"]] += 1
        fires.update(c["rules"].split())
    overridden: Counter[str] = Counter()
    accepted = 0
    for o in rows["overrides"]:
        check = by_id.get(o["check_id"])
        accepted += bool(o["accepted"])
        if check is not None and o["accepted"]:
            overridden.update(set(check["rules"].split()))
    false_alarms: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for f in rows["feedback"]:
        (false_alarms if f["kind"] == "false-alarm" else missed)[f["rule"]] += 1
    rules = []
    for rule in set(fires) | set(false_alarms) | set(missed):
        fired = fires[rule]
        rules.append({
            "rule": rule,
            "fires": fired,
            "overrides": overridden[rule],
            "override_rate": round(overridden[rule] / fired, 3) if fired else 0.0,
            "false_alarms": false_alarms[rule],
            "missed": missed[rule],
        })
    # Noisiest first: reported false alarms, then how often authors overrode it, then volume.
    rules.sort(key=lambda r: (-r["false_alarms"], -r["override_rate"], -r["fires"], r["rule"]))
    out: dict[str, Any] = {
        "since": since.isoformat(timespec="seconds") + "Z" if since else None,
        "checks": len(checks),
        "verdicts": {v: verdicts[v] for v in VERDICTS},
        "overrides": {"requested": len(rows["overrides"]), "accepted": accepted},
        "feedback": {"false-alarm": sum(false_alarms.values()), "missed": sum(missed.values())},
        "days": [{"day": day, **{v: days[day][v] for v in VERDICTS}} for day in sorted(days)],
        "rules": rules,
    }
    periods = Counter(c["period"] for c in checks if c["period"])
    if periods:
        out["periods"] = dict(sorted(periods.items()))  # checks made inside calendar periods
    return out


def render_text(data: dict[str, Any]) -> str:
    """The report for a terminal."""
    v, o = data["verdicts"], data["overrides"]
    lines = [f"{data['checks']} checks since {data['since'] or 'the start'}: "
             f"{v['allow']} allow, {v['warn']} warn, {v['block']} block; "
             f"{o['accepted']}/{o['requested']} overrides accepted; "
             f"{data['feedback']['false-alarm']} false-alarm and {data['feedback']['missed']} "
             "missed-leak reports"]
    for name, count in (data.get("periods") or {}).items():
        lines.append(f"{count} checks during calendar period {name}")
    lines.append("")
    lines.append("day         allow  warn  block")
    lines += [f"{d['day']}  {d['allow']:5}  {d['warn']:4}  {d['block']:5}" for d in data["days"]]
    lines.append("")
    lines.append("rules, noisiest first       fires  overridden  false alarms  missed")
    for r in data["rules"]:
        lines.append(f"{r['rule']:<26} {r['fires']:6}  {r['override_rate']:9.0%}  "
                     f"{r['false_alarms']:12}  {r['missed']:6}")
    if not data["rules"]:
        lines.append("(no rule fired)")
    return "\n".join(lines)


def render_csv(data: dict[str, Any]) -> str:
    """One row per rule, noisiest first, with the totals as a leading `*` row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["rule", "fires", "overrides", "override_rate", "false_alarms", "missed"])
    writer.writerow(["*", data["checks"], data["overrides"]["accepted"], "",
                     data["feedback"]["false-alarm"], data["feedback"]["missed"]])
    for r in data["rules"]:
        writer.writerow([r["rule"], r["fires"], r["overrides"], r["override_rate"],
                         r["false_alarms"], r["missed"]])
    return out.getvalue()
