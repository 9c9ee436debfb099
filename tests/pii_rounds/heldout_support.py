"""What the personal-data, secret and marker batch tests share: the pack they measure and the
shape of what a check found."""

from __future__ import annotations

from pathlib import Path

from guard import Guard
from guard.report.shapes import render_json
from guard.report.text import render_text
from tests.scripts import load_script

bench = load_script("benchmarks/default_pack_rates.py")  # heldout_rates imports it by name
heldout = load_script("benchmarks/heldout_rates.py")


def guard_without_events() -> Guard:
    """The default pack without the NLP model (these rules need none), less the `event.*` rules:
    the batches measure the pii, secret and marker families, as `heldout_rates.py --no-events`."""
    return heldout.guard_for(["default"], no_events=True, nlp=False)


def found(guard: Guard, text: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The verdict, and each content finding as (rule, start, end)."""
    report = guard.check(text)
    return report.verdict, [(f.rule, f.start, f.end) for f in report.findings
                            if f.category != "length"]


def misses_and_alarms(guard: Guard, path: Path) -> set[str]:
    """"missed ID" for each leak of a labelled file the pack lets through, "alarm ID" for each
    hard negative it flags, as `heldout_rates.py --show` lists them."""
    lines, _failures = heldout.evaluate(guard, bench.read_jsonl(path))
    return {" ".join(ln.split()[:2]) for ln in lines if ln.startswith(("missed", "alarm"))}


def outputs(guard: Guard, text: str) -> str:
    """What the user sees of a check of `text`: the JSON report and the text report."""
    report = guard.check(text)
    return render_json(report) + "\n" + render_text(report, text)
