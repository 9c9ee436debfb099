"""Hits -> findings: allow lists, exclude, context, near, one finding per span, quiet periods.

`FindingFilter.findings` runs them per draft under the pack's time budget (`Deadline`), in the
order they apply; each stage is a plain function of the draft, its tokens and the rules.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence

from guard.detect.latin import latin
from guard.detect.patterns import compile_pattern
from guard.detect.terms import TermEntry, TermMatcher
from guard.filters import Deadline, NearIndex, Tokens, patterns_in_window, words_in_window
from guard.models import SEVERITIES, Evidence, Finding, HashedTerms, Hit, MatchOptions, Rule
from guard.record import replace
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


class FindingFilter:
    """The stages from hits to findings for the rules active on one day, in the order they run."""

    def __init__(self, rules: Mapping[str, Rule], active: Sequence[Rule],
                 allow_pack: TermMatcher | None, timeout_ms: int) -> None:
        self._rules = rules
        self._allow_pack = allow_pack
        self._timeout_ms = timeout_ms
        self._defer = {r.id: r.defer_to for r in active if r.defer_to}
        self._allow_rule = {
            r.id: phrase_matcher(r.allow, hashed_allow(r))
            for r in active
            if r.allow or hashed_allow(r)
        }

    def findings(self, text: str, hits: Sequence[Hit]) -> list[Finding]:
        """Hits -> findings: allow lists, exclude, context, near, one per span.

        Every stage runs under the pack's time budget (FilterTimeout: exit 3, not a hang).
        The exclude patterns, context words and vetoes read the draft's Latin reading, as the
        pattern rules do (`guard.detect.latin`); findings quote the draft as written.
        """
        written, text = text, latin(text)
        tokens = Tokens.of(text)
        allowed = Spans(self._allow_pack.spans(text) if self._allow_pack else [])
        # The budget starts after the linear passes (tokens, pack allow list): it bounds the
        # stages whose work grows with the number of hits.
        vetoes = {v for h in hits if (v := self._rules[h.rule_id].veto) is not None}
        if vetoes:  # a veto model is built on the first draft that needs it, outside the budget
            from guard.detect.veto import scorer_of

            for v in vetoes:
                scorer_of(v)
        # The same for the exclude patterns of the rules hit: a cold process compiles them on
        # its first draft, and under load that compile ran a draft's budget out twice.
        for rule_id in {h.rule_id for h in hits}:
            exclude = self._rules[rule_id].exclude
            for pattern in exclude.patterns if exclude is not None else ():
                compile_pattern(pattern)
        deadline = Deadline(self._timeout_ms)
        rule_allowed: dict[str, Spans] = {}  # one allow pass per rule, not per hit
        candidates: list[tuple[Rule, Hit, float, tuple[str, ...]]] = []
        for n, hit in enumerate(hits):
            if n % 256 == 0:
                deadline.remaining()
            rule = self._rules[hit.rule_id]
            if allowed.covers(hit):
                continue
            rule_allow = self._allow_rule.get(rule.id)
            if rule_allow is not None:
                if rule.id not in rule_allowed:
                    rule_allowed[rule.id] = Spans(rule_allow.spans(text))
                if rule_allowed[rule.id].covers(hit):
                    continue
            if rule.exclude is not None and excluded(text, tokens, hit, rule, deadline):
                continue
            if rule.veto is not None:
                from guard.detect.veto import because, vetoed  # only such drafts pay

                if vetoed(text, rule.veto):
                    continue
                if not hit.cues:  # the kept finding explains itself: what the scorer weighed
                    hit = replace(hit, cues=because(text, rule.veto))
            confidence = hit.confidence if hit.confidence is not None else rule.confidence
            context: tuple[str, ...] = ()
            if rule.context is not None:
                context = tuple(
                    words_in_window(
                        tokens, hit.start, hit.end, rule.context.words, rule.context.window
                    )
                )
                # Each hotword closes half the remaining gap to full confidence.
                confidence = 1 - (1 - confidence) * 0.5 ** len(context)
            candidates.append((rule, hit, confidence, context))
        return dedupe(stand_aside(apply_near(written, candidates, tokens, deadline), self._defer))
