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
)
from guard.engine import Guard
from guard.errors import CheckError, DraftError, ModelMissingError, UsageError
from guard.models import Report
from guard.report.text import finding_dict, report_dict
from guard.report.text import redact as redact_report
from guard.sources.drafts import decode

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
        text = obj.get("text")
        if not isinstance(text, str):
            yield Item(item_id, None, f"line {number}: 'text' is missing or not a string")
            continue
        yield Item(item_id, text)


def _result(item: Item, report: Report) -> dict[str, Any]:
    data = report_dict(report)
    return {
        "id": item.id,
        "verdict": report.verdict,
        "score": report.score,
        "findings": [finding_dict(f) for f in report.findings],
        "length": data["length"],
        "language": report.language,
        "nlp": report.nlp,
    }


def _check_batch(
    guard: Guard, items: list[Item], platform: str | None, lang: str | None, redact: bool
) -> list[dict[str, Any]]:
    out: list[dict[str, Any] | None] = [None] * len(items)
    runnable: list[int] = []
    for i, item in enumerate(items):
        if item.error is not None or item.text is None:
            out[i] = {"id": item.id, "error": item.error}
            continue
        try:
            guard.validate_draft(item.text)
        except DraftError as exc:
            out[i] = {"id": item.id, "error": exc.describe()}
            continue
        runnable.append(i)
    try:
        reports = guard.check_many(
            [items[i].text or "" for i in runnable], platform=platform, lang=lang
        )
    except ModelMissingError:
        raise  # no draft can be checked: exit 3, not one error line per draft
    except CheckError:
        # One draft broke the batch (a pattern past its time limit): check one by one to find it.
        reports = []
        for i in runnable:
            try:
                reports.append(guard.check(items[i].text or "", platform=platform, lang=lang))
            except CheckError as exc:
                out[i] = {"id": items[i].id, "error": exc.describe()}
                reports.append(None)  # type: ignore[arg-type]
    for i, report in zip(runnable, reports, strict=True):
        if report is not None:
            out[i] = _result(items[i], redact_report(report) if redact else report)
    return [r for r in out if r is not None]


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
    failing = counts["block"] + counts["error"] + (counts["warn"] if fail_on == FailOn.warn else 0)
    return 1 if failing else 0
