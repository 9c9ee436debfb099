"""`guard check --thread` and `guard check --image`: the posts or images of one post -> report."""

from __future__ import annotations

import sys
from typing import TextIO

from guard.attachments.image import Attachment, read_attachment
from guard.commands.options import use_colour
from guard.engine import Guard
from guard.errors import UsageError
from guard.models import Report
from guard.report.ansi import style as ansi_style
from guard.report.parts import render_post, render_thread
from guard.report.shapes import render_json
from guard.sources.drafts import from_argument, read_file, read_stdin
from guard.sources.thread import split_posts


def thread_posts(texts: list[str], files: list[str]) -> list[str]:
    """The posts in order: each argument is one; stdin and files split on lines holding `---`."""
    posts: list[str] = []
    for text in texts:
        posts += split_posts(read_stdin(), "<stdin>") if text == "-" else [from_argument(text)]
    for path in files:
        posts += split_posts(read_stdin() if path == "-" else read_file(path), path)
    if not posts:
        raise UsageError("--thread needs posts: arguments, -f FILE, or '-' with posts separated "
                         "by a line holding only ---")
    return posts


def attachments(images: list[str], alts: list[str]) -> list[Attachment]:
    """`--image` files paired in order with `--alt` texts (`--alt ''` for an image without)."""
    if len(alts) > len(images):
        raise UsageError(f"{len(alts)} --alt for {len(images)} --image: each --alt goes with the "
                         "--image of the same rank (give --alt '' to leave one without)")
    return [read_attachment(path, alts[i] if i < len(alts) else "")
            for i, path in enumerate(images)]


def write(report: Report, as_json: bool, posts: list[str], out: TextIO | None = None) -> None:
    """The report as JSON or as text (a thread's posts, or a post and its images)."""
    out = out or sys.stdout
    if as_json:
        out.write(render_json(report) + "\n")
        return
    style = ansi_style if use_colour(out) else None
    if report.posts:
        out.write(render_thread(report, posts, style) + "\n")
    else:
        out.write(render_post(report, posts[0], style) + "\n")


def check_parts(guard: Guard, posts: list[str], images: list[Attachment], *, thread: bool,
                platform: str | None, lang: str | None, ocr: bool) -> Report:
    """The report of a thread, or of one post with its images."""
    if thread:
        if images:
            raise UsageError("--image goes with one post, not with --thread")
        return guard.check_thread(posts, platform=platform, lang=lang)
    if len(posts) != 1:
        raise UsageError("--image checks one post: give one draft (or use --thread for several)")
    return guard.check_post(posts[0], images, platform=platform, lang=lang, ocr=ocr)
