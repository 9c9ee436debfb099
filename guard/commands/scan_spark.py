"""`guard scan --spark`: the same results as `guard scan`, checked by Spark's Python workers.

JSONL, plain lines, CSV and archives are read on the driver by the scan's own readers (reading
costs about a microsecond a line; checking is what needs the cores); a Parquet file or folder is
read by Spark itself (so is any URL: hdfs://, s3a://), with a `text` column (`--text-column`)
and an optional `id`.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from guard.commands.options import FailOn, exit_for
from guard.engine import Guard
from guard.errors import CheckError, UsageError


def is_parquet(path: str) -> bool:
    """A Parquet file (by its magic), a folder of Parquet parts, or a URL only Spark can read."""
    if "://" in path:
        return True  # hdfs://, s3a://...: read by Spark, which takes Parquet
    p = Path(path)
    if p.is_dir():
        return any(p.glob("*.parquet"))
    try:
        with p.open("rb") as fh:
            return fh.read(4) == b"PAR1"
    except OSError:
        return False


def run(
    guard: Guard,
    input_path: str,
    read_posts: Callable[[], list[Any]],
    *,
    output: str | None,
    parquet: bool,
    master: str | None,
    platform: str | None,
    lang: str | None,
    redact: bool,
    fail_on: FailOn,
    text_column: str | None,
    nlp: bool,
) -> int:
    """Scan on Spark; write JSONL (stdout or -o) or Parquet (-o); exit as `guard scan` does."""
    from guard import spark as gs

    gs.require_spark()
    if parquet and not output:
        raise UsageError("--format parquet writes a folder: give it with -o PATH")
    job = gs.Job(guard.pack, nlp, guard.today, platform, lang, redact)
    master = master or os.environ.get("SPARK_MASTER") or "local[*]"
    session, own = _session(master)
    started = time.perf_counter()
    try:
        if input_path != "-" and is_parquet(input_path):
            source = session.read.parquet(_spark_path(input_path))
            column = text_column or "text"
            if column not in source.columns:
                raise UsageError(
                    f"{input_path}: no column {column!r} (columns: {', '.join(source.columns)}); "
                    "name the column of posts with --text-column NAME"
                )
            results = gs.scan_dataframe(
                source, guard.pack, column, "id" if "id" in source.columns else None,
                nlp=job.nlp, today=job.today, platform=platform, lang=lang, redact=redact,
            )
        else:
            posts = read_posts()
            frame = gs.posts_frame(session, posts, gs.partitions_for(master, posts))
            results = gs.scan_posts(frame, job)
        counts = _write(session, results, output, parquet)
    except Exception as exc:
        if type(exc).__module__.startswith(("py4j", "pyspark")):
            raise CheckError(f"Spark could not run the scan: {str(exc).splitlines()[0]}") from None
        raise
    finally:
        if own:
            session.stop()
    elapsed = time.perf_counter() - started
    sys.stderr.write(
        f"scanned {sum(counts.values())} drafts in {elapsed:.2f} s on Spark ({master}): "
        f"{counts['allow']} allow, {counts['warn']} warn, "
        f"{counts['block']} block, {counts['error']} error\n"
    )
    return exit_for(counts.elements(), fail_on)


def _spark_path(path: str) -> str:
    # Spark resolves a relative path against the folder its JVM started in, not ours.
    return path if "://" in path else os.path.abspath(path)


def _session(master: str) -> tuple[Any, bool]:
    from guard import spark as gs

    sql = gs.require_spark()
    active = sql.SparkSession.getActiveSession()
    if active is not None:
        return active, False
    session = gs.local_session(master)
    session.sparkContext.setLogLevel("ERROR")
    return session, True


def _write(session: Any, results: Any, output: str | None, parquet: bool) -> Counter[str]:
    counts: Counter[str] = Counter()
    if parquet:
        assert output is not None
        results.write.mode("errorifexists").parquet(_spark_path(output))
        for row in session.read.parquet(_spark_path(output)).groupBy("verdict").count().collect():
            counts[row["verdict"] or "error"] += row["count"]
        return counts
    sink: TextIO = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        for row in _rows(results):
            counts[row["verdict"] or "error"] += 1
            sink.write(row["result"] + "\n")
    finally:
        if output:
            sink.close()
    return counts


def _rows(results: Any) -> Iterable[dict[str, Any]]:
    for row in results.toLocalIterator():
        yield {"verdict": row["verdict"], "result": row["result"]}
