"""`guard scan`: many drafts (JSONL or one per line) -> one JSON result per line, in order.

A line that cannot be read or checked becomes a result with an `error` field; the scan goes on.
Input and output stream: memory stays flat whatever the size of the input. With `-o` the
results go to a temporary file renamed at the end, so a killed scan leaves the previous
output whole and no partial file under the final name.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, BinaryIO, TextIO

import typer

from guard.commands.declared import (
    FailOnOpt,
    LangOpt,
    NoNlpOpt,
    PlatformOpt,
    RedactOpt,
    RulesOpt,
    TodayOpt,
)
from guard.commands.options import FailOn, build_guard, exit_for
from guard.engine import Guard
from guard.errors import CheckError, UsageError
from guard.models import ModelFreeHits
from guard.sources.batches import batches as in_batches
from guard.sources.records import Post
from guard.sources.results import check_posts
from guard.sources.scanlines import Item, read_items
from guard.sources.sniff import open_posts


class Format(str, Enum):
    """Output formats of `scan`."""

    jsonl = "jsonl"
    sarif = "sarif"
    github = "github"
    parquet = "parquet"  # with --spark and -o


def _check_batch(
    guard: Guard, items: list[Item | Post], platform: str | None, lang: str | None, redact: bool,
    ahead: ModelFreeHits | None = None,
) -> list[dict[str, Any]]:
    return check_posts(guard, items, platform, lang, redact, ahead)


_WORKER: dict[str, Any] = {}


def _init_worker(rules: list[str] | None, no_nlp: bool, today: str | None) -> None:
    # Each worker process builds its own guard once; spaCy models load once per worker.
    # Ctrl-C reaches the whole process group: the parent stops the pool, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["guard"] = build_guard(rules, no_nlp, today)


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C: the pool stops its workers, the temporary output goes."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _work(
    job: tuple[list[Item | Post], str | None, str | None, bool, bool],
) -> list[dict[str, Any]] | list[tuple[str, str]]:
    batch, platform, lang, redact, lines = job
    results = _check_batch(_WORKER["guard"], batch, platform, lang, redact, _WORKER.get("ahead"))
    if not lines:
        return results
    # JSONL out: the worker writes each result's line itself, so the parent (whose time is
    # serial) only counts verdicts and copies text, instead of unpickling and encoding dicts.
    return [(result.get("verdict", "error"), json_line(result)) for result in results]


def json_line(value: Any, indent: int | None = None) -> str:
    """One JSON value as scan writes it; a lone surrogate in an id is escaped, never fatal."""
    try:
        line = json.dumps(value, ensure_ascii=False, indent=indent)
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(value, ensure_ascii=True, indent=indent)
    return line


@contextlib.contextmanager
def _open_input(path: str) -> Iterator[tuple[BinaryIO, int | None]]:
    """The input as a binary stream, and its size in bytes when it is a regular file."""
    if path == "-":
        if sys.stdin is None:
            raise UsageError("no standard input to read the drafts from")
        yield sys.stdin.buffer, None
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a file of drafts") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read it ({exc.strerror})") from None
    with fh:
        size = os.fstat(fh.fileno()).st_size if Path(path).is_file() else None
        yield fh, size


def _checked_batches(
    guard: Guard,
    batches: Iterator[tuple[list[Item | Post], int]],
    options: tuple[str | None, str | None, bool],
    jobs: int,
    worker_args: tuple[list[str] | None, bool, str | None],
    stack: contextlib.ExitStack,
    lines: bool = False,
    ahead_path: str | None = None,
) -> Iterator[tuple[list[Item | Post], int, list[Any]]]:
    """(batch, bytes read, results) in input order, on this process or on `jobs` workers; with
    `lines`, a worker's results are (verdict, JSON line) pairs; `ahead_path`: the input file,
    which a process reads ahead while the models load (`scan_ahead`)."""
    platform, lang, redact = options
    if jobs == 1:
        for batch, read in batches:
            yield batch, read, _check_batch(guard, batch, platform, lang, redact)
        return
    pool = stack.enter_context(_pool(guard, jobs, worker_args, ahead_path))
    workers = list(getattr(pool, "_pool", ()))  # the processes started (the pool replaces
    # a dead one, but the batch it held never comes back: see `_result`)
    # A sliding window of batches in flight (the input is not read ahead of the workers), and
    # no pause at a window's end: a worker gets the next batch as soon as one comes back.
    pending: collections.deque[tuple[list[Item | Post], int, Any]] = collections.deque()
    for batch, read in batches:
        job = (batch, platform, lang, redact, lines)
        pending.append((batch, read, pool.apply_async(_work, (job,))))
        if len(pending) >= jobs * 4:
            done, done_read, result = pending.popleft()
            yield done, done_read, _result(result, workers)
    while pending:
        done, done_read, result = pending.popleft()
        yield done, done_read, _result(result, workers)


def _result(result: Any, workers: list[Any]) -> Any:
    """A batch's results from its worker; CheckError (exit 3, no output) when a worker died
    meanwhile, since the batch it held is lost and waiting would never end: fail closed."""
    while not result.ready():
        result.wait(0.25)
        dead = next((w for w in workers if w.exitcode is not None), None)
        if dead is not None and not result.ready():
            raise CheckError(
                f"a worker process of the scan ended unexpectedly (exit code {dead.exitcode}); "
                "the drafts were NOT all checked and no output was written. Run the scan again "
                "(with --jobs 1 if it happens again)"
            )
    return result.get()


def _pool(  # type: ignore[no-untyped-def]
    guard: Guard, jobs: int, worker_args: tuple[list[str] | None, bool, str | None],
    ahead_path: str | None = None,
):
    """Worker processes that already hold the rules and models.

    Where processes fork (Linux), the parent loads everything once and the workers inherit it
    (copy-on-write; `gc.freeze` keeps the collector off the shared pages): no worker pays the
    model load again. spaCy runs no threads of its own on CPU, and the parent has started none
    when it forks. While the parent loads the models, a process forked before finds the
    model-free hits of the first drafts of `ahead_path` (`scan_ahead`), and the workers inherit
    them. Elsewhere (macOS, Windows: spawn) each worker builds its own.
    """
    import multiprocessing  # only here: most scans and every check run without it

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        import gc

        ahead = None
        if ahead_path is not None and guard.loads_models():
            from guard.commands.scan_ahead import Ahead

            # Forked before the patterns compile: it compiles only those its drafts reach.
            ahead = Ahead(guard, ahead_path)
        try:
            guard.preload()
        finally:
            _WORKER["ahead"] = ahead.collect() if ahead is not None else None
        _WORKER["guard"] = guard
        gc.freeze()
        return multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet_worker)
    return multiprocessing.get_context("spawn").Pool(
        jobs, initializer=_init_worker, initargs=worker_args
    )


def _quiet_worker() -> None:
    # A forked worker inherits the parent's handlers: Ctrl-C reaches the whole process group
    # and the parent stops the pool, and SIGTERM (the pool's own stop) just ends the worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class _Sink:
    """Where results go: stdout, or a temporary file beside `output` renamed on success."""

    def __init__(self, output: str | None) -> None:
        self._output = output
        self._tmp: str | None = None
        self.stream: TextIO = sys.stdout
        if output:
            folder = os.path.dirname(os.path.abspath(output))
            try:
                fd, self._tmp = tempfile.mkstemp(
                    prefix=f".{os.path.basename(output)}.", suffix=".part", dir=folder
                )
            except OSError as exc:
                raise UsageError(f"{output}: cannot write there ({exc.strerror})") from None
            self.stream = open(fd, "w", encoding="utf-8")  # noqa: SIM115 - closed in finish

    def write_json(self, value: Any, indent: int | None = None) -> None:
        """One JSON value and a newline; a lone surrogate in an id is escaped, never fatal."""
        self.stream.write(json_line(value, indent) + "\n")

    def finish(self, ok: bool) -> None:
        """Rename the temporary file over `output` (ok), or remove it (the scan failed)."""
        if self._tmp is None:
            self.stream.flush()
            return
        self.stream.close()
        if ok:
            os.replace(self._tmp, self._output or "")
        else:
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)


def _summary(counts: Counter[str], elapsed: float) -> str:
    """The last line on stderr: how many drafts, how long, how many of each verdict."""
    total = sum(counts.values())
    return (
        f"scanned {total} drafts in {elapsed:.2f} s: "
        f"{counts['allow']} allow, {counts['warn']} warn, "
        f"{counts['block']} block, {counts['error']} error\n"
    )


def _spark(guard: Guard, input_path: str, output: str | None, output_format: Format,
           master: str | None, platform: Any, lang: str | None, redact: bool, fail_on: FailOn,
           text_column: str | None, no_nlp: bool) -> int:
    if output_format not in (Format.jsonl, Format.parquet):
        raise UsageError(f"--spark writes jsonl or parquet, not {output_format.value}")
    from guard.commands import scan_spark

    def read() -> list[Item | Post]:
        archive = open_posts(input_path, text_column)
        if archive is not None:
            return list(archive)
        with _open_input(input_path) as (stream, _size):
            return [item for item, _ in read_items(stream, input_path)]

    return scan_spark.run(
        guard, input_path, read, output=output, parquet=output_format == Format.parquet,
        master=master, platform=platform.value if platform else None, lang=lang, redact=redact,
        fail_on=fail_on, text_column=text_column, nlp=not no_nlp,
    )


def command(
    input_path: Annotated[
        str,
        typer.Argument(
            metavar="INPUT",
            help="JSONL, plain text, CSV, an X archive (.zip or tweets.js), a Mastodon "
            "outbox.json or a Bluesky export (.car or posts JSON); '-' for stdin.",
        ),
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
    text_column: Annotated[
        str | None,
        typer.Option("--text-column", metavar="NAME", help="CSV input: the column of posts."),
    ] = None,
    spark: Annotated[
        bool, typer.Option("--spark", help="Check on Apache Spark (extra [spark]; Java 17+).")
    ] = False,
    master: Annotated[
        str | None,
        typer.Option("--master", metavar="URL", help="Spark master (default: local[*])."),
    ] = None,
) -> int:
    """Check many drafts; exit 1 when any is blocked (or reaches --fail-on) or cannot be read."""
    guard = build_guard(rules, no_nlp, today)
    if output_format == Format.parquet and not spark:
        raise UsageError("--format parquet is written by Spark: add --spark (and -o PATH)")
    if spark:
        return _spark(guard, input_path, output, output_format, master, platform, lang, redact,
                      fail_on, text_column, no_nlp)
    if master is not None:
        raise UsageError("--master names a Spark master: add --spark")
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    from guard.report.sarif import Located, locate_scan_result

    located: list[Located] = []
    uri = None if input_path == "-" else input_path
    options = (platform.value if platform else None, lang, redact)
    sink = _Sink(output)
    ok = False
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(_stop_on_sigterm())
            archive = open_posts(input_path, text_column)  # None: JSONL or plain lines
            items: Iterator[tuple[Item | Post, int]]
            if archive is None:
                stream, size = stack.enter_context(_open_input(input_path))
                items = read_items(stream, input_path)
            else:
                size, items = None, ((post, 0) for post in archive)
            # Full batches for several workers as for one (a sliding window keeps them busy),
            # smaller ones at the end so that the workers finish together.
            batches = in_batches(items, jobs, size)
            bar = stack.enter_context(
                typer.progressbar(
                    length=size or 1, label="scanning", file=sys.stderr,
                    hidden=not (sys.stderr.isatty() and size),
                )
            )  # fmt: skip
            done = 0
            checked = _checked_batches(
                guard, batches, options, jobs, (rules, no_nlp, today), stack,
                lines=output_format == Format.jsonl,
                ahead_path=input_path if archive is None and size is not None else None,
            )
            for batch, read, results in checked:
                for item, result in zip(batch, results, strict=True):
                    if isinstance(result, tuple):  # a worker's (verdict, JSON line)
                        counts[result[0]] += 1
                        sink.stream.write(result[1] + "\n")
                        continue
                    counts[result.get("verdict", "error")] += 1
                    if output_format == Format.jsonl:
                        sink.write_json(result)
                    else:
                        located += locate_scan_result(result, uri, item.line, item.plain)
                bar.update(read - done)
                done = read
        _write_located(sink, output_format, located, guard)
        ok = True
    finally:
        sink.finish(ok)
    sys.stderr.write(_summary(counts, time.perf_counter() - started))
    return exit_for(counts.elements(), fail_on)


def _write_located(
    sink: _Sink, output_format: Format, located: Iterable[Any], guard: Guard
) -> None:
    """SARIF and GitHub annotations are one document: written once every batch is checked."""
    if output_format == Format.sarif:
        from guard.report.sarif import sarif_log

        policy = {"name": guard.pack.name, "digest": guard.pack.digest}
        sink.write_json(sarif_log(list(located), guard.pack.rules, policy), indent=2)
    elif output_format == Format.github and located:
        from guard.report.github import render_github

        sink.stream.write(render_github(list(located)) + "\n")
