"""The one-click fix: a rule's `replace_with` or `remove` applied to its findings, then re-checked.

`plan` is pure (draft + report -> rewritten draft and the edits), so `guard serve` can run the two
checks on its checker thread and the CLI can run them in-process; `fix` does all three steps. A
fix is only ever returned with the report of the rewritten draft: what the rules could not fix
(no approved wording, the length, a finding the rewrite itself raises) is said, never hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guard.engine import Guard
from guard.models import Finding, Report
from guard.packs.loader import Pack
from guard.report.shapes import finding_dict, report_dict

# After a removal, a space before the gap goes too when a space or punctuation follows it.
_CLOSERS = " \t\n.,;:!?)]}"


@dataclass(frozen=True, slots=True)
class Edit:
    """One change to the draft: code-point span of the original, what the rule put there."""

    rule: str
    start: int
    end: int
    replacement: str
    action: str  # replace | remove


@dataclass(frozen=True, slots=True)
class Fix:
    """A rewritten draft with its edits and the report of the rewritten draft."""

    text: str
    edits: tuple[Edit, ...]
    report: Report  # of `text`, not of the original draft

    @property
    def unfixed(self) -> tuple[Finding, ...]:
        """What the rewritten draft still shows: content findings and the length."""
        return self.report.findings


def plan(pack: Pack, text: str, report: Report) -> tuple[str, tuple[Edit, ...]]:
    """The draft with every fixable content finding rewritten, and the edits, left to right."""
    edits: list[Edit] = []
    for finding in sorted(report.findings, key=lambda f: (f.start, -f.end)):
        rule = pack.rule(finding.rule) if finding.kind == "content" else None
        if rule is None or not (rule.remove or rule.replace_with):
            continue
        if edits and finding.start < edits[-1].end:
            continue  # inside a span already rewritten: one edit per stretch of text
        start, end = finding.start, finding.end
        if rule.remove:
            before_gap = start > 0 and text[start - 1] in " \t"
            if before_gap and (end == len(text) or text[end] in _CLOSERS):
                start -= 1
            edits.append(Edit(rule.id, start, end, "", "remove"))
        else:
            edits.append(Edit(rule.id, start, end, _cased(text, start, rule.replace_with),
                              "replace"))
    out, last = [], 0
    for edit in edits:
        out.append(text[last:edit.start])
        out.append(edit.replacement)
        last = edit.end
    out.append(text[last:])
    return "".join(out), tuple(edits)


def _cased(text: str, start: int, wording: str) -> str:
    # "Falcon ships today" -> "Our next release ships today": a sentence keeps its capital.
    head = text[:start].rstrip(" \t")
    opens_sentence = not head or head[-1] in ".!?\n"
    if opens_sentence and text[start:start + 1].isupper() and wording[:1].islower():
        return wording[:1].upper() + wording[1:]
    return wording


def fix(guard: Guard, text: str, platform: str | None = None, lang: str | None = None) -> Fix:
    """Check, rewrite what the rules say how to rewrite, and check the rewritten draft again."""
    before = guard.check(text, platform=platform, lang=lang)
    new_text, edits = plan(guard.pack, text, before)
    after = guard.check(new_text, platform=platform, lang=lang) if edits else before
    return Fix(new_text, edits, after)


def reason(finding: Finding, pack: Pack) -> str:
    """Why the fix left this finding of the rewritten draft in place, and what to do instead."""
    if finding.kind == "length":
        return "the draft is longer than the platform allows: shorten it by hand"
    rule = pack.rule(finding.rule)
    if rule is not None and (rule.remove or rule.replace_with):
        return "the rewritten text is still flagged: rewrite it by hand"
    return "the rule has no approved wording (replace_with) nor remove: rewrite it by hand"


def fix_dict(result: Fix, pack: Pack, report: Report | None = None) -> dict[str, Any]:
    """The JSON answer of `guard fix --format json` and `POST /v1/fix`."""
    shown = report or result.report  # the caller may pass a redacted copy
    return {
        "text": result.text,
        "changed": bool(result.edits),
        "fixes": [{"rule": e.rule, "start": e.start, "end": e.end, "action": e.action,
                   "replacement": e.replacement} for e in result.edits],
        "unfixed": [{**finding_dict(f), "kind": f.kind, "reason": reason(f, pack)}
                    for f in shown.findings],
        "report": report_dict(shown),
    }
