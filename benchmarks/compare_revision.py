"""This checkout against another revision, in one run: cold start and model-free throughput.

    python benchmarks/compare_revision.py 7f10c25          # HEAD's tree vs 7f10c25
    python benchmarks/compare_revision.py 7f10c25 --rounds 5

The other revision is checked out into a temporary git worktree and imported through PYTHONPATH
with this environment's packages, so only guard's own code differs. Runs alternate between the
two trees (the machine is shared: neighbours slow both alike), and each figure is a median of
CPU time (user + system of the child), not wall time. Prints the ratio new/old for each; exits
1 when the new tree is more than `--tolerance` slower on either.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "real_posts.jsonl"

COLD = "from guard.cli import main; main(['check', '--no-nlp', 'hello'])"
# Model-free throughput: the default pack over the real posts, CPU time per draft.
WARM = """
import json, sys, time
from guard import Guard
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")][:N]
guard = Guard.default(nlp=False)
guard.check_many(texts[:50])
start = time.process_time()
for text in texts:
    guard.check(text)
print(json.dumps({"us_per_draft": (time.process_time() - start) / len(texts) * 1e6}))
"""


def _cpu_of(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, out.stdout


def _env(tree: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(tree), GUARD_RULES="", NO_COLOR="1")
    env.pop("GUARD_RULES")
    return env


def measure(trees: dict[str, Path], rounds: int, drafts: int) -> dict[str, dict[str, float]]:
    """Median cold-start CPU (s) and warm µs per draft for each tree, runs interleaved."""
    cold: dict[str, list[float]] = {name: [] for name in trees}
    warm: dict[str, list[float]] = {name: [] for name in trees}
    script = WARM.replace("N]", f"{drafts}]")
    for _ in range(rounds):
        for name, tree in trees.items():
            cold[name].append(_cpu_of([sys.executable, "-c", COLD], _env(tree))[0])
            _, out = _cpu_of([sys.executable, "-c", script, str(CORPUS)], _env(tree))
            warm[name].append(json.loads(out)["us_per_draft"])
    return {name: {"cold_cpu_s": statistics.median(cold[name]),
                   "warm_us_per_draft": statistics.median(warm[name])} for name in trees}


def main(argv: list[str] | None = None) -> int:
    """Compare HEAD's working tree with REV; exit 1 past the tolerance."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--drafts", type=int, default=2000)
    parser.add_argument("--tolerance", type=float, default=0.10)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old), args.rev],
                       cwd=ROOT, check=True)
        try:
            figures = measure({"new": ROOT, "old": old}, args.rounds, args.drafts)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT,
                           check=False)
    worse = False
    for key in ("cold_cpu_s", "warm_us_per_draft"):
        ratio = figures["new"][key] / figures["old"][key]
        worse |= ratio > 1 + args.tolerance
        print(f"{key:>18}: new {figures['new'][key]:.4g}  old {figures['old'][key]:.4g}  "
              f"new/old {ratio:.3f}")
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
