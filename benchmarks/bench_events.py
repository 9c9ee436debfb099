"""Cost of the `events` rules: the default pack with and without them, and a cold `guard check`.

    python benchmarks/bench_events.py            # 600 real posts, 5 rounds, NLP on
    python benchmarks/bench_events.py --smoke    # tiny run for CI; no targets

Warm throughput: the same real posts through `Guard.check_many` (NLP on), alternating between
the default pack and the default pack without its `event.*` rules, each figure the median CPU
time (`time.process_time`) of the rounds, so that neighbours on a shared machine slow both
alike. Cold start: `guard check` in a fresh process (imports, pack load, model load, spaCy),
median CPU time of the child. Targets (issue 13): with the events rules at least 0.8x the
throughput without them; a cold `guard check` within 1.5 s. Exits 1 when one is missed.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from guard import Guard
from guard.packs.loader import bundled_dir, load_pack

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "real_posts.jsonl"
MIN_RATIO = 0.8
MAX_COLD_S = 1.5
COLD = "from guard.cli import main; main(['check', *{rules!r}, {text!r}])"


def cold_cpu(text: str, rules: list[str]) -> float:
    """CPU seconds (user + system) of one `guard check` in a fresh interpreter."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", COLD.format(text=text, rules=rules)],
                   capture_output=True, check=False, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    """Print the medians and the ratio; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="tiny run for CI; no targets")
    parser.add_argument("--rules", action="append", help="rule packs (default: default)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.posts, args.rounds = 40, 1
    with CORPUS.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh][: args.posts]
    pack = load_pack(args.rules or ["default"])
    without = replace(pack, rules=tuple(r for r in pack.rules if r.detector != "events"))
    guards = {"with events": Guard(pack), "without": Guard(without)}
    for g in guards.values():
        g.check_many(texts[:20])  # warm: models loaded, caches filled
    times: dict[str, list[float]] = {k: [] for k in guards}
    for _ in range(args.rounds):
        for name, g in guards.items():
            start = time.process_time()
            g.check_many(texts)
            times[name].append(time.process_time() - start)
    per = {k: statistics.median(v) / len(texts) * 1e3 for k, v in times.items()}
    ratio = per["without"] / per["with events"]
    for name, ms in per.items():
        print(f"default pack {name:<12} {ms:7.3f} ms CPU per draft (median of {args.rounds}, "
              f"{len(texts)} real posts, NLP on)")
    print(f"throughput with events / without: {ratio:.2f}x (target >= {MIN_RATIO}x)")
    # The same pack less events.yaml, for the cold start's share of the events rules.
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "default-without-events.yaml"
        bare.write_text("".join(
            line.replace("  - ", f"  - {bundled_dir()}/", 1) if line.startswith("  - ") else line
            for line in (bundled_dir() / "default.yaml").read_text(encoding="utf-8")
            .splitlines(keepends=True) if "events.yaml" not in line), encoding="utf-8")
        text = "we're laying off 200 people on Friday"
        colds: dict[str, list[float]] = {"with events": [], "without": []}
        for _ in range(1 if args.smoke else 3):
            colds["with events"].append(cold_cpu(text, []))
            colds["without"].append(cold_cpu(text, ["--rules", str(bare)]))
    cold = statistics.median(colds["with events"])
    print(f"cold `guard check` (default pack, NLP on): {cold:.2f} s CPU, without the events "
          f"rules {statistics.median(colds['without']):.2f} s; medians of "
          f"{len(colds['without'])} (target <= {MAX_COLD_S} s)")
    if args.smoke:
        return 0
    failures = []
    if ratio < MIN_RATIO:
        failures.append(f"throughput ratio {ratio:.2f} < {MIN_RATIO}")
    if cold > MAX_COLD_S:
        failures.append(f"cold check {cold:.2f} s > {MAX_COLD_S} s")
    for failure in failures:
        print(f"MISSED TARGET: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
