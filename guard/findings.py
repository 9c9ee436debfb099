"""Hits -> findings: allow lists, exclude, context, near, one finding per span, quiet periods.

The engine runs these per draft under the pack's time budget (`Deadline`); each is a plain
function of the draft, its tokens and the rules, so the order of the stages reads in one place.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import replace

from guard.detect.terms import TermEntry, TermMatcher
from guard.filters import Deadline, NearIndex, Tokens, patterns_in_window, words_in_window
from guard.models import SEVERITIES, Evidence, Finding, HashedTerms, Hit, MatchOptions, Rule
from guard.report.redact import redact_finding


def escalated(finding: Finding, rule: Rule | None, periods: tuple[str, ...]) -> Finding:
    """The finding at its rule's escalated severity when a quiet period calls for it."""
    # A quiet period raises a rule's severity (and so the score); it never lowers it.
    esc = rule.escalate if rule is not None else None
    if esc is None or not set(esc.during) & set(periods):
        return finding
    if SEVERITIES.index(esc.severity) <= SEVERITIES.index(finding.severity):
        return finding
    return replace(finding, severity=esc.severity)


def phrase_matcher(
    phrases: Sequence[str], hashed: Sequence[HashedTerms] = ()
) -> TermMatcher:
    """A matcher over allowed phrases (and a hashed pack's allowed digests)."""
    # Allowed phrases go through the term matcher, so a disguised public phrase stays allowed;
    # a hashed pack's allow phrases that named a term match by digest, as its terms do.
    entries = [TermEntry("allow", p, MatchOptions()) for p in phrases]
    pseudo = [
        Rule("allow", "hashed", "allow", "info", 1.0, "allowed", hashed=h) for h in hashed
    ]
    return TermMatcher(entries, pseudo)


def hashed_allow(rule: Rule) -> tuple[HashedTerms, ...]:
    """A hashed rule's allowed-phrase digests, as a tuple for `phrase_matcher`."""
    allowed = rule.hashed.allowed() if rule.hashed is not None else None
    return (allowed,) if allowed is not None else ()


class Spans:
    """Allowed spans, answering "is this hit inside one?" in log time, not one pass per hit."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end among spans starting at or before
        for _, e in ordered:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def covers(self, hit: Hit) -> bool:
        i = bisect.bisect_right(self._starts, hit.start)
        return i > 0 and self._reach[i - 1] >= hit.end


def excluded(text: str, tokens: Tokens, hit: Hit, rule: Rule, deadline: Deadline) -> bool:
    """True when an `exclude` word or pattern is within the rule's window of the hit."""
    assert rule.exclude is not None
    window = rule.exclude.window
    if words_in_window(tokens, hit.start, hit.end, rule.exclude.words, window):
        return True
    return bool(
        patterns_in_window(
            text, tokens, hit.start, hit.end, rule.exclude.patterns, window, deadline
        )
    )


def apply_near(
    text: str,
    candidates: list[tuple[Rule, Hit, float, tuple[str, ...]]],
    tokens: Tokens,
    deadline: Deadline,
) -> list[Finding]:
    """Candidates -> findings, dropping those whose `near` partner is not close enough."""
    findings = []
    index = (
        NearIndex(tokens, [(r.id, r.category, h.start, h.end) for r, h, _, _ in candidates])
        if any(rule.near is not None for rule, *_ in candidates)
        else None
    )
    for n, (rule, hit, confidence, context) in enumerate(candidates):
        if n % 256 == 0:
            deadline.remaining()
        near_words: tuple[str, ...] = ()
        if rule.near is not None and index is not None:
            near_words = index.partners(
                (hit.start, hit.end),
                rule.id,
                rule.near.categories,
                rule.near.rules,
                rule.near.window,
                deadline,
            )
            if not near_words:
                continue
        finding = Finding(
            rule=rule.id,
            category=rule.category,
            severity=rule.severity,
            confidence=round(confidence, 2),
            start=hit.start,
            end=hit.end,
            text=text[hit.start : hit.end],
            message=rule.message,
            suggestion=hit.suggestion or rule.suggestion,
            evidence=Evidence(hit.via, hit.normalized, context or hit.cues, near_words),
        )
        findings.append(redact_finding(finding) if rule.redact else finding)
    return findings


def stand_aside(findings: list[Finding], defer: dict[str, tuple[str, ...]]) -> list[Finding]:
    """Drop the findings of a rule that defers to a rule reporting on the draft (`defer_to`:
    the special-category scorer where a regex rule of the family already said it)."""
    if not defer:
        return findings
    reported = {f.rule for f in findings}
    return [f for f in findings if not reported.intersection(defer.get(f.rule, ()))]


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and overlapping span (the longest, then the most confident)."""
    # One rule matching overlapping spans (a term and its longer variant) is one finding.
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.rule, f.start, -(f.end - f.start), -f.confidence)):
        last = kept[-1] if kept else None
        if last is not None and last.rule == f.rule and f.start < last.end:
            continue
        kept.append(f)
    return kept
