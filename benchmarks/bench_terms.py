"""Term matching at scale: build time and per-draft time with 100, 10,000 and 100,000 terms.

Run: `python benchmarks/bench_terms.py [--corpus PATH] [--limit N] [--sizes 100,10000,100000]
[--repeats 3]`. Exits 1 when a target of issue 4 is missed: the largest pack builds in under 2 s,
and a draft takes at most 1.5x as long with the largest pack as with the smallest.

Times are CPU time of this process (`time.process_time`), so other work on a shared machine
inflates them less; a per-draft figure is the median over the drafts, then over the repeats.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from guard.detect.normalise import normalise
from guard.detect.terms import TermEntry, TermMatcher
from guard.models import MatchOptions

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "real_posts.jsonl"
SIZES = (100, 10_000, 100_000)
BUILD_TARGET_S = 2.0
RATIO_TARGET = 1.5

_ONSETS = ["b", "br", "c", "d", "f", "g", "gr", "k", "l", "m", "n", "p", "qu", "r", "s", "st",
           "t", "tr", "v", "z", "h", "j", "pl", "cl", "fl", "sh", "th", "w"]  # fmt: skip
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "y"]
_CODAS = ["", "", "n", "r", "x", "l", "s", "m", "nt", "rk", "st", "ck"]
_SUFFIXES = ["Group", "Holdings", "Labs", "Logistics", "Partners", "Capital", "Systems",
             "Foods",
             "Health", "Energy", "Analytics", "Bank", "Insurance", "Motors", "Pharma", "Media",
             "Retail", "Solutions", "Technologies", "Consulting", "Industries", "Networks",
             "Ventures", "Airlines", "Hotels", "Studios", "Robotics", "Biotech", "Foundry",
             "Mining", "Textiles", "Realty", "Software", "Security", "Telecom",
             "Payments"]  # fmt: skip
_QUALIFIERS = ["North", "Blue", "Global", "United", "First", "Pacific", "Atlas", "Silver",
               "Green", "Prime", "Royal", "Nova", "Alpine", "Coastal", "Metro", "Summit",
               "Union", "Iron"]  # fmt: skip


def _brand(rng: random.Random) -> str:
    word = "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(1, 3))
    ) + rng.choice(_CODAS)
    return word.capitalize()


def _common_words() -> set[str]:
    data = resources.files("guard.detect.data").joinpath("common_words.txt")
    text = data.read_text(encoding="utf-8")
    return set(text.split())


def client_names(count: int, seed: int = 4) -> list[str]:
    """`count` distinct company-like names of one to three words, the same on every run."""
    common = _common_words()
    rng = random.Random(seed)
    names: dict[str, None] = {}
    while len(names) < count:
        shape = rng.random()
        brand = _brand(rng)
        if brand.lower() in common:
            continue  # a client called "This" or "The Media" is not a realistic list
        if shape < 0.35:
            name = brand
        elif shape < 0.8:
            name = f"{brand} {rng.choice(_SUFFIXES)}"
        else:
            name = f"{rng.choice(_QUALIFIERS)} {brand} {rng.choice(_SUFFIXES)}"
        if len(name) >= 4:
            names.setdefault(name, None)
    return list(names)


def load_posts(path: Path, limit: int) -> list[str]:
    """The `text` of the first `limit` posts of a JSONL corpus."""
    posts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            posts.append(json.loads(line)["text"])
            if len(posts) >= limit:
                break
    return posts


def per_draft_us(matcher: TermMatcher, posts: list[str], repeats: int = 1) -> tuple[float, int]:
    """Median CPU microseconds per draft over the posts (median of the repeats), and the hits."""
    clock = time.process_time
    medians = []
    hits = 0
    for _ in range(repeats):
        times = []
        hits = 0
        for text in posts:
            t0 = clock()
            hits += len(matcher.find(text))
            times.append(clock() - t0)
        medians.append(statistics.median(times))
    return statistics.median(medians) * 1e6, hits


def normalise_us(posts: list[str], repeats: int) -> float:
    """Median CPU microseconds of `normalise` per draft, the part that no pack size changes."""
    clock = time.process_time
    medians = []
    for _ in range(repeats):
        times = []
        for text in posts:
            t0 = clock()
            normalise(text)
            times.append(clock() - t0)
        medians.append(statistics.median(times))
    return statistics.median(medians) * 1e6


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3, help="passes over the posts per pack")
    parser.add_argument(
        "--sizes", type=lambda v: tuple(int(x) for x in v.split(",")), default=SIZES,
        help="pack sizes, comma-separated (the targets compare the largest with the smallest)",
    )
    args = parser.parse_args(argv)
    sizes: tuple[int, ...] = args.sizes
    posts = load_posts(args.corpus, args.limit)
    names = client_names(max(sizes))
    print(f"corpus: {args.corpus.name}, {len(posts)} drafts")
    print(f"normalise: median {normalise_us(posts, args.repeats):.1f} us/draft")
    medians: dict[int, float] = {}
    builds: dict[int, float] = {}
    for size in sizes:
        entries = [TermEntry("client", n, MatchOptions()) for n in names[:size]]
        t0 = time.process_time()
        matcher = TermMatcher(entries)
        builds[size] = time.process_time() - t0
        per_draft_us(matcher, posts[:200])  # warm the per-character caches
        medians[size], hits = per_draft_us(matcher, posts, args.repeats)
        print(
            f"{size:>7} terms: build {builds[size]:6.3f} s, "
            f"median {medians[size]:7.1f} us/draft, {hits} hits"
        )
    big, small = max(sizes), min(sizes)
    ratio = medians[big] / medians[small]
    print(f"ratio {big:,}/{small:,}: {ratio:.2f} (target <= {RATIO_TARGET})")
    failed = []
    if builds[big] >= BUILD_TARGET_S:
        failed.append(f"build of {big:,} terms took {builds[big]:.2f} s")
    if ratio > RATIO_TARGET:
        failed.append(f"per-draft ratio {ratio:.2f} > {RATIO_TARGET}")
    for message in failed:
        print(f"TARGET MISSED: {message}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
