"""`guard scan` memory against input size: the peak RSS must stay flat as the input grows.

Run: `python benchmarks/bench_scan.py [--lines 20000] [--factor 8] [--repeats 3] [--smoke]`.
Writes a JSONL file of `lines` drafts and one `factor` times larger, scans each with
`guard scan --no-nlp -o` in a fresh process, and prints the peak RSS of each scan (median over
the repeats) and the CPU time. Exits 1 when the larger input's peak is more than 1.3x the
smaller's (before streaming, the whole input and every result were held: 850 MB for 131 MB).
Also runs the `near` worst case of issue 12 ("1 " x 30,000, 30,000 candidates, with a pattern
budget of 60 s so that the filters are what is timed) and prints its exit code and CPU time
(26 s before `near` looked only inside its window).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RSS_RATIO_TARGET = 1.3
_PROBE = """
import resource, sys, time
from guard.cli import main
started = time.process_time()
code = main(sys.argv[1:])
cpu = time.process_time() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{code} {peak} {cpu}", file=sys.stderr)
"""


def write_input(path: Path, lines: int) -> None:
    """`lines` JSONL drafts, a few of them flagged by the bundled pack."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(lines):
            text = (f"Mail me at person{i}@example.org" if i % 500 == 7
                    else f"Draft {i}: a normal post about our public launch, nothing more.")
            fh.write(json.dumps({"id": i, "text": text}) + "\n")


def scan(path: Path, out: Path) -> tuple[int, int, float]:
    """(exit code, peak RSS in KiB, CPU seconds) of one `guard scan` in a fresh process."""
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, "scan", str(path), "--no-nlp", "-r", "default",
         "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    code, peak, cpu = run.stderr.strip().splitlines()[-1].split()
    return int(code), int(peak), float(cpu)


def near_worst_case(folder: Path) -> tuple[int, float]:
    """Exit code and CPU seconds of `guard check --no-nlp` on "1 " x 30,000."""
    draft = folder / "ones.txt"
    draft.write_text("1 " * 30_000, encoding="utf-8")
    # A budget the patterns cannot exhaust on a busy machine, so the time is the filters' (near).
    pack = folder / "slow-ok.yaml"
    pack.write_text("version: 1\nextends: [default]\nsettings: {pattern_timeout_ms: 60000}\n",
                    encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, "check", "--no-nlp", "-r", str(pack), "--file", str(draft)],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    code, _, cpu = run.stderr.strip().splitlines()[-1].split()
    return int(code), float(cpu)


def main() -> int:
    """Print the figures; exit 1 when memory grows with the input."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--factor", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="small sizes, one repeat (CI)")
    args = parser.parse_args()
    if args.smoke:
        args.lines, args.factor, args.repeats = 3_000, 4, 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        figures = {}
        for lines in (args.lines, args.lines * args.factor):
            path = folder / f"in-{lines}.jsonl"
            write_input(path, lines)
            runs = [scan(path, folder / "out.jsonl") for _ in range(args.repeats)]
            codes = {code for code, _, _ in runs}
            peak = statistics.median(p for _, p, _ in runs)
            cpu = statistics.median(c for _, _, c in runs)
            size = path.stat().st_size / 1e6
            figures[lines] = peak
            print(f"{lines:>8} drafts ({size:6.1f} MB): peak RSS {peak / 1024:6.1f} MiB, "
                  f"CPU {cpu:6.2f} s, exit {sorted(codes)}")
        small, large = figures[args.lines], figures[args.lines * args.factor]
        ratio = large / small
        print(f"peak RSS ratio {args.factor}x input: {ratio:.2f} (target <= {RSS_RATIO_TARGET})")
        code, cpu = near_worst_case(folder)
        print(f'"1 " x 30,000 with --no-nlp, default pack: exit {code}, CPU {cpu:.2f} s')
    ok = ratio <= RSS_RATIO_TARGET and code in (1, 3)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
