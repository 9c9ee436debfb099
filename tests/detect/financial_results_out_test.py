"""financial.amount-near-deal: results said to be out now are published, results to come are not.

Events batches 23, 24 and 25 each held one company's own results announced with "are out" and
its IR site, and the pack warned on each (drafts below written for this test)."""

from __future__ import annotations

import pytest

from guard.engine import Guard


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard.from_files(["default"], nlp=True)


def amounts(guard: Guard, text: str) -> list[str]:
    return [f.text for f in guard.check(text).findings if f.rule == "financial.amount-near-deal"]


@pytest.mark.parametrize("text", [
    "Our Q1 numbers are out \u2014 revenue up 8%. Huge thanks to the team. Release on our IR page.",
    "RESULTS ARE OUT today: revenue +6% and margin at 41%. Replay on the investor website 📈",
    "Nos résultats annuels sont en ligne : chiffre d'affaires +7 %. Bravo à toutes les équipes !",
    "Les résultats du S1 ont été publiés ce matin : marge brute à 38 %.",
])
def test_results_out_now_are_no_leak(guard: Guard, text: str) -> None:
    assert amounts(guard, text) == []


@pytest.mark.parametrize(("text", "amount"), [
    ("Results are out Tuesday: revenue up 11%, keep it quiet until then", "11%"),
    ("Results were out of this world: revenue up 19% and nobody outside knows yet", "19%"),
    ("Les résultats seront publiés jeudi : chiffre d'affaires +12 %, on garde ça pour nous",
     "12 %"),
])
def test_results_to_come_still_flag_the_figure(guard: Guard, text: str, amount: str) -> None:
    assert amounts(guard, text) == [amount]
