"""The fuzzy index finds every key one or two edits away, and `within` agrees with `osa`."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from guard.detect.fuzzy import FuzzyIndex, osa, within

KEYS = st.text(alphabet="abcdefghij0123", min_size=6, max_size=20)


@st.composite
def edited(draw: st.DrawFn, key: str, edits: int) -> str:
    """`key` after `edits` random substitutions, insertions, deletions or swaps."""
    for _ in range(edits):
        kind = draw(st.sampled_from(["sub", "ins", "del", "swap"]))
        k = draw(st.integers(0, len(key) - 1))
        letter = draw(st.sampled_from("abcdefghijxyz"))
        if kind == "sub":
            key = key[:k] + letter + key[k + 1 :]
        elif kind == "ins":
            key = key[:k] + letter + key[k:]
        elif kind == "del":
            key = key[:k] + key[k + 1 :]
        elif k + 1 < len(key):
            key = key[:k] + key[k + 1] + key[k] + key[k + 2 :]
    return key


@settings(max_examples=500, deadline=None)
@given(KEYS.flatmap(lambda k: st.tuples(st.just(k), edited(k, 1))))
def test_one_edit_away_is_always_a_candidate(case: tuple[str, str]) -> None:
    key, word = case
    index = FuzzyIndex(min_length=6)
    index.add("zzzzzzzz", 0, 1)
    index.add(key, 1, 1)
    assert osa(key, word) <= 1
    assert within(word, key, 1)
    assert 1 in index.candidates(word)


@settings(max_examples=300, deadline=None)
@given(KEYS.flatmap(lambda k: st.tuples(st.just(k), edited(k, 2))))
def test_two_edits_away_is_a_candidate_at_depth_two(case: tuple[str, str]) -> None:
    key, word = case
    # Two edits on the same letters can be further apart in OSA distance: not this test's case.
    assume(within(word, key, 2))
    index = FuzzyIndex(min_length=6)
    index.add(key, 7, 2)
    assert 7 in index.candidates(word)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="abc", max_size=9), st.text(alphabet="abc", max_size=9))
def test_within_one_agrees_with_the_full_distance(a: str, b: str) -> None:
    assert within(a, b, 1) == (osa(a, b) <= 1)


def test_osa_counts_a_swap_as_one_edit() -> None:
    assert osa("falcon", "flacon") == 1
    assert osa("falcon", "falcom") == 1
    assert osa("ranger", "danger") == 1
    assert osa("falcon", "falconry") == 2
