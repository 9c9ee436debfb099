"""What a batch costs `guard serve`'s checker, offline: per draft in batches of 8 and 16.

`guard serve --workers 2` under `bench_server.py`'s 16 connections gives each worker batches of
about 8 drafts where one worker gets 16, so what a batch costs whatever its size (the fixed cost
F) is paid twice as often per request. This prints, in CPU time (`time.thread_time`), medians
of alternated rounds over `bench_server.py`'s drafts and NLP pack:

- `Guard.check_each` per draft in batches of 8 and 16, and the same split by phase (the
  model-free detectors, the language choice, the NLP gating plan, spaCy, the NLP hits, the
  report); a phase's fixed cost per batch is read from the two sizes (cost(8) - 8 x slope);
- bare spaCy on the same batches: `nlp.pipe` of the components the guard runs (the baseline,
  in the same run), and the NER's own `tok2vec` alone;
- the model-free pass alone in a loop against the same pass with spaCy run between batches (what
  spaCy's weights evict from the CPU caches, the guard's tables pay back on every batch);
- the bound two free cores give: 2 x cost(16) / cost(8) per draft.

    python benchmarks/batch_cost.py [--rounds 9] [--drafts 800]
    python benchmarks/batch_cost.py --smoke
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_server import DRAFTS, NLP_PACK

from guard.detect.nlp import detector as nlp_detector
from guard.detect.nlp import runtime
from guard.engine import Guard

SIZES = (8, 16)
PHASES = {  # (owner, method) -> label; timed around each call
    (Guard, "_model_free_many"): "model-free detectors",
    (Guard, "_prepare"): "language choice",
    (nlp_detector.NlpDetector, "plan"): "NLP gating plan",
    (nlp_detector.NlpDetector, "_run"): "spaCy (nlp.pipe)",
    (nlp_detector.NlpDetector, "_hits"): "NLP hits (entities, matchers)",
    (Guard, "_finish"): "report (filters, score, length)",
}


def _timed(spent: Counter[str]) -> Callable[[], None]:
    """Wrap each phase with a CPU timer adding to `spent`; returns the undo."""
    saved = []
    for (owner, name), label in PHASES.items():
        original = getattr(owner, name)

        @functools.wraps(original)
        def wrapper(*args: Any, _f: Any = original, _label: str = label, **kwargs: Any) -> Any:
            start = time.thread_time()
            try:
                return _f(*args, **kwargs)
            finally:
                spent[_label] += time.thread_time() - start

        setattr(owner, name, wrapper)
        saved.append((owner, name, original))

    def undo() -> None:
        for owner, name, original in saved:
            setattr(owner, name, original)

    return undo


def batches(size: int, total: int) -> list[list[str]]:
    """`total` drafts cycled from the bench's drafts, cut into batches of `size`."""
    return [[DRAFTS[(i + k) % len(DRAFTS)] for k in range(size)] for i in range(0, total, size)]


def per_batch(run: Callable[[list[str]], object], size: int, total: int) -> float:
    """CPU ms per batch of `size` for `run` over `total` drafts."""
    todo = batches(size, total)
    start = time.thread_time()
    for batch in todo:
        run(batch)
    return (time.thread_time() - start) / len(todo) * 1e3


def fixed_and_slope(small: float, large: float) -> tuple[float, float]:
    """Fixed ms per batch and ms per draft from the costs of a batch of 8 and of 16."""
    slope = (large - small) / (SIZES[1] - SIZES[0])
    return small - SIZES[0] * slope, slope


def main() -> int:
    """Measure and print; exit 0 (no target: a profile the serve figures are read against)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9, help="alternated rounds (medians)")
    parser.add_argument("--drafts", type=int, default=800, help="drafts per measurement")
    parser.add_argument("--smoke", action="store_true", help="one short round")
    opts = parser.parse_args()
    rounds = 1 if opts.smoke else max(1, min(opts.rounds, 51))
    total = 64 if opts.smoke else max(64, min(opts.drafts, 20_000))
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "nlp.yaml"
        pack.write_text(NLP_PACK, encoding="utf-8")
        guard = Guard.from_files([str(pack)])
        guard.preload()
    detector = guard._nlp
    assert detector is not None
    nlp = detector._pipeline("en")
    running = runtime.running(nlp, runtime.COMPONENTS["ner"])  # what the pack's rules need
    off = [n for n in nlp.pipe_names if n not in running]
    ner = nlp.get_pipe("ner")
    tok2vec = ner.model.get_ref("tok2vec")

    def bare(batch: list[str]) -> None:
        list(nlp.pipe(batch, disable=off))

    def ner_tok2vec(batch: list[str]) -> None:
        tok2vec.predict([nlp.make_doc(t) for t in batch])

    def interleaved(batch: list[str]) -> float:
        bare(batch)
        start = time.thread_time()
        guard._model_free_many(batch)
        return time.thread_time() - start

    figures: dict[tuple[str, int], list[float]] = defaultdict(list)
    phases: dict[tuple[str, int], list[float]] = defaultdict(list)
    for size in SIZES:  # warm-up: first batches, caches, lazy tables
        per_batch(guard.check_each, size, 64)
        per_batch(bare, size, 64)
    for _ in range(rounds):
        for size in SIZES:
            spent: Counter[str] = Counter()
            undo = _timed(spent)
            try:
                figures["check_each", size].append(per_batch(guard.check_each, size, total))
            finally:
                undo()
            for label in PHASES.values():
                phases[label, size].append(spent[label] / (total / size) * 1e3)
            figures["bare nlp.pipe", size].append(per_batch(bare, size, total))
            figures["NER's tok2vec alone", size].append(per_batch(ner_tok2vec, size, total))
            figures["model-free alone", size].append(
                per_batch(guard._model_free_many, size, total))
            between = [interleaved(b) for b in batches(size, total)]
            figures["model-free, spaCy between", size].append(
                sum(between) / len(between) * 1e3)

    def med(values: list[float]) -> float:
        return statistics.median(values)

    print(f"CPU per batch, medians of {rounds} alternated rounds over {total} drafts "
          f"(bench_server.py's drafts and NLP pack; spaCy runs {', '.join(running)}); load "
          f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'':34} {'batch of 8':>11} {'of 16':>8} {'per draft 8/16':>16} "
          f"{'fixed/batch':>12} {'per draft':>10}")
    rows = [(k, [med(figures[k, s]) for s in SIZES]) for k in dict.fromkeys(k for k, _ in figures)]
    rows[1:1] = [(f"  {label}", [med(phases[label, s]) for s in SIZES])
                 for label in PHASES.values()]
    for name, (small, large) in rows:
        fixed, slope = fixed_and_slope(small, large)
        print(f"{name:34} {small:8.2f} ms {large:5.2f} ms {small / 8:7.3f}/{large / 16:.3f} ms "
              f"{fixed:9.2f} ms {slope:7.3f} ms")
    check = [med(figures["check_each", s]) for s in SIZES]
    print(f"check_each per draft, batches of 8 vs 16: {check[0] / 8:.3f} vs {check[1] / 16:.3f} ms "
          f"({check[0] / 8 / (check[1] / 16):.3f}x); two free cores at 8 per worker vs one at 16: "
          f"at most {2 * (check[1] / 16) / (check[0] / 8):.2f}x (the server adds its HTTP cost "
          "per request to both)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
