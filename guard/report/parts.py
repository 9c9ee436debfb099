"""Text for a person at a shell when a post has parts: a thread's posts, a post's images."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from guard.models import Finding, Report
from guard.report.text import SEVERITY_COLOURS, Style, _excerpt, _plain, _printable, render_text


def _head(f: Finding, style: Style) -> list[str]:
    sev = style(f"{f.severity:<8}", fg=SEVERITY_COLOURS.get(f.severity, "white"), bold=True)
    return ["", f"  {sev} {f.rule}  {f.message}"]


def _tail(f: Finding, style: Style) -> list[str]:
    detail = f"confidence {f.confidence:.2f}, via {f.evidence.via}"
    if f.evidence.near:
        detail += ", near: " + ", ".join(f.evidence.near)
    lines = [f"    {style(detail, dim=True)}"]
    if f.suggestion:
        lines.append(f"    suggestion: {f.suggestion}")
    return lines


def render_thread(report: Report, posts: Sequence[str], style: Style | None = None) -> str:
    """A thread's report: the verdict, each finding under its post, each post's length."""
    style = style or _plain
    first = render_text(replace(report, findings=()), posts[0], style).splitlines()[0]
    sizes = ", ".join(
        f"{i + 1}: {n.weighted}/{n.limit}" + ("" if n.fits else " (too long)")
        for i, n in enumerate(report.posts)
    )
    lines = [first, f"  {len(posts)} posts, lengths {sizes}"]
    if not report.findings:
        lines.append("  no findings")
    for f in report.findings:
        post = f.post or 0
        lines += _head(f, style)
        span = f" to post {f.end_post + 1}" if f.end_post is not None else ""
        lines.append(f"    post {post + 1}{span}:")
        text = posts[post]
        if f.masked:
            text = text[: f.start] + "*" * (min(f.end, len(text)) - f.start) + text[f.end :]
        end = f.end if f.end_post is None else len(text)
        lines.extend("  " + line for line in _excerpt(text, f.start, max(end, f.start), style))
        if f.end_post is not None:
            rest = posts[f.end_post]
            if f.masked:
                rest = "*" * f.end + rest[f.end :]
            lines.extend("  " + line for line in _excerpt(rest, 0, f.end, style))
        lines += _tail(f, style)
    return "\n".join(lines)


def render_post(report: Report, draft: str, style: Style | None = None) -> str:
    """A post with images: the post's own findings, then what each image gave away."""
    style = style or _plain
    own = replace(report, findings=tuple(f for f in report.findings if f.source is None))
    lines = render_text(own, draft, style).splitlines()
    if lines[-1] == "  no findings" and len(own.findings) < len(report.findings):
        lines.pop()
    for a in report.attachments:
        alt = "alt text checked" if a.alt else "no alt text"
        lines += ["", f"  image {a.index + 1} {a.name} ({a.format} {a.width}x{a.height}, {alt}, "
                  f"OCR {a.ocr})"]
        for f in (f for f in report.findings if f.source and f.source.attachment == a.index):
            assert f.source is not None
            lines += _head(f, style)[1:]
            where = {"alt": "alt text", "ocr": "text in the image",
                     "metadata": f"metadata {f.source.field or ''}".strip()}[f.source.kind]
            if f.source.box is not None:
                x, y, w, h = f.source.box
                where += f" at x={x} y={y} w={w} h={h}"
            if f.kind != "input":  # an image that could not be read has no text to show
                lines.append(f"    {where}: \"{_printable(f.text)}\"")
            lines += _tail(f, style)
    return "\n".join(lines)
