"""`words_in_window`: which of a rule's context or exclude words sit near a finding.

The window is read through an index of the rule's words (the marker rules list 150-180 exclude
words); these tests hold it to the plain reading, phrase by phrase and position by position.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guard.filters import Tokens, words_in_window


def plain_reading(tokens: Tokens, start: int, end: int, words, window: int) -> list[str]:
    """Every phrase tried at every position of the window, the way the rule files read."""
    lo, hi = tokens.around(start, end, window)
    inner_lo, inner_hi = tokens.index_range(start, end)
    found = []
    for phrase in words:
        parts = Tokens.of(phrase).words
        if not parts:
            continue
        for i in range(lo, hi - len(parts) + 1):
            if i >= inner_lo and i + len(parts) <= inner_hi:
                continue  # the finding's own words
            got = list(tokens.words[i : i + len(parts)])
            if tokens.bare[i] == parts[0]:
                got[0] = parts[0]  # « l'agence » reads as "agence" too
            if tuple(got) == parts or (
                phrase.endswith("*")
                and tuple(got[:-1]) == parts[:-1]
                and got[-1].startswith(parts[-1])
            ):
                found.append(phrase)
                break
    return found


def test_a_word_near_the_finding_is_found_and_its_own_words_are_not() -> None:
    text = "Internal use only: the launch of Falcon is on Monday"
    tokens = Tokens.of(text)
    start = text.index("Falcon")
    words = ("monday", "falcon", "launch of", "use only", "tuesday")
    assert words_in_window(tokens, start, start + 6, words, 3) == ["monday", "launch of"]
    assert words_in_window(tokens, start, start + 6, words, 6) == ["monday", "launch of",
                                                                   "use only"]


def test_a_french_elision_and_a_stem() -> None:
    text = "Nouvelle adresse de l'agence : 12 rue des Lilas, rumeurs confirmées"
    tokens = Tokens.of(text)
    start = text.index("12 rue")
    found = words_in_window(tokens, start, start + 17, ("rumeur*", "agence", "l'agence"), 4)
    assert found == ["rumeur*", "agence", "l'agence"]


def test_the_order_is_the_rule_files_and_case_and_accents_are_read_as_written() -> None:
    text = "ÉCRIVEZ-NOUS à contact, ou appelez le standard au 01 02 03 04 05"
    tokens = Tokens.of(text)
    start = text.index("01 02")
    words = ("standard", "écrivez-nous", "appelez le", "ecrivez-nous")
    assert words_in_window(tokens, start, start + 14, words, 12) == ["standard", "écrivez-nous",
                                                                     "appelez le"]


_VOCAB = ["the", "launch", "l'agence", "agence", "use", "only", "rumor", "rumors", "é", "d'un",
          "un", "call", "us", "at", "x"]
_PHRASE = st.lists(st.sampled_from([*_VOCAB, "rum*", "launch*", "agen*"]), min_size=1,
                   max_size=3).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(draft=st.lists(st.sampled_from(_VOCAB), min_size=1, max_size=30),
       words=st.lists(_PHRASE, max_size=12), at=st.integers(0, 29), size=st.integers(1, 3),
       window=st.integers(0, 8))
def test_the_index_reads_as_the_plain_reading(draft, words, at, size, window) -> None:
    text = " ".join(draft)
    tokens = Tokens.of(text)
    first = min(at, len(tokens.words) - 1)
    last = min(first + size, len(tokens.words)) - 1
    start, end = tokens.starts[first], tokens.ends[last]
    words = tuple(words)
    assert words_in_window(tokens, start, end, words, window) == plain_reading(
        tokens, start, end, words, window)
