"""This checkout against another revision, in one run: cold start and model-free throughput.

    python benchmarks/compare_revision.py 7f10c25          # HEAD's tree vs 7f10c25
    python benchmarks/compare_revision.py 7f10c25 --rounds 5
    python benchmarks/compare_revision.py 7f10c25 --nlp    # bench_nlp.py's [5] in each tree

The other revision is checked out into a temporary git worktree and imported through PYTHONPATH
with this environment's packages, so only guard's own code differs. Runs alternate between the
two trees (the machine is shared: neighbours slow both alike), and each figure is a median of
CPU time (user + system of the child), not wall time. Prints the ratio new/old for each; exits
1 when the new tree is more than `--tolerance` slower on either.

`--nlp` measures instead what `bench_nlp.py` [5] does, in a child process per tree (the trees
alternating, `--rounds` children each): the bundled default pack with NLP over the 5,000 real
posts (`check_many`) against bare spaCy `tok2vec+ner` over the same posts, interleaved passes in
the same process, CPU time; it prints each tree's median guard time, bare time and ratio.
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

# bench_nlp.py [5] in one process: guard's check_many and bare tok2vec+ner, interleaved.
NLP = """
import json, statistics, sys, tempfile, time
from pathlib import Path
from guard import Guard
from guard.packs.loader import load_pack
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
tmp = Path(tempfile.mkdtemp())
(tmp / "default.yaml").write_text("version: 1\\nname: default\\nextends: [default]\\n"
                                  "settings: {pattern_timeout_ms: 60000}\\n", encoding="utf-8")
guard = Guard(load_pack([str(tmp / "default.yaml")]))
nlp = guard._nlp._pipeline("en")  # as loaded: tok2vec and ner, all run by the bare side


def bare():
    for _ in nlp.pipe(texts):
        pass


def timed(fn):
    start = time.process_time()
    fn()
    return time.process_time() - start


bare()
guard.check_many(texts)  # warm-up of each side
b, g = [], []
for _ in range(int(sys.argv[2])):
    b.append(timed(bare))
    g.append(timed(lambda: guard.check_many(texts)))
print(json.dumps({"guard_s": statistics.median(g), "bare_s": statistics.median(b)}))
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


def _compile_bytecode(tree: Path) -> None:
    """Write the tree's bytecode: with PYTHONDONTWRITEBYTECODE set (as on this machine) a tree
    without it recompiles every module of guard on every cold start (≈ 30 ms CPU), which would
    favour whichever tree happens to have it."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "guard")],
                   capture_output=True, check=True)


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


def measure_nlp(trees: dict[str, Path], rounds: int, passes: int) -> dict[str, list[dict]]:
    """Per tree, one figure per child process: median guard and bare CPU seconds."""
    out: dict[str, list[dict]] = {name: [] for name in trees}
    for _ in range(rounds):
        for name, tree in trees.items():
            _, text = _cpu_of([sys.executable, "-c", NLP, str(CORPUS), str(passes)], _env(tree))
            out[name].append(json.loads(text.splitlines()[-1]))
    return out


def _report_nlp(runs: dict[str, list[dict]], tolerance: float) -> int:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    ratios = {}
    for name, figures in runs.items():
        guard = statistics.median(f["guard_s"] for f in figures)
        bare = statistics.median(f["bare_s"] for f in figures)
        ratios[name] = statistics.median(f["guard_s"] / f["bare_s"] for f in figures)
        each = ", ".join(f"{f['guard_s']:.2f}/{f['bare_s']:.2f}" for f in figures)
        print(f"{name}: default pack check_many {guard:.2f} s CPU, bare tok2vec+ner {bare:.2f} s"
              f" CPU, ratio {ratios[name]:.3f} (each child, guard/bare s: {each})")
    print(f"new/old ratio {ratios['new'] / ratios['old']:.3f}; load average {load:.1f} at the end")
    return 1 if ratios["new"] > ratios["old"] * (1 + tolerance) else 0


def main(argv: list[str] | None = None) -> int:
    """Compare HEAD's working tree with REV; exit 1 past the tolerance."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--drafts", type=int, default=2000)
    parser.add_argument("--tolerance", type=float, default=0.10)
    parser.add_argument("--nlp", action="store_true", help="bench_nlp.py [5] in each tree")
    parser.add_argument("--passes", type=int, default=2, help="--nlp: passes per child")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(old), args.rev],
                       cwd=ROOT, check=True)
        try:
            trees = {"new": ROOT, "old": old}
            for tree in trees.values():  # bytecode in both trees, as `pip install` writes it
                _compile_bytecode(tree)
            if args.nlp:
                return _report_nlp(measure_nlp(trees, args.rounds, args.passes), args.tolerance)
            figures = measure(trees, args.rounds, args.drafts)
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
