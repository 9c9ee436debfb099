"""Speed of the bundled pack's model-free rules against another version of it, in the same run.

    git -C . archive main rules | tar -x -C /tmp/base    # the pack as it was
    python benchmarks/bench_default_pack.py --baseline /tmp/base/rules
    python benchmarks/bench_default_pack.py --smoke --baseline /tmp/base/rules

Checks every real post (English and French corpora) with `Guard.check_many`, NLP off, with the
baseline's `default.yaml` and with this checkout's, alternating, and prints the median CPU time
(`time.process_time`) of each and their ratio. Timings on a shared machine are noisy: compare
the ratio, not the absolute figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

from default_pack_rates import CORPUS, read_jsonl

from guard import Guard
from guard.packs.loader import load_pack

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds(guard: Guard, texts: list[str]) -> float:
    """CPU time of one pass over the texts."""
    start = time.process_time()
    guard.check_many(texts)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    """Print medians and the ratio; 2 when the baseline or the corpus is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="a rules/ folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="200 posts, one run")
    args = parser.parse_args(argv)
    paths = [CORPUS, CORPUS.with_name("real_posts_fr.jsonl")]
    missing = [p for p in (*paths, args.baseline / "default.yaml") if not p.is_file()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    texts = [p["text"] for path in paths for p in read_jsonl(path)]
    runs = args.runs
    if args.smoke:
        texts, runs = texts[:200], 1
    today = dt.date.today()
    guards = {
        "baseline": Guard(load_pack([str(args.baseline / "default.yaml")]), today=today, nlp=False),
        "current": Guard(load_pack([str(ROOT / "rules" / "default.yaml")]), today=today, nlp=False),
    }
    times: dict[str, list[float]] = {name: [] for name in guards}
    for guard in guards.values():
        guard.check_many(texts[:50])  # warm up: compile patterns, load validators' data
    for _ in range(runs):
        for name, guard in guards.items():
            times[name].append(cpu_seconds(guard, texts))
    base, cur = (statistics.median(times[n]) for n in ("baseline", "current"))
    print(f"{len(texts)} posts, {runs} runs, NLP off, median CPU time")
    print(f"baseline {base * 1e6 / len(texts):8.1f} us/post")
    print(f"current  {cur * 1e6 / len(texts):8.1f} us/post")
    print(f"ratio current/baseline: {cur / base:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
