"""`guard rules test`: every rule's examples through the full engine, as of a given day.

Examples run through `Guard.check_many`, so `near`, `allow`, `context` and `exclude` take part
exactly as they do for a real draft: a `flag` example must give a finding of its rule, a `pass`
example none from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from guard.detect.registry import is_nlp
from guard.engine import Guard
from guard.errors import CheckError
from guard.models import Finding, Report, Rule
from guard.packs.loader import Pack


@dataclass(frozen=True, slots=True)
class Outcome:
    """One example: the draft, what the rule should do, what the engine found."""

    rule: str
    source: str
    expect: str  # flag | pass
    draft: str
    ok: bool
    found: tuple[str, ...] = ()  # the rule's own findings, as `"text" at start-end (via)`
    others: tuple[str, ...] = ()  # findings of other rules, to explain a surprise
    error: str = ""


@dataclass
class Results:
    """All outcomes of a pack, and the rules that could not be tested."""

    outcomes: list[Outcome] = field(default_factory=list)
    without_examples: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # rule id -> why

    @property
    def failures(self) -> list[Outcome]:
        """The examples that did not behave as written."""
        return [o for o in self.outcomes if not o.ok]


def run_examples(pack: Pack, today: dt.date | None = None, nlp: bool = True) -> Results:
    """Check every example of every rule; rules off today or needing NLP (when off) are skipped."""
    day = today or dt.date.today()
    guard = Guard(pack, today=day, nlp=nlp)
    results = Results()
    cases: list[tuple[Rule, str, str]] = []
    for rule in pack.rules:
        if not (rule.examples.flag or rule.examples.passes):
            results.without_examples.append(rule.id)
            continue
        if not rule.is_active(day):
            results.skipped[rule.id] = f"not active on {day} (use --today to test it)"
            continue
        if is_nlp(rule) and not nlp:
            results.skipped[rule.id] = "needs the NLP models (--no-nlp)"
            continue
        cases += [(rule, "flag", d) for d in rule.examples.flag]
        cases += [(rule, "pass", d) for d in rule.examples.passes]
    reports = _check_all(guard, [d for _, _, d in cases])
    for (rule, expect, draft), report in zip(cases, reports, strict=True):
        results.outcomes.append(_outcome(rule, expect, draft, report))
    return results


def _check_all(guard: Guard, drafts: Sequence[str]) -> list[Report | str]:
    try:
        return list(guard.check_many(drafts))
    except CheckError:
        pass  # one draft broke the batch (a pattern past its time limit): find which
    out: list[Report | str] = []
    for draft in drafts:
        try:
            out.append(guard.check(draft))
        except CheckError as exc:
            out.append(exc.describe())
    return out


def _show(finding: Finding) -> str:
    return (f"{finding.rule}: \"{finding.text}\" at {finding.start}-{finding.end} "
            f"({finding.evidence.via}, confidence {finding.confidence:.2f})")


def _outcome(rule: Rule, expect: str, draft: str, report: Report | str) -> Outcome:
    source = str(rule.source) if rule.source else "?"
    if isinstance(report, str):
        return Outcome(rule.id, source, expect, draft, False, error=report)
    own = tuple(_show(f) for f in report.findings if f.rule == rule.id)
    others = tuple(_show(f) for f in report.findings if f.rule != rule.id)
    ok = bool(own) if expect == "flag" else not own
    return Outcome(rule.id, source, expect, draft, ok, own, others)
