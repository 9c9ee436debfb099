"""A pattern that is an alternation runs, on each draft, only the alternatives whose literals the
draft holds, and a pattern with several required parts only where the draft holds a literal of
each: the same hits as the whole pattern, less work."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from guard.detect.alternatives import alternatives
from guard.detect.literals import required_clauses, required_literals
from guard.detect.patterns import PatternDetector
from guard.models import Rule
from guard.packs.loader import load_pack


@pytest.mark.parametrize(
    ("pattern", "parts"),
    [
        (r"\bAKIA\w{16}|\bASIA\w{16}", (r"\bAKIA\w{16}", r"\bASIA\w{16}")),
        # the global flags at the start go with every alternative
        (r"(?i)nda|embargo", ("(?i)nda", "(?i)embargo")),
        # a `|` in a group, a set, after an escape or in a POSIX class is not a top-level one
        (r"(?:a|b)c|[|x]\||[[:alpha:]|]z", (r"(?:a|b)c", r"[|x]\|", r"[[:alpha:]|]z")),
        (r"[]|]x|y", (r"[]|]x", "y")),  # a `]` first in a set is one of its characters
        (r"(?=\d)\d{4}|(?<!\w)pin\b", (r"(?=\d)\d{4}", r"(?<!\w)pin\b")),
        # one group around an alternation: each alternative keeps the group's flags
        (r"(?i:nda|embargo\s+\d)", (r"(?i:nda)", r"(?i:embargo\s+\d)")),
        (r"(?:a|b)", ("(?:a)", "(?:b)")),
    ],
)
def test_top_level_alternatives_are_split_in_order(pattern, parts):
    assert alternatives(pattern) == parts


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:a|b)c",  # one alternative at the top
        r"(?i:a|b)(?:c|d)",  # two groups: the first does not close at the end
        r"(?=a|b)",  # a lookahead, not a group around the pattern
        r"(a)x|\1y",  # a back reference: group numbers would shift
        r"(?P<n>a)x|(?P=n)y",
        r"(a|b)(?1)|c",  # a call to a group
        r"a(?i)|b",  # a global flag from the middle applies to every alternative
        r"(?x) a | b",  # verbose: spaces and `#` are not text
        r"a(?#x|y)|b",  # a comment
        r"a)|b",  # unbalanced
        r"[a|b",  # a set that never closes
    ],
)
def test_what_cannot_be_split_safely_is_not(pattern):
    assert alternatives(pattern) is None


def _detector(pattern: str, prefilter: bool = True) -> PatternDetector:
    rule = Rule("t.alt", "pattern", "t", "high", 1.0, "m", pattern=pattern)
    det = PatternDetector([rule], 10_000)
    det.prefilter = prefilter
    return det


def _spans(det: PatternDetector, text: str) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in det.find(text)]


def test_a_draft_runs_only_the_alternatives_it_holds_literals_of():
    det = _detector(r"(?i)\bTLP\s*:\s*RED\b|\bembargo\s+until\s+\d|\bNDA\s+applies\b")
    [(_, source)] = det._candidates("The NDA applies until launch", det._rules)
    assert source == r"(?i)\bNDA\s+applies\b"
    assert det._candidates("Monday: agenda for the offsite", det._rules) == []
    text = "TLP:RED memo, embargo until 9am, NDA applies"
    [(_, source)] = det._candidates(text, det._rules)  # every alternative: the pattern itself
    assert source == det._rules[0].pattern
    assert _spans(det, text) == [(0, 7), (14, 29), (33, 44)]


def test_the_first_alternative_that_matches_at_a_position_still_wins():
    # At position 0 the whole pattern takes the shorter first alternative; so does the split.
    pattern = r"secret\b|secret code \d+"
    text = "secret code 1234 and secret"
    fast, slow = _detector(pattern), _detector(pattern, prefilter=False)
    assert _spans(fast, text) == [(0, 6), (21, 27)]
    assert _spans(fast, text) == _spans(slow, text)


def test_the_default_pack_splits_its_long_alternations():
    rules = {r.id: r for r in load_pack(["default"]).rules if r.pattern}
    parts = alternatives(rules["marker.classification"].pattern or "")
    assert parts is not None and len(parts) >= 10
    for part in parts:  # each alternative is a pattern of its own
        regex.compile(part, regex.V0)
    assert "|".join(parts) == rules["marker.classification"].pattern


_ALTERNATIVES = [r"\bnda\b", r"tlp:\s*red", r"(?i)embargo\s+\d", r"\d{3}-\d{4}", r"[«\"]\w+[»\"]",
                 r"(?<=code )\d+", r"x{2,}y?"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ALTERNATIVES), min_size=2, max_size=5, unique=True),
    st.text(alphabet="ndatlpr:embgo0123456789- «»\"xycE", max_size=60),
)
def test_property_split_runs_find_what_the_whole_pattern_finds(parts, text):
    pattern = "|".join(parts)
    fast, slow = _detector(pattern), _detector(pattern, prefilter=False)
    assert _spans(fast, text) == _spans(slow, text)


def test_a_pattern_needs_a_literal_of_each_of_its_parts_every_match_goes_through():
    pattern = r"(?i)\b(?:deck|memo)\b.{0,40}\b(?:but|mais)\b"
    assert required_literals(pattern) == {"¦deck¦", "¦memo¦"}
    assert required_clauses(pattern) == (frozenset({"¦but¦", "¦mais¦"}),)
    det = _detector(pattern)
    # the deck without "but" (and "but" without a deck) cannot match: the rule does not run
    assert det._candidates("The deck is ready for Monday", det._rules) == []
    assert det._candidates("Nice, but late", det._rules) == []
    assert len(det._candidates("The memo says wait, but here it is", det._rules)) == 1
    assert _spans(det, "The memo says wait, but here it is") == [(4, 23)]


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bpassword\b.{0,9}pass",  # "pass" is in every text that holds "password"
        r"\bcode\b.{0,20}(?:is|=)\s*\d{4}",  # "is" is too short to rule a draft out
        r"\bcode\b(?:.{0,20}\bsecret\b)?",  # an optional part is no requirement
        r"\b(?:code\b.{0,20}\bsecret|pin\b.{0,9}\bvault)\b",  # one branch's words or the other's
    ],
)
def test_no_further_clause_where_none_would_rule_a_draft_out(pattern):
    assert required_clauses(pattern) == ()
