"""`guard check` once its arguments are parsed: the draft(s) -> report on stdout, verdict as the
exit code.

Typer parses `guard check` for `--help` and for any form `guard.commands.quick` does not read;
both call `run` with the same values. Nothing here imports typer: the everyday check does not
pay for it.
"""

from __future__ import annotations

import json
import sys
from enum import Enum

from guard.commands.audit_record import audit_target, record_checks
from guard.commands.options import FailOn, Platform, build_guard, exit_for, use_colour
from guard.errors import UsageError
from guard.report.ansi import style as ansi_style
from guard.report.redact import redact as redact_report
from guard.report.shapes import render_json, report_dict
from guard.report.text import render_text
from guard.sources.drafts import from_argument, read_file, read_stdin


class Format(str, Enum):
    """Output formats of `check`."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def run(
    *,
    text: list[str] | None = None,
    files: list[str] | None = None,
    rules: list[str] | None = None,
    platform: Platform | None = None,
    output_format: Format = Format.text,
    fail_on: FailOn = FailOn.block,
    redact: bool = False,
    no_nlp: bool = False,
    lang: str | None = None,
    today: str | None = None,
    override: str | None = None,
    audit: str | None = None,
    thread: bool = False,
    images: list[str] | None = None,
    alts: list[str] | None = None,
    no_ocr: bool = False,
) -> int:
    """`guard check` once its arguments are parsed (by typer or guard.commands.quick)."""
    texts = text or []
    if thread or images or alts:
        # Threads and images only: the attachment readers and OCR load for the checks that use them.
        from guard.commands import parts

        if output_format not in (Format.text, Format.json):
            raise UsageError(f"--format {output_format.value} is for drafts alone; a thread or "
                             "a post with images prints as text or json")
        posts = (parts.thread_posts(texts, files or []) if thread
                 else [d for _, d in _sources(texts, files)])
        attached = parts.attachments(images or [], alts or [])
        store = audit_target(audit)
        if override is not None and store is None:
            raise UsageError("--override is recorded in the audit store: give --audit "
                             "PATH_OR_URL or set GUARD_AUDIT")
        guard = build_guard(rules, no_nlp, today)
        report = parts.check_parts(guard, posts, attached, thread=thread,
                                   platform=platform.value if platform else None, lang=lang,
                                   ocr=not no_ocr)
        # The audit store keeps one record per check: a thread's is its posts as one text.
        held = (record_checks(store, guard, ["\n\n".join(posts)], [report], override)
                if store is not None else [False])
        if redact:
            report = redact_report(report)
        parts.write(report, output_format == Format.json, posts)
        return exit_for(["allow" if held[0] else report.verdict], fail_on)
    if len(texts) > 1:
        raise UsageError(f"{len(texts)} drafts given as arguments: give one (quote it), or "
                         "--thread to check them as the posts of a thread")
    sources = _sources(texts, files)
    if not sources:
        raise UsageError(
            "give the draft as an argument, with -f FILE, or '-' to read standard input"
        )
    store = audit_target(audit)
    if override is not None and store is None:
        raise UsageError("--override is recorded in the audit store: give --audit PATH_OR_URL "
                         "or set GUARD_AUDIT")
    guard = build_guard(rules, no_nlp, today)
    reports = guard.check_many(
        [draft for _, draft in sources], platform=platform.value if platform else None, lang=lang
    )
    held = [False] * len(reports)
    if store is not None:
        held = record_checks(store, guard, [d for _, d in sources], reports, override)
    if redact:
        reports = [redact_report(r) for r in reports]
    out = sys.stdout
    if output_format in (Format.sarif, Format.github):
        from guard.report.github import render_github
        from guard.report.sarif import locate_report, sarif_log

        located = [
            loc
            for (src, draft), r in zip(sources, reports, strict=True)
            for loc in locate_report(r, draft, None if src.startswith("<") else src)
        ]
        if output_format == Format.sarif:
            policy = {"name": reports[0].policy.name, "digest": reports[0].policy.digest}
            out.write(json.dumps(sarif_log(located, guard.pack.rules, policy), indent=2) + "\n")
        elif located:
            out.write(render_github(located) + "\n")
    elif output_format == Format.json:
        if len(reports) == 1:
            out.write(render_json(reports[0]) + "\n")
        else:
            payload = [
                {"source": src, **report_dict(r)}
                for (src, _), r in zip(sources, reports, strict=True)
            ]
            out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        style = ansi_style if use_colour(out) else None
        for i, ((src, draft), report) in enumerate(zip(sources, reports, strict=True)):
            if len(sources) > 1:
                out.write(("\n" if i else "") + f"== {src}\n")
            out.write(render_text(report, draft, style) + "\n")
    # An accepted override is the policy's own exception: that draft no longer fails the command.
    return exit_for((("allow" if ok else r.verdict) for r, ok in zip(reports, held, strict=True)),
                    fail_on)


def _sources(texts: list[str], files: list[str] | None) -> list[tuple[str, str]]:
    sources = [("<stdin>", read_stdin()) if t == "-" else ("<argument>", from_argument(t))
               for t in texts]
    for path in files or []:
        sources.append((path, read_stdin() if path == "-" else read_file(path)))
    return sources
