"""`guard hook FILE...` once its arguments are parsed: the pre-commit entry. Files ->
`path:line:col: rule-id: message`, exit 0/1.

Output is always redacted: pre-commit logs and CI logs must not repeat the secret they stopped.
Nothing here imports typer (see guard.commands.quick): pre-commit starts the hook cold on every
commit.
"""

from __future__ import annotations

import sys

from guard.commands.options import FailOn, Platform, build_guard, exit_for, failing
from guard.models import Finding
from guard.report.redact import redact_finding
from guard.report.sarif import position
from guard.sources.postfiles import FileDraft, file_text, is_draft_file, read_drafts


def _place(draft: FileDraft, finding: Finding, texts: dict[str, str]) -> tuple[int, int]:
    if draft.thread:
        return draft.thread_pos[finding.post or 0]
    at = draft.file_offset(finding.start)
    if at is None:
        return draft.line, draft.column
    if draft.path not in texts:
        texts[draft.path] = file_text(draft.path)
    return position(texts[draft.path], at)


def _line(draft: FileDraft, f: Finding, line: int, col: int, verdict: str) -> str:
    masked = redact_finding(f)
    one_line = masked.text.replace("\r", " ").replace("\n", " ")  # a thread's span runs over posts
    shown = f' "{one_line}"' if f.kind != "length" else ""
    where = f" in {draft.name}" if draft.name else ""
    if f.post is not None:
        where += f", post {f.post + 1}"
        where += f" to {f.end_post + 1}" if f.end_post is not None else ""
    extra = f"; suggestion: {f.suggestion}" if f.suggestion else ""
    return (f"{draft.path}:{line}:{col}: {f.rule}: {f.message}{shown}{where} "
            f"({f.severity}, draft {verdict}{extra})")


def run(
    *,
    files: list[str] | None = None,
    rules: list[str] | None = None,
    platform: Platform | None = None,
    fail_on: FailOn = FailOn.block,
    no_nlp: bool = False,
    today: str | None = None,
) -> int:
    """`guard hook` once its arguments are parsed (by typer or guard.commands.quick)."""
    paths = [p for p in files or [] if is_draft_file(p)]
    drafts: list[FileDraft] = []
    problems = []
    for path in paths:
        found, trouble = read_drafts(path)
        drafts.extend(found)
        problems.extend(trouble)
    out = sys.stdout
    for problem in problems:
        out.write(f"{problem}\n")
    if not drafts:
        return 1 if problems else 0
    guard = build_guard(rules, no_nlp, today)
    plat = platform.value if platform else None
    singles = iter(guard.check_many([d.text for d in drafts if not d.thread], platform=plat))
    reports = [guard.check_thread(d.thread, platform=plat) if d.thread else next(singles)
               for d in drafts]
    texts: dict[str, str] = {}
    failed = 0
    for draft, report in zip(drafts, reports, strict=True):
        for f in report.findings:
            line, col = _place(draft, f, texts)
            out.write(_line(draft, f, line, col, report.verdict) + "\n")
        failed += failing(report.verdict, fail_on)
    if failed or problems:
        note = " (NLP rules skipped: --no-nlp)" if no_nlp else ""
        out.write(f"tweet-guard: {failed} of {len(drafts)} draft(s) in {len(paths)} file(s) "
                  f"not fit to post, {len(problems)} unreadable{note}\n")
    return exit_for([*(r.verdict for r in reports), *("error" for _ in problems)], fail_on)
