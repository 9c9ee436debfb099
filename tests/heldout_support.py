"""What the personal-data, secret and marker batch tests share: the pack they measure and the
shape of what a check found."""

from __future__ import annotations

from guard import Guard
from tests.scripts import load_script

load_script("benchmarks/default_pack_rates.py")  # heldout_rates imports it by name
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
