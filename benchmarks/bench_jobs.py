"""`guard scan --jobs 2` against `--jobs 1` over the real posts, and memory per process.

Each run is a fresh `guard scan` process over the same JSONL (the default pack with an entity rule
on every draft, so the model works for its keep). Runs alternate between the two settings and
medians are compared. Two speed-ups are printed: wall time, which is the point of a second
worker but on a shared machine (load average far above the 2 cores) mostly measures the
neighbours; and the critical path in CPU time, which does not depend on them: the CPU of the
one-job scan over the parent's CPU plus the busiest worker's (each read from /proc while the
scan runs), i.e. the wall time the two-job scan would take on two idle cores, counting the
parent's own work as serial. The process that finds the first drafts' model-free hits while the
parent loads the models (`guard/commands/scan_ahead.py`) runs beside the parent, like a worker:
its CPU is printed apart and not on the critical path. The target applies to the critical path.
Peak RSS per process: the parent, and the largest worker (Linux, /proc).

    python benchmarks/bench_jobs.py            # 3 runs each, exits 1 when --jobs 2 < 1.7x
    python benchmarks/bench_jobs.py --smoke    # 300 posts, 1 run each, no target
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "real_posts.jsonl"
TARGET = 1.7
PACK = """\
version: 1
name: bench-scan
extends: [default]
rules:
  - id: bench.org-money
    category: financial
    severity: high
    entity: [ORG, MONEY, PERSON]
    message: An organisation, person or amount
"""


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_s(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


TICKS = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def run_scan(
    posts: Path, pack: Path, jobs: int, children: list[float] | None = None
) -> tuple[float, float, float, int, int]:
    """(wall s, CPU s of the process tree, critical-path CPU s, peak parent and worker RSS KiB);
    each child's CPU, in the order they started, goes to `children`."""
    exe = Path(sys.executable).with_name("guard")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(exe), "scan", str(posts), "--rules", str(pack), "--jobs", str(jobs)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = {"parent": 0, "worker": 0}
    cpu_of: dict[int, float] = {}  # last CPU seen per process (a worker's ends with it)

    def watch() -> None:
        while proc.poll() is None:
            peak["parent"] = max(peak["parent"], _rss_kb(proc.pid))
            for pid in (proc.pid, *_children(proc.pid)):
                seen = _cpu_s(pid)
                if seen is not None:
                    cpu_of[pid] = seen
                if pid != proc.pid:
                    peak["worker"] = max(peak["worker"], _rss_kb(pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    code = proc.wait()
    wall = time.perf_counter() - start
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code not in (0, 1):
        raise SystemExit(f"guard scan --jobs {jobs} exited with {code}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    workers = [c for pid, c in cpu_of.items() if pid != proc.pid]
    # The parent's last sample misses its final moments: take the rest of the tree's total.
    parent = cpu - sum(workers)
    critical = parent + max(workers, default=0.0)
    if children is not None:
        children[:] = workers  # dicts keep the order in which the children were first seen
    return wall, cpu, critical, peak["parent"], peak["worker"]


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny run for CI; no target")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    with CORPUS.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    texts = texts[:300] if args.smoke else texts
    with tempfile.TemporaryDirectory() as tmp:
        posts = Path(tmp) / "posts.jsonl"
        posts.write_text(
            "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)),
            encoding="utf-8",
        )
        pack = Path(tmp) / "pack.yaml"
        pack.write_text(PACK, encoding="utf-8")
        figures: dict[int, list[tuple[float, float, float, int, int]]] = {1: [], 2: []}
        children: list[list[float]] = []
        for _ in range(runs):
            for jobs in (1, 2):
                seen: list[float] = []
                figures[jobs].append(run_scan(posts, pack, jobs, seen))
                if jobs > 1:
                    children.append(seen)
    med = {j: [statistics.median(f[i] for f in figures[j]) for i in range(5)] for j in (1, 2)}
    print(f"scan of {len(texts)} real posts, default pack + an entity rule, median of {runs}")
    for jobs in (1, 2):
        wall, cpu, critical, parent, worker = med[jobs]
        mem = f"parent peak RSS {parent / 1024:.0f} MB"
        if jobs > 1:
            mem += f", largest worker {worker / 1024:.0f} MB (shared pages counted in each)"
        print(
            f"  --jobs {jobs}: {wall:.2f} s wall, {cpu:.2f} s CPU, critical path {critical:.2f} s"
            f" CPU; {mem}"
        )
    for seen in children:
        print("  --jobs 2 children's CPU s, in the order they started (with an ahead process "
              f"first): {', '.join(f'{c:.2f}' for c in seen)}")
    wall_speedup = med[1][0] / med[2][0]
    speedup = med[1][1] / med[2][2]
    print(f"--jobs 2 vs --jobs 1: {speedup:.2f}x on the critical path (target >= {TARGET}x), "
          f"{wall_speedup:.2f}x wall on this shared machine (load {os.getloadavg()[0]:.1f})")
    if args.smoke:
        return 0
    return 0 if speedup >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
