"""`guard check`: one draft (or a few files) -> report on stdout, verdict as the exit code."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer

from guard.commands import parts
from guard.commands.audit import AuditOpt, audit_target, record_checks
from guard.commands.options import (
    FailOn,
    FailOnOpt,
    LangOpt,
    NoNlpOpt,
    PlatformOpt,
    RedactOpt,
    RulesOpt,
    TodayOpt,
    build_guard,
    exit_for,
    use_colour,
)
from guard.commands.parts import AltOpt, ImageOpt, NoOcrOpt, ThreadOpt
from guard.errors import UsageError
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


def command(
    text: Annotated[
        list[str] | None,
        typer.Argument(help="The draft; '-' reads it from standard input.", show_default=False),
    ] = None,
    files: Annotated[
        list[str] | None,
        typer.Option(
            "--file",
            "-f",
            metavar="FILE",
            help="Read a draft from this file; repeatable.",
            show_default=False,
        ),
    ] = None,
    rules: RulesOpt = None,
    platform: PlatformOpt = None,
    output_format: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.text,
    fail_on: FailOnOpt = FailOn.block,
    redact: RedactOpt = False,
    no_nlp: NoNlpOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
    override: Annotated[
        str | None,
        typer.Option("--override", metavar="REASON",
                     help="Override a warn (or what the policy allows) with this business "
                     "reason; recorded in the audit store.", show_default=False),
    ] = None,
    audit: AuditOpt = None,
    thread: ThreadOpt = False,
    images: ImageOpt = None,
    alts: AltOpt = None,
    no_ocr: NoOcrOpt = False,
) -> int:
    """Check a draft: exit 0 allowed (warn too), 1 blocked, 2 usage or rule error, 3 not checked."""
    texts = text or []
    if thread or images or alts:
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
        style = typer.style if use_colour(out) else None
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
