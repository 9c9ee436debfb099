"""Engine throughput and cold start, each against a baseline measured in the same run.

    python benchmarks/bench_engine.py            # full run, exits 1 on a missed target
    python benchmarks/bench_engine.py --smoke    # a few hundred drafts, for CI (no targets)

Throughput: `Guard.check_many` without NLP over the real posts with a generated pack of 1,000
terms and 20 patterns; baseline: the naive approach of one compiled regex per term and pattern
tried in turn. Cold start: `guard check` as a fresh process (median of several runs); baseline:
`python -c pass`, the floor any Python CLI pays.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

from guard import Guard
from guard.packs.loader import load_pack

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "real_posts.jsonl"
TARGET_DRAFTS_PER_S = 5000
TARGET_COLD_S = 0.3
TARGET_COLD_RATIO = 5.0  # cold `guard check --no-nlp hello`, default pack, vs `python -c pass`
# The floor under a cold check: the modules `guard check --no-nlp hello` really imports besides
# guard's own (`imported_by_check`), the standard library's alone and with the libraries
# (`regex` for the default pack's language choice, `ahocorasick` for the terms' automaton).

PATTERNS = [
    r"\bAKIA[A-Z0-9]{16}\b",
    r"\bgh[pousr]_[A-Za-z0-9]{36}\b",
    r"\bxox[bpoas]-[A-Za-z0-9-]{10,}\b",
    r"\bsk_live_[A-Za-z0-9]{24,}\b",
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----",
    r"\b10(?:\.\d{1,3}){3}\b",
    r"\b192\.168(?:\.\d{1,3}){2}\b",
    r"(?i)\blocalhost:\d+\b",
    r"(?i)\b[a-z0-9-]+\.(?:internal|corp|intranet)\b",
    r"\bPRJ-\d{4,6}\b",
    r"\bINV-\d{6}\b",
    r"\$\d+(?:\.\d+)?\s?(?:M|B|bn|million|billion)\b",
    r"\b\d{1,3}(?:\.\d)?%\s+(?:margin|growth)\b",
    r"(?i)\bQ[1-4]\s+(?:revenue|guidance)\b",
    r"(?i)\bpassword\s*[:=]\s*\S{6,}",
    r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\b",
    r"(?i)\bcase\s+#\d{7}\b",
    r"\bEMP\d{6}\b",
    r"(?i)\bticket\s+[A-Z]{2,5}-\d{2,5}\b",
    r"\bglpat-[A-Za-z0-9_-]{20}\b",
]
SYLLABLES = [
    "ac",
    "me",
    "glo",
    "bex",
    "ini",
    "tech",
    "um",
    "bre",
    "lla",
    "van",
    "dal",
    "ay",
    "hoo",
    "li",
    "cyb",
    "er",
    "dyne",
    "wonka",
    "stark",
    "wayne",
    "tyr",
    "ell",
    "sor",
    "ax",
]
SUFFIXES = ["", "", " Corp", " Labs", " Group", " Holdings", " Systems", " Bank"]


def make_terms(n: int, seed: int = 7) -> list[str]:
    """Deterministic client-like names: one to three words."""
    rng = random.Random(seed)
    terms: set[str] = set()
    while len(terms) < n:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        terms.add(word + rng.choice(SUFFIXES))
    return sorted(terms)


def write_pack(folder: Path, n_terms: int = 1000) -> Path:
    """A pack of n client terms and the 20 patterns."""
    rules = [
        {
            "id": "client.list",
            "category": "client",
            "severity": "high",
            "terms": make_terms(n_terms),
        }
    ]
    rules += [
        {"id": f"pattern.p{i:02d}", "severity": "high", "pattern": p}
        for i, p in enumerate(PATTERNS)
    ]
    path = folder / "bench-pack.yaml"
    path.write_text(json.dumps({"version": 1, "name": "bench", "rules": rules}), encoding="utf-8")
    return path


def load_drafts(limit: int | None) -> list[str]:
    """The real posts (or generated ones when the corpus is not beside the repo)."""
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as fh:
            drafts = [json.loads(line)["text"] for line in fh if line.strip()]
    else:
        rng = random.Random(1)
        words = [
            "the",
            "our",
            "new",
            "launch",
            "team",
            "update",
            "customer",
            "thanks",
            "please",
            "order",
            "today",
            "week",
        ]
        drafts = [
            " ".join(rng.choice(words) for _ in range(rng.randint(8, 40))) for _ in range(5000)
        ]
    return drafts[:limit] if limit else drafts


def naive_baseline(drafts: list[str], terms: list[str]) -> float:
    """Seconds for one regex per term and pattern, tried in turn (what a first version does)."""
    compiled = [regex.compile(r"(?i)\b" + regex.escape(t) + r"\b") for t in terms]
    compiled += [regex.compile(p) for p in PATTERNS]
    start = time.perf_counter()
    for text in drafts:
        for c in compiled:
            c.search(text)
    return time.perf_counter() - start


def throughput(guard: Guard, drafts: list[str], repeats: int) -> list[float]:
    """Seconds per full pass of check_many, one per repeat."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        guard.check_many(drafts)
        times.append(time.perf_counter() - start)
    return times


def default_pack_without_events(folder: Path) -> Path:
    """A copy of the bundled default pack without `events.yaml` (issue 13's detector), so its
    share of a cold check can be told apart from the rest."""
    folder.mkdir()
    for source in (REPO / "rules").iterdir():
        if source.name.startswith("events") or not source.is_file():
            continue
        if source.suffix != ".yaml":  # models the rules name (marker-veto.json)
            shutil.copyfile(source, folder / source.name)
            continue
        text = source.read_text(encoding="utf-8")
        if source.name == "default.yaml":
            text = "\n".join(ln for ln in text.splitlines() if "events.yaml" not in ln) + "\n"
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder / "default.yaml"


def compile_bytecode() -> None:
    """Write guard's bytecode, as `pip install` does: with PYTHONDONTWRITEBYTECODE set (as on
    this machine) an editable checkout would otherwise recompile every module of guard on every
    cold start (≈ 30 ms CPU), which no installed copy does."""
    import guard

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(guard.__file__).parent)],
        capture_output=True,
        check=True,
    )


_IMPORTED = (
    "import contextlib, io, sys, sysconfig\n"
    "started = set(sys.modules)\n"
    "from guard.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main(['check', '--no-nlp', 'hello'])\n"
    "stdlib = sysconfig.get_paths()['stdlib']\n"
    "def where(name):\n"
    "    path = getattr(sys.modules[name], '__file__', None) or ''\n"
    "    return 'lib' if path.startswith(stdlib) and 'site-packages' not in path else 'dep'\n"
    "top = sorted({m.split('.')[0] for m in set(sys.modules) - started} - {'guard'})\n"
    "print(' '.join(m + ':' + ('lib' if m in sys.builtin_module_names else where(m))"
    " for m in top if m in sys.modules))\n"
)


def imported_by_check() -> tuple[str, str]:
    """The top-level modules a cold `guard check --no-nlp hello` imports besides guard's own:
    (the standard library's, the standard library's and the libraries'), as `import` lists."""
    # -P: guard from the install, as the console script imports it, not from the checkout the
    # benchmark may run in; the second run reads the pack cache the first one filled.
    for _ in range(2):
        out = subprocess.run([sys.executable, "-P", "-c", _IMPORTED], capture_output=True,
                             text=True, check=True).stdout.split()
    names = [item.rsplit(":", 1) for item in out]
    stdlib = [n for n, kind in names if kind == "lib" and not n.startswith("_")]
    deps = [n for n, kind in names if kind == "dep"]
    return ", ".join(stdlib), ", ".join(stdlib + deps)


def cold_runs(pack: Path, runs: int, no_events: Path) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of `guard check` and of `python -c pass` as fresh processes.

    CPU time (user + system of the child) is what the guard itself costs; wall time also holds
    whatever else the shared machine is doing, so both are printed.
    """
    exe = Path(sys.executable).with_name("guard")
    compile_bytecode()
    stdlib_floor, dependency_floor = imported_by_check()
    commands = {
        # The hook's and the shell user's case: the default pack (cached after the first call).
        "guard check --no-nlp hello": [str(exe), "check", "--no-nlp", "hello"],
        "guard check --no-nlp hello, default pack without events.yaml": [
            str(exe),
            "check",
            "--no-nlp",
            "hello",
            "--rules",
            str(no_events),
        ],
        "guard check --no-nlp": [
            str(exe),
            "check",
            "Project update: all good",
            "--rules",
            str(pack),
            "--no-nlp",
        ],
        "python -c pass": [sys.executable, "-c", "pass"],
        # What the check imports besides guard (dataclasses brings inspect, ast and dis): the
        # floor under guard's own modules, the pack and the check.
        "stdlib floor": [sys.executable, "-c", "import " + stdlib_floor],
        "dependency floor": [sys.executable, "-c", "import " + dependency_floor],
    }
    print(f"a cold `guard check --no-nlp hello` imports, besides guard: {dependency_floor}")
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():  # warm: the pack cache and the .pyc files
        subprocess.run(command, capture_output=True, check=False)
    for _ in range(runs):
        # Interleaved, so that the shared machine's load falls on every command alike.
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            walls[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {n: (statistics.median(walls[n]), statistics.median(cpus[n])) for n in commands}


def editable_install() -> bool:
    """True when tweet-guard is installed with `pip install -e` (PEP 660's direct_url.json)."""
    from importlib import metadata

    # Every copy of the metadata: a checkout's own tweet_guard.egg-info can come first on the path.
    for dist in metadata.distributions(name="tweet-guard"):
        raw = dist.read_text("direct_url.json")
        if raw and json.loads(raw).get("dir_info", {}).get("editable"):
            return True
    return False


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny run for CI; no targets")
    args = parser.parse_args()
    drafts = load_drafts(300 if args.smoke else None)
    with tempfile.TemporaryDirectory() as tmp:
        pack_path = write_pack(Path(tmp))
        t0 = time.perf_counter()
        guard = Guard(load_pack([str(pack_path)]), nlp=False)
        build = time.perf_counter() - t0
        guard.check_many(drafts[:50])  # warm the length tables and caches
        times = throughput(guard, drafts, 1 if args.smoke else 5)
        best = statistics.median(times)
        naive = naive_baseline(drafts, make_terms(1000))
        no_events = default_pack_without_events(Path(tmp) / "no-events")
        cold_figures = cold_runs(pack_path, 3 if args.smoke else 11, no_events)
    per_s = len(drafts) / best
    us = best / len(drafts) * 1e6
    print(
        f"drafts: {len(drafts)}  pack: 1000 terms + {len(PATTERNS)} patterns  "
        f"build: {build * 1000:.0f} ms"
    )
    print(
        f"check_many (no NLP): {per_s:,.0f} drafts/s, "
        f"median {us:.0f} µs/draft over {len(times)} passes"
    )
    print(
        f"naive baseline (one regex per term): {len(drafts) / naive:,.0f} drafts/s "
        f"-> engine is {naive / best:.1f}x faster"
    )
    for name, (wall, cpu) in cold_figures.items():
        print(f"cold `{name}`: median {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU")
    cold = cold_figures["guard check --no-nlp"][1]
    ratio = cold_figures["guard check --no-nlp hello"][1] / cold_figures["python -c pass"][1]
    base = cold_figures["python -c pass"][1]
    without = cold_figures["guard check --no-nlp hello, default pack without events.yaml"][1]
    print(f"cold `guard check --no-nlp hello` / `python -c pass` (CPU): {ratio:.1f}x")
    print(
        f"  the same without events.yaml: {without / base:.1f}x; the events detector's share: "
        f"{(cold_figures['guard check --no-nlp hello'][1] - without) * 1000:.0f} ms CPU"
    )
    floor = cold_figures["stdlib floor"][1]
    above = cold_figures["guard check --no-nlp hello"][1] - floor
    print(f"  the standard library guard imports, alone: {floor / base:.1f}x `python -c pass`; "
          f"guard's own share above it: {above * 1000:.0f} ms CPU")
    deps = cold_figures["dependency floor"][1]
    room = max(TARGET_COLD_RATIO * base - deps, 0)
    own = cold_figures["guard check --no-nlp hello"][1] - deps
    print(f"  with the libraries too: {deps / base:.1f}x, which leaves "
          f"{room * 1000:.0f} ms "
          f"CPU under the {TARGET_COLD_RATIO:.0f}x target for guard's own modules, the pack and "
          f"the check (they take {own * 1000:.0f} ms)")
    if editable_install():
        print("  note: guard is installed editable here (`pip install -e`): its import finder "
              "roughly doubles `python -c pass`, which flatters this ratio; a regular install "
              "(`pip install .`, as the README and CI install it) gives the figure users see")
    if args.smoke:
        return 0
    ok = per_s >= TARGET_DRAFTS_PER_S and cold < TARGET_COLD_S and ratio <= TARGET_COLD_RATIO
    print(
        f"targets: >= {TARGET_DRAFTS_PER_S} drafts/s, cold < {TARGET_COLD_S * 1000:.0f} ms CPU, "
        f"cold <= {TARGET_COLD_RATIO:.0f}x python -c pass: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
