"""Scan throughput on one machine and on Spark, for sizing a cluster.

    python benchmarks/bench_spark.py            # full run: 5,000 posts, medians of 3
    python benchmarks/bench_spark.py --smoke    # 200 posts, one run each, for CI

Prints, on the real posts (../shared/corpora/real_posts.jsonl, else generated drafts):
- drafts per core-second of `Guard.check_many` with the `default` pack, with and without NLP
  (CPU time in this process: the figure to size a cluster with);
- `guard scan --jobs 1` and `--jobs 2`, and `guard scan --spark` on `local[1]` and `local[2]`
  (fresh processes, `--no-nlp`; wall time, so Spark's JVM start is in it). Baseline: `--jobs 1`,
  measured in the same run;
- Spark's steady state on `local[1]` and `local[2]`: in a session already started, with every
  worker's Guard already built, the wall time of checking the same posts (full run only).
The machine is shared, so take ratios within one run; no target (this is a sizing aid).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "real_posts.jsonl"


def drafts(count: int) -> list[str]:
    """The texts of the real posts (repeated to `count`), or generated ones without the corpus."""
    texts: list[str] = []
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh if line.strip()]
    if not texts:
        texts = [f"Update {i}: the team ships the dashboard on Monday, café ☕" for i in range(50)]
    return [texts[i % len(texts)] for i in range(count)]


def per_core_second(texts: list[str], nlp: bool) -> float:
    """Drafts per CPU second of check_many in this process (the guard built beforehand)."""
    from guard import Guard

    guard = Guard.default(nlp=nlp)
    guard.check_many(texts[:20])  # models loaded and warm
    start = time.process_time()
    for i in range(0, len(texts), 256):
        guard.check_many(texts[i : i + 256])
    return len(texts) / (time.process_time() - start)


def cli_seconds(args: list[str], repeats: int) -> float:
    """Median wall time of `guard ARGS` as a fresh process (output thrown away)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "guard", *args], capture_output=True,
                              text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise SystemExit(f"guard {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return statistics.median(times)


def spark_ready() -> str | None:
    """Why Spark cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark not installed (pip install -e '.[spark]')"
    return None if shutil.which("java") else "java not installed"


def main() -> int:
    """Run the measurements and print them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a short run for CI")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--steady", nargs=2, metavar=("MASTER", "JSONL"), help=argparse.SUPPRESS)
    opts = parser.parse_args()
    if opts.steady:
        print(f"seconds {steady(opts.steady[0], opts.steady[1], opts.repeats):.3f}")
        return 0
    count, repeats = (200, 1) if opts.smoke else (5000, opts.repeats)
    texts = drafts(count)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    print(f"{count} drafts ({'real posts' if CORPUS.exists() else 'generated'})")
    no_nlp = per_core_second(texts, nlp=False)
    print(f"check_many, default pack, no NLP:   {no_nlp:9.0f} drafts per core-second")
    if not opts.smoke:
        with_nlp = per_core_second(texts[:1000], nlp=True)
        print(f"check_many, default pack, with NLP: {with_nlp:9.0f} drafts per core-second")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n"
                                for i, t in enumerate(texts)), encoding="utf-8")
        one = Path(tmp) / "one.jsonl"
        one.write_text(json.dumps({"id": 0, "text": texts[0]}) + "\n", encoding="utf-8")
        runs: list[tuple[str, list[str]]] = [
            ("scan --jobs 1", ["scan", str(path), "--no-nlp", "--jobs", "1"]),
            ("scan --jobs 2", ["scan", str(path), "--no-nlp", "--jobs", "2"]),
        ]
        why_not = spark_ready()
        if why_not is None:
            for cores in (1, 2):
                master = f"local[{cores}]"
                runs.append((f"scan --spark {master}",
                             ["scan", str(path), "--no-nlp", "--spark", "--master", master]))
        else:
            print(f"Spark runs skipped: {why_not}")
        base = None
        for label, args in runs:
            seconds = cli_seconds(args, repeats)
            base = base or seconds
            print(f"{label:32s} {seconds:7.2f} s wall  {count / seconds:8.0f} drafts/s  "
                  f"({seconds / base:4.2f}x the time of --jobs 1)")
        if why_not is None and not opts.smoke:
            for cores in (1, 2):
                done = subprocess.run(
                    [sys.executable, __file__, "--steady", f"local[{cores}]", str(path),
                     "--repeats", str(repeats)],
                    capture_output=True, text=True, check=True,
                )
                seconds = float(done.stdout.split()[-1])
                print(f"{'Spark local[' + str(cores) + '], steady state':32s} {seconds:7.2f} s wall"
                      f"  {count / seconds:8.0f} drafts/s")
    return 0


def steady(master: str, path: str, repeats: int) -> float:
    """Median wall time of checking the posts in a started session, every Guard built."""
    from guard.packs.loader import load_pack
    from guard.sources.sniff import open_posts
    from guard.spark import Job, local_session, partitions_for, posts_frame, scan_posts

    session = local_session(master)
    session.sparkContext.setLogLevel("ERROR")
    assert open_posts(path) is None  # JSONL: build the posts as scan would
    from guard.sources.scanlines import read_items

    with open(path, "rb") as fh:
        posts = [item for item, _ in read_items(fh, path)]
    job = Job(load_pack(["default"]), nlp=False)
    frame = posts_frame(session, posts, partitions_for(master, posts)).cache()
    frame.count()
    scan_posts(frame, job).count()  # warm: each Python worker builds its Guard
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        scan_posts(frame, job).count()
        times.append(time.perf_counter() - start)
    session.stop()
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
