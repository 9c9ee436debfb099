"""The bundled default pack on real posts: the precision targets of issue 7, per public source."""

from __future__ import annotations

import pytest

from guard import Guard
from tests.scripts import load_script

bench = load_script("benchmarks/default_pack_rates.py")
pytestmark = [pytest.mark.nlp, pytest.mark.slow]


@pytest.fixture(scope="module")
def guard() -> Guard:
    """The bundled default pack, NLP on."""
    return Guard.default()


@pytest.fixture(scope="module")
def posts() -> list[dict]:
    """The real posts of shared/corpora (skips where the corpus is not laid beside the repo)."""
    if not bench.CORPUS.is_file():
        pytest.skip(f"corpus not found at {bench.CORPUS}")
    return bench.read_jsonl(bench.CORPUS)


@pytest.fixture(scope="module")
def rates(guard: Guard, posts: list[dict]) -> dict:
    """Per-source rates, computed once for the module."""
    return bench.corpus_rates(guard, posts)


@pytest.mark.parametrize("source", [*bench.PUBLIC_SOURCES, "public"])
def test_public_sources_stay_quiet(rates: dict, source: str) -> None:
    r = rates[source]
    assert r.n > 0
    assert r.rate("block") <= bench.MAX_BLOCK, bench.corpus_table(rates)
    assert r.rate("warn", "block") <= bench.MAX_WARN_OR_BLOCK, bench.corpus_table(rates)


def test_customer_posts_with_own_contact_are_flagged_pii(guard: Guard, posts: list[dict]) -> None:
    assert bench.own_contact_missed(guard, posts) == []


def test_script_exits_zero_when_targets_are_met(capsys: pytest.CaptureFixture[str],
                                                 posts: list[dict]) -> None:
    assert bench.main([]) == 0
    out = capsys.readouterr().out
    assert "twitter-financial-news" in out and "flagged pii: 10/10" in out


def test_failures_are_reported_in_words() -> None:
    loud = bench.SourceRates("btc-G-news", n=100)
    loud.verdicts.update({"allow": 90, "warn": 8, "block": 2})
    rates = {key: bench.SourceRates(key, n=1, verdicts=bench.Counter(allow=1))
             for key in (*bench.PUBLIC_SOURCES, "public")}
    rates["btc-G-news"] = loud
    failures = bench.corpus_failures(rates, ["ibm-cdp:x"])
    assert any("btc-G-news: 2.0% blocked" in f for f in failures)
    assert any("warn-or-block" in f for f in failures)
    assert any("ibm-cdp:x" in f for f in failures)


# The disclosure cases of shared/corpora/SOURCES.md §2, as the notes there quote or describe them.
REAL_CASES = [
    ("Netflix monthly viewing exceeded 1 billion hours for the first time ever in June.", "block"),
    ("Board meeting. Good numbers=Happy Board.", "warn"),
    ("I still think we should buy them. He is on your schedule for Dec 15 or 16", "block"),
    ("Am considering taking Tesla private at $420. Funding secured.", "block"),
    ("Tesla made 0 cars in 2011, but will make around 500k in 2019", "block"),
    ("There are over 60 of us being fired at once!", "block"),
]


@pytest.mark.parametrize(("draft", "expected"), REAL_CASES)
def test_real_disclosure_cases_are_stopped(guard: Guard, draft: str, expected: str) -> None:
    report = guard.check(draft)
    assert bench.rules_verdict(report) == expected, [(f.rule, f.text) for f in report.findings]
    assert "mnpi" in bench.categories(report)


def test_every_rule_has_examples_both_ways_and_secrets_are_redacted() -> None:
    pack = Guard.default(nlp=False).pack
    assert {r.category for r in pack.rules} >= set(bench.LEAK_CATEGORIES)
    for rule in pack.rules:
        assert rule.examples.flag and rule.examples.passes, rule.id
        if rule.category == "secret" or rule.id in ("pii.card", "pii.iban"):
            assert rule.redact, rule.id
