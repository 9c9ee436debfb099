"""TermMatcher's API: rules in, hits out, `match` options and hashed rules honoured."""

from __future__ import annotations

import hmac
import json
from pathlib import Path

import pytest

from guard.detect.hashing import ALGORITHM, canonical_term, hash_term, term_word_count
from guard.detect.terms import TermEntry, TermMatcher, _drop_shadowed_fuzzy
from guard.models import HashedTerms, Hit, MatchOptions, Rule
from tests.scripts import load_script


def _rule(
    rule_id: str, *terms: str, detector: str = "terms", confidence: float = 1.0, **match: object
) -> Rule:
    return Rule(
        id=rule_id, detector=detector, category="client", severity="high", confidence=confidence,
        message="m", terms=terms, match=MatchOptions(**match),  # type: ignore[arg-type]
    )


def _hashed(rule_id: str, salt: str, *terms: str) -> Rule:
    hashed = HashedTerms(
        ALGORITHM, salt, tuple(hash_term(t, salt) for t in terms),
        tuple(sorted({term_word_count(t) for t in terms})),
    )
    return Rule(
        id=rule_id, detector="hashed", category="client", severity="high", confidence=1.0,
        message="m", hashed=hashed,
    )


def _found(matcher: TermMatcher, text: str) -> list[tuple[str, str, str]]:
    return [(h.rule_id, text[h.start : h.end], h.via) for h in matcher.find(text)]


def test_for_rules_takes_terms_and_terms_file_rules_only() -> None:
    rules = [
        _rule("a.falcon", "Falcon"),
        _rule("b.clients", "Northwind Logistics", detector="terms_file"),
        Rule(id="c.pattern", detector="pattern", category="x", severity="low", confidence=1,
             message="m", pattern="Falcon"),
    ]
    matcher = TermMatcher.for_rules(rules)
    text = "Falcon for Northwind-Logistics"
    assert _found(matcher, text) == [
        ("a.falcon", "Falcon", "exact"),
        ("b.clients", "Northwind-Logistics", "evasion"),
    ]


def test_hit_carries_offsets_normalized_form_and_rule_confidence() -> None:
    matcher = TermMatcher([TermEntry("r", "Blue Heron", MatchOptions())])
    (hit,) = matcher.find("Meet #BlueHeron")
    assert (hit.rule_id, hit.start, hit.end, hit.via) == ("r", 6, 15, "evasion")
    assert hit.normalized == "blue heron"
    assert hit.confidence is None


def test_canonically_equal_accents_are_exact() -> None:
    matcher = TermMatcher.for_rules([_rule("r", "Hélène")])
    assert _found(matcher, "He\u0301le\u0300ne") == [("r", "He\u0301le\u0300ne", "exact")]
    assert _found(matcher, "Helene") == [("r", "Helene", "evasion")]


def test_overlapping_terms_are_all_found() -> None:
    matcher = TermMatcher.for_rules([_rule("r", "Project Falcon", "Falcon")])
    assert _found(matcher, "Project Falcon ships") == [
        ("r", "Project Falcon", "exact"),
        ("r", "Falcon", "exact"),
    ]


def test_best_via_wins_for_one_span() -> None:
    matcher = TermMatcher.for_rules([_rule("r", "Falcon", "Falcom")])
    assert _found(matcher, "Falcom") == [("r", "Falcom", "exact")]


def test_case_sensitive_needs_the_exact_case() -> None:
    matcher = TermMatcher.for_rules([_rule("r", "FALCON", case="sensitive")])
    assert _found(matcher, "FALCON ships") == [("r", "FALCON", "exact")]
    assert _found(matcher, "F4LC0N ships") == [("r", "F4LC0N", "evasion")]
    assert _found(matcher, "falcon ships") == []
    assert _found(matcher, "Falcon ships") == []


def test_evasion_off_takes_only_whole_word_exact_matches() -> None:
    matcher = TermMatcher.for_rules([_rule("r", "Blue Heron", evasion=False)])
    assert _found(matcher, "the blue  HERON team") == [("r", "blue  HERON", "exact")]
    assert _found(matcher, "the Blue\nHeron team") == [("r", "Blue\nHeron", "exact")]
    assert _found(matcher, "#BlueHeron") == []
    assert _found(matcher, "Blu3 H3ron") == []
    assert _found(matcher, "Blue Heorn") == []


def test_a_typo_lowers_the_rules_own_confidence() -> None:
    matcher = TermMatcher.for_rules([_rule("r", "Falcon", confidence=0.5)])
    assert [(h.via, h.confidence) for h in matcher.find("Falcom Falcon")] == [
        ("fuzzy", 0.4),
        ("exact", None),
    ]


def test_fuzzy_zero_turns_typos_off() -> None:
    matcher = TermMatcher.for_rules([_rule("r", "Falcon", fuzzy=0)])
    assert _found(matcher, "Falcom") == []
    assert _found(matcher, "F4lcon") == [("r", "F4lcon", "evasion")]


def test_fuzzy_two_takes_two_typos() -> None:
    matcher = TermMatcher.for_rules([_rule("r", "Northwind", fuzzy=2)])
    assert _found(matcher, "Nortwimd deal") == [("r", "Nortwimd", "fuzzy")]


def test_an_empty_term_matches_nothing() -> None:
    matcher = TermMatcher.for_rules([_rule("r", "", "!!!", "🚀")])
    assert matcher.find("!!! 🚀 ok") == []
    assert TermMatcher([]).find("anything") == []


def test_spans_are_the_hits_offsets() -> None:
    matcher = TermMatcher([TermEntry("allow", "Falcon Heavy", MatchOptions())])
    assert matcher.spans("the F4lc0n-Heavy launch") == [(4, 16)]


def test_hash_term_is_hmac_sha256_of_the_canonical_form() -> None:
    assert canonical_term("Blue  Héron!") == "blueheron"
    expected = hmac.new(b"s3", b"blueheron", "sha256").hexdigest()
    assert hash_term("Blue Heron", "s3") == expected
    assert hash_term("BLUE-HERON", "s3") == expected
    assert hash_term("Blue Heron", "other") != expected
    assert term_word_count("Blue Heron") == 2
    assert term_word_count("Falcon") == 1


@pytest.mark.parametrize(
    ("text", "spelling"),
    [
        ("Northwind Logistics signed", "Northwind Logistics"),
        ("#NorthwindLogistics signed", "NorthwindLogistics"),
        ("N0rthw1nd L0gistics signed", "N0rthw1nd L0gistics"),
        ("Northw\u0456nd\u200b Logistics signed", "Northw\u0456nd\u200b Logistics"),
        ("F.a.l.c.o.n", "F.a.l.c.o.n"),
        ("two Falcons", "Falcons"),
    ],
)
def test_hashed_rules_find_disguised_terms(text: str, spelling: str) -> None:
    matcher = TermMatcher.for_rules([_hashed("h.clients", "salt", "Northwind Logistics", "Falcon")])
    assert _found(matcher, text) == [("h.clients", spelling, "hashed")]


def test_hashed_rules_do_not_match_fuzzily_or_inside_words() -> None:
    matcher = TermMatcher.for_rules([_hashed("h", "salt", "Falcon")])
    assert matcher.find("Falcom Falconry") == []


def test_hashed_rules_of_another_algorithm_are_ignored() -> None:
    rule = Rule(
        id="h", detector="hashed", category="c", severity="high", confidence=1, message="m",
        hashed=HashedTerms("md5", "s", (hash_term("Falcon", "s"),), (1,)),
    )
    assert TermMatcher.for_rules([rule]).find("Falcon") == []


def test_a_fuzzy_hit_overlapping_a_closer_hit_of_its_rule_is_dropped() -> None:
    hits = [
        Hit("r", 0, 9, "fuzzy"),
        Hit("r", 3, 9, "exact"),
        Hit("s", 0, 9, "fuzzy"),  # another rule: kept
        Hit("r", 10, 16, "fuzzy"),  # no overlap: kept
    ]
    assert _drop_shadowed_fuzzy(hits) == [hits[1], hits[2], hits[3]]


def test_the_benchmark_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench = load_script("benchmarks/bench_terms.py")
    names = bench.client_names(300)
    assert len(set(names)) == 300 and names == bench.client_names(300)
    corpus = tmp_path / "posts.jsonl"
    posts = [{"text": f"{names[i]} signed, see F4lc0n {i}"} for i in range(30)]
    corpus.write_text("\n".join(json.dumps(p) for p in posts), encoding="utf-8")
    code = bench.main(["--corpus", str(corpus), "--sizes", "10,300"])
    out = capsys.readouterr().out
    assert code in (0, 1)  # timings on 30 drafts are noise; the run itself must work
    assert "300 terms: build" in out and "ratio 300/10" in out
