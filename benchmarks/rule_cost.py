"""Where the model-free pass spends its time: per detector, per pattern rule, per secrecy form.

    python benchmarks/rule_cost.py                       # the bundled pack over the real posts
    python benchmarks/rule_cost.py --top 25
    git -C . archive main rules | tar -x -C /tmp/base    # the pack as it was
    python benchmarks/rule_cost.py --baseline /tmp/base/rules
    python benchmarks/rule_cost.py --smoke                # 200 posts, one pass (CI)

Checks every real post (English and French corpora) with `Guard.check_many`, NLP off, and
charges the wall time of each detector's `find`, each pattern rule's search and each `secrecy:`
form's search to its name. With `--baseline`, another `rules/` folder is measured in the same run
(passes alternate; medians per name) and the table shows both, so that a rule that became costly
stands out by name: a benchmark's single ratio says that the pack got slower, not which rule did
it. The timers add overhead of their own: read the shares and the differences, not the absolute
figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from default_pack_rates import CORPUS, read_jsonl

from guard import Guard
from guard.detect import patterns
from guard.detect.events import secrecy
from guard.packs.loader import load_pack

ROOT = Path(__file__).resolve().parents[1]
Costs = dict[str, list[float]]  # name -> [seconds, calls]


@contextmanager
def _charged(costs: Costs, guard: Guard) -> Iterator[None]:
    """Charge time to names while the block runs; every patch is undone on the way out."""
    undo: list[Callable[[], None]] = []

    def charge(name: str, start: float) -> None:
        cost = costs[name]
        cost[0] += time.perf_counter() - start
        cost[1] += 1

    matches = patterns._matches

    def timed_matches(rule: Any, compiled: Any, text: str, remaining: float) -> Any:
        start = time.perf_counter()
        try:
            return matches(rule, compiled, text, remaining)
        finally:
            charge(f"pattern  {rule.id}", start)

    patterns._matches = timed_matches
    undo.append(lambda: setattr(patterns, "_matches", matches))
    kept = patterns._kept

    def timed_kept(rule: Any, text: str, found: Any) -> Any:  # its validators and `unless`
        start = time.perf_counter()
        try:
            return kept(rule, text, found)
        finally:
            charge(f"pattern  {rule.id}", start)

    patterns._kept = timed_kept
    undo.append(lambda: setattr(patterns, "_kept", kept))

    budget_run = secrecy.Budget.run

    def timed_run(self: secrecy.Budget, name: str, call: Callable[[float], Any]) -> Any:
        start = time.perf_counter()
        try:
            return budget_run(self, name, call)
        finally:
            charge(f"secrecy  {name}", start)

    secrecy.Budget.run = timed_run  # type: ignore[method-assign]
    undo.append(lambda: setattr(secrecy.Budget, "run", budget_run))

    for detector in guard._detectors:
        kind = type(detector).__name__
        for method in ("find", "find_late"):
            bound = getattr(detector, method, None)
            if bound is None:
                continue

            def timed(*args: Any, _bound: Any = bound, _name: str = f"detector {kind}.{method}"
                      ) -> Any:
                start = time.perf_counter()
                try:
                    return _bound(*args)
                finally:
                    charge(_name, start)

            setattr(detector, method, timed)
            undo.append(lambda d=detector, m=method: delattr(d, m))
    try:
        yield
    finally:
        for step in reversed(undo):
            step()


def measure(guard: Guard, texts: list[str]) -> tuple[float, Costs]:
    """Wall seconds of one pass of `check_many` and the time charged to each name."""
    costs: Costs = defaultdict(lambda: [0.0, 0])
    with _charged(costs, guard):
        start = time.perf_counter()
        guard.check_many(texts)
        total = time.perf_counter() - start
    return total, costs


def medians(passes: list[tuple[float, Costs]]) -> tuple[float, Costs]:
    """Per name, the median time over the passes (calls are the same in every pass)."""
    names = set().union(*(costs for _, costs in passes))
    return statistics.median(total for total, _ in passes), {
        n: [statistics.median(c[n][0] if n in c else 0.0 for _, c in passes),
            max(c[n][1] if n in c else 0 for _, c in passes)]
        for n in names
    }


def main(argv: list[str] | None = None) -> int:
    """Print the costliest names; 2 when a rules folder or the corpus is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, default=ROOT / "rules", help="a rules/ folder")
    parser.add_argument("--baseline", type=Path, help="another rules/ folder, same run")
    parser.add_argument("--top", type=int, default=15, help="rows per table")
    parser.add_argument("--runs", type=int, default=3, help="passes per pack, alternating")
    parser.add_argument("--smoke", action="store_true", help="200 posts, one pass")
    args = parser.parse_args(argv)
    paths = [CORPUS, CORPUS.with_name("real_posts_fr.jsonl")]
    folders = [args.rules, *([args.baseline] if args.baseline else [])]
    missing = [p for p in (*paths, *(f / "default.yaml" for f in folders)) if not p.is_file()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    texts = [p["text"] for path in paths for p in read_jsonl(path)]
    if args.smoke:
        texts, args.runs = texts[:200], 1
    today = dt.date.today()
    guards = [Guard(load_pack([str(f / "default.yaml")]), today=today, nlp=False)
              for f in folders]
    passes: list[list[tuple[float, Costs]]] = [[] for _ in guards]
    for guard in guards:
        guard.check_many(texts[:50])  # warm up: compile patterns, load validators' data
    for _ in range(args.runs):
        for guard, done in zip(guards, passes, strict=True):
            done.append(measure(guard, texts))
    total, costs = medians(passes[0])
    base_total, base = medians(passes[1]) if args.baseline else (0.0, {})
    print(f"{len(texts):,} real posts, NLP off, median of {args.runs} pass(es); "
          f"wall ms of check_many: {total * 1000:.0f}"
          + (f" (baseline {base_total * 1000:.0f})" if args.baseline else ""))
    for section in ("detector", "pattern", "secrecy"):
        names = sorted((n for n in costs.keys() | base.keys() if n.startswith(section)),
                       key=lambda n: -costs.get(n, [0.0])[0])
        rows = names[: args.top]
        print(f"\n{'name':58} {'ms':>7} {'calls':>7}" + (f" {'base ms':>8} {'diff':>7}"
                                                         if args.baseline else ""))
        for name in rows:
            ms, calls = costs.get(name, [0.0, 0])
            line = f"{name[:58]:58} {ms * 1000:7.1f} {calls:7d}"
            if args.baseline:
                base_ms = base.get(name, [0.0, 0])[0] * 1000
                line += f" {base_ms:8.1f} {ms * 1000 - base_ms:+7.1f}"
            print(line)
        spent = sum(costs.get(n, [0.0])[0] for n in names) * 1000
        print(f"{f'all {len(names)} {section} names':58} {spent:7.1f}" + (
            f" {'':7} {sum(base.get(n, [0.0])[0] for n in names) * 1000:8.1f}"
            if args.baseline else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
