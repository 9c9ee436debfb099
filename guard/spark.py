"""Scan posts on Apache Spark: one Guard per Python worker, Arrow batches, `guard scan`'s results.

`scan_dataframe(df, pack)` checks a DataFrame column through `mapInPandas`. The pack (plain data)
travels with the task; each Python worker builds its Guard from it once and keeps it (Spark
reuses its Python workers), so spaCy models load once per worker and are never pickled. The
results have a fixed schema (`SCHEMA`): `id`, `verdict`, `score`, `rules`, `findings` (JSON),
`error`, and `result`, the JSON line `guard scan` writes for the same post.
Needs the `[spark]` extra (pyspark, pyarrow, pandas) and Java 17+.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from guard.engine import Guard
from guard.errors import CheckError
from guard.packs.loader import Pack
from guard.sources.records import Post
from guard.sources.results import check_posts

SCHEMA = (
    "id string, verdict string, score int, rules array<string>, findings string, "
    "error string, result string"
)
# The posts a scan read (`posts_frame`): the id as JSON, so that 7 and "7" stay apart.
POST_SCHEMA = (
    "id string, text string, error string, posts array<string>, time string, url string, "
    "published boolean, counted_start int, counted_end int, platform string"
)
BATCH = 256  # drafts per check_many call, as `guard scan` batches them


@dataclass(frozen=True, slots=True)
class Job:
    """What every worker needs to check posts as `guard scan` would (picklable, small)."""

    pack: Pack
    nlp: bool = True
    today: dt.date | None = None
    platform: str | None = None
    lang: str | None = None
    redact: bool = False


_GUARDS: dict[tuple[str, bool, dt.date | None], Guard] = {}


def _guard(job: Job) -> Guard:
    # One Guard per Python worker process and pack, built on first use, kept for later tasks.
    key = (job.pack.digest, job.nlp, job.today)
    if key not in _GUARDS:
        _GUARDS[key] = Guard(job.pack, today=job.today, nlp=job.nlp)
    return _GUARDS[key]


def require_spark() -> Any:
    """The pyspark module, or a CheckError that says how to install it."""
    try:
        import pyspark.sql
    except ImportError:
        raise CheckError(
            "Spark is not installed: pip install 'tweet-guard[spark]' (and Java 17+, e.g. "
            "apt-get install default-jre-headless)"
        ) from None
    return pyspark.sql


def _plain(value: Any) -> Any:
    """A pandas cell as a plain Python value (numpy scalars -> int/float/bool, NaN -> None)."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _row_post(row: dict[str, Any]) -> Post:
    start, end = _plain(row.get("counted_start")), _plain(row.get("counted_end"))
    thread = row.get("posts")
    return Post(
        json.loads(row["id"]),
        _plain(row.get("text")),
        _plain(row.get("error")),
        tuple(str(p) for p in thread) if thread is not None else (),
        time=_plain(row.get("time")),
        url=_plain(row.get("url")),
        published=bool(_plain(row.get("published"))),
        counted=(int(start), int(end)) if start is not None and end is not None else None,
        platform=_plain(row.get("platform")),
    )


def result_row(result: dict[str, Any]) -> dict[str, Any]:
    """A `guard scan` result as a row of SCHEMA."""
    item_id = result.get("id")
    findings = result.get("findings", [])
    return {
        "id": item_id if isinstance(item_id, str) else json.dumps(item_id),
        "verdict": result.get("verdict"),
        "score": result.get("score"),
        "rules": list(dict.fromkeys(f["rule"] for f in findings)),
        "findings": json.dumps(findings, ensure_ascii=False),
        "error": result.get("error"),
        "result": json.dumps(result, ensure_ascii=False),
    }


def check_frames(frames: Iterable[Any], job: Job) -> Iterator[Any]:
    """mapInPandas body: frames of POST_SCHEMA rows -> frames of SCHEMA rows, in order."""
    import pandas as pd

    guard = _guard(job)
    columns = [c.split()[0] for c in SCHEMA.split(", ")]
    for frame in frames:
        posts = [_row_post(row) for row in frame.to_dict("records")]
        rows = []
        for start in range(0, len(posts), BATCH):
            results = check_posts(guard, posts[start : start + BATCH], job.platform, job.lang,
                                  job.redact)
            rows += [result_row(r) for r in results]
        yield pd.DataFrame(rows, columns=columns)


def post_record(post: Any) -> dict[str, Any]:
    """A post read by a scan (a `Post`, or a scan line's `Item`) as a row of POST_SCHEMA."""
    counted = getattr(post, "counted", None) or (None, None)
    return {
        "id": json.dumps(post.id, ensure_ascii=False),
        "text": post.text,
        "error": post.error,
        "posts": list(post.posts) if post.posts else None,
        "time": getattr(post, "time", None),
        "url": getattr(post, "url", None),
        "published": bool(getattr(post, "published", False)),
        "counted_start": counted[0],
        "counted_end": counted[1],
        "platform": getattr(post, "platform", None),
    }


def posts_frame(spark: Any, posts: Iterable[Any], partitions: int | None = None) -> Any:
    """A DataFrame of POST_SCHEMA from posts read on the driver (JSONL, CSV, archives)."""
    import pandas as pd

    records = [post_record(p) for p in posts]
    columns = [c.split()[0] for c in POST_SCHEMA.split(", ")]
    frame = pd.DataFrame(records, columns=columns)
    frame.insert(0, "seq", range(len(frame)))
    df = spark.createDataFrame(frame, schema="seq long, " + POST_SCHEMA)
    if partitions:
        # Range partitions keep the input order across partitions; toLocalIterator reads them
        # in turn, so the results come back in input order, as `guard scan` writes them.
        df = df.repartitionByRange(partitions, "seq").sortWithinPartitions("seq")
    return df.select(*columns)


def scan_posts(df: Any, job: Job) -> Any:
    """Check a DataFrame of POST_SCHEMA rows; a DataFrame of SCHEMA rows, in the same order."""
    return df.mapInPandas(lambda frames: check_frames(frames, job), schema=SCHEMA)


def scan_dataframe(
    df: Any,
    pack: Pack,
    text: str = "text",
    id: str | None = "id",
    *,
    nlp: bool = True,
    today: dt.date | None = None,
    platform: str | None = None,
    lang: str | None = None,
    redact: bool = False,
) -> Any:
    """Check the `text` column of any DataFrame; ids from the `id` column (else a unique number)."""
    functions = require_spark().functions
    missing = [c for c in (text, id) if c is not None and c not in df.columns]
    if missing:
        raise CheckError(
            f"the DataFrame has no column {missing[0]!r} (columns: {', '.join(df.columns)})"
        )
    key = functions.col(id) if id is not None else functions.monotonically_increasing_id()
    # [value] as JSON, brackets cut: each id as JSON, so 7 and "7" stay apart, as in guard scan
    wrapped = functions.to_json(functions.array(key))
    posts = df.select(
        wrapped.alias("_wrapped"),
        functions.col(text).cast("string").alias("text"),
    ).select(functions.expr("substring(_wrapped, 2, length(_wrapped) - 2)").alias("id"), "text")
    for name in ("error", "time", "url", "platform"):
        posts = posts.withColumn(name, functions.lit(None).cast("string"))
    posts = posts.withColumn("posts", functions.lit(None).cast("array<string>"))
    posts = posts.withColumn("published", functions.lit(False))
    posts = posts.withColumn("counted_start", functions.lit(None).cast("int"))
    posts = posts.withColumn("counted_end", functions.lit(None).cast("int"))
    posts = posts.select(*[c.split()[0] for c in POST_SCHEMA.split(", ")])
    return scan_posts(posts, Job(pack, nlp, today, platform, lang, redact))


def rows_in_order(df: Any) -> Iterator[dict[str, Any]]:
    """The result rows, in input order, one partition at a time on the driver."""
    for row in df.toLocalIterator():
        yield row.asDict()


def local_session(master: str = "local[2]", name: str = "tweet-guard", **conf: str) -> Any:
    """A SparkSession for `guard scan --spark` (Arrow on; the Python workers use this Python)."""
    import os
    import sys

    sql = require_spark()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        sql.SparkSession.builder.master(master)
        .appName(name)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
    )
    for key, value in conf.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def partitions_for(master: str, posts: Sequence[Any] | int) -> int:
    """A few partitions per core, so each worker's one-off Guard build is shared by many drafts."""
    count = posts if isinstance(posts, int) else len(posts)
    cores = 2
    if master.startswith("local["):
        inner = master[6:-1]
        cores = int(inner) if inner.isdigit() else 2
    return max(1, min(cores * 4, -(-count // BATCH)))
