"""`guard scan`: many drafts (JSONL or one per line) -> one JSON result per line, in order.

A line that cannot be read or checked becomes a result with an `error` field; the scan goes on.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, TextIO

import typer

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
)
from guard.engine import Guard
from guard.errors import DraftError, GuardError, UsageError
from guard.report.redact import redact as redact_report
from guard.report.shapes import error_result, scan_result
from guard.sources.drafts import decode
from guard.sources.thread import check_thread_item, posts_of

BATCH = 256


class Format(str, Enum):
    """Output formats of `scan`."""

    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"


@dataclass(frozen=True, slots=True)
class Item:
    """One input line: its id, and either a draft or why it could not be read."""

    id: Any
    text: str | None
    error: str | None = None
    posts: tuple[str, ...] = ()  # a thread (`"posts": [...]` instead of `"text"`)


def parse_lines(lines: list[str]) -> Iterator[Item]:
    """Items from JSONL (objects with `text` and `id`) or from plain text, one draft per line."""
    first = next((line for line in lines if line.strip()), "")
    jsonl = first.lstrip().startswith("{")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if not jsonl:
            yield Item(number, line.rstrip("\r\n"))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(
                number, None, f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})"
            )
            continue
        if not isinstance(obj, dict):
            yield Item(number, None, f"line {number}: expected a JSON object with 'text'")
            continue
        item_id = obj.get("id", number)
        if "posts" in obj and "text" not in obj:
            posts, why = posts_of(obj, f"line {number}: ")
            yield Item(item_id, None, why, tuple(posts or ()))
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            yield Item(item_id, None, f"line {number}: 'text' is missing or not a string")
            continue
        yield Item(item_id, text)


def _check_batch(
    guard: Guard, items: list[Item], platform: str | None, lang: str | None, redact: bool
) -> list[dict[str, Any]]:
    readable = [item for item in items if item.error is None and item.text is not None]
    checked = iter(guard.check_each([item.text or "" for item in readable], platform, lang))
    out = []
    for item in items:
        if item.posts:
            result = check_thread_item(guard, item.posts, platform, lang)
        elif item.error is not None or item.text is None:
            out.append(error_result(item.id, item.error or "no text"))
            continue
        else:
            result = next(checked)
        if isinstance(result, GuardError):
            out.append(error_result(item.id, result.describe()))
        else:
            out.append(scan_result(item.id, redact_report(result) if redact else result))
    return out


_WORKER: dict[str, Guard] = {}


def _init_worker(rules: list[str] | None, no_nlp: bool, today: str | None) -> None:
    # Each worker process builds its own guard once; spaCy models load once per worker.
    _WORKER["guard"] = build_guard(rules, no_nlp, today)


def _work(job: tuple[list[Item], str | None, str | None, bool]) -> list[dict[str, Any]]:
    batch, platform, lang, redact = job
    return _check_batch(_WORKER["guard"], batch, platform, lang, redact)


def _read_input(path: str) -> list[str]:
    if path == "-":
        data = sys.stdin.buffer.read()
        source = "<stdin>"
    else:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            raise UsageError(f"{path}: no such file") from None
        except OSError as exc:
            raise UsageError(f"{path}: cannot read it ({exc.strerror})") from None
        source = path
    try:
        return decode(data, source).splitlines()
    except DraftError:
        # One bad byte must not lose the whole scan: decode line by line, flag the bad ones.
        return [line.decode("utf-8", errors="replace") for line in data.splitlines()]


def command(
    input_path: Annotated[
        str, typer.Argument(metavar="INPUT", help="JSONL or plain text file; '-' for stdin.")
    ],
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write results here instead of stdout.")
    ] = None,
    rules: RulesOpt = None,
    platform: PlatformOpt = None,
    fail_on: FailOnOpt = FailOn.block,
    redact: RedactOpt = False,
    no_nlp: NoNlpOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes; each loads the rules and models once."
        ),
    ] = 1,
    output_format: Annotated[
        Format, typer.Option("--format", help="Output format.")
    ] = Format.jsonl,
) -> int:
    """Check many drafts; exit 1 when any is blocked (or reaches --fail-on) or cannot be read."""
    guard = build_guard(rules, no_nlp, today)
    lines = _read_input(input_path)
    items = list(parse_lines(lines))
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    sink: TextIO = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    show_progress = sys.stderr.isatty() and len(items) > BATCH
    plat = platform.value if platform else None
    # Several workers need several batches each to share the work evenly.
    size = BATCH if jobs == 1 else max(16, min(BATCH, -(-len(items) // (jobs * 4))))
    batches = [items[start : start + size] for start in range(0, len(items), size)]
    from guard.report.sarif import Located, locate_scan_result

    # parse_lines yields one item per non-blank line: this is each result's input line.
    line_of = iter([n for n, line in enumerate(lines, start=1) if line.strip()])
    plain = not next((line for line in lines if line.strip()), "").lstrip().startswith("{")
    located: list[Located] = []
    try:
        with contextlib.ExitStack() as stack:
            results: Iterable[list[dict[str, Any]]]
            if jobs > 1 and len(batches) > 1:
                # spawn, not fork: forking a process that may hold spaCy's threads is unsafe.
                import multiprocessing  # only here: most scans and every check run without it

                pool = stack.enter_context(
                    multiprocessing.get_context("spawn").Pool(
                        min(jobs, len(batches)),
                        initializer=_init_worker,
                        initargs=(rules, no_nlp, today),
                    )
                )
                results = pool.imap(_work, [(b, plat, lang, redact) for b in batches])  # in order
            else:
                results = (_check_batch(guard, b, plat, lang, redact) for b in batches)
            bar = stack.enter_context(
                typer.progressbar(
                    length=len(items), label="scanning", file=sys.stderr, hidden=not show_progress
                )
            )
            for batch, batch_results in zip(batches, results, strict=True):
                for result in batch_results:
                    counts[result.get("verdict", "error")] += 1
                    if output_format == Format.jsonl:
                        sink.write(json.dumps(result, ensure_ascii=False) + "\n")
                    else:
                        located += locate_scan_result(
                            result, None if input_path == "-" else input_path, next(line_of), plain
                        )
                bar.update(len(batch))
        if output_format == Format.sarif:
            from guard.report.sarif import sarif_log

            policy = {"name": guard.pack.name, "digest": guard.pack.digest}
            sink.write(json.dumps(sarif_log(located, guard.pack.rules, policy), indent=2) + "\n")
        elif output_format == Format.github and located:
            from guard.report.github import render_github

            sink.write(render_github(located) + "\n")
    finally:
        if output:
            sink.close()
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    sys.stderr.write(
        f"scanned {total} drafts in {elapsed:.2f} s: "
        f"{counts['allow']} allow, {counts['warn']} warn, "
        f"{counts['block']} block, {counts['error']} error\n"
    )
    return exit_for(counts.elements(), fail_on)
