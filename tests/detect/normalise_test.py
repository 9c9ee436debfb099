"""The normaliser: folds, pieces and joints, and the offset map back to the draft."""

# These tests are about look-alike characters: ruff's warning on them is the point.
# ruff: noqa: RUF001

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from guard.detect.normalise import (
    _INVISIBLE,
    _LETTER,
    _LINE_BREAKS,
    _MARK,
    _SEP,
    _WEAK_SEPARATOR_MAX,
    NONE,
    SOFT,
    STRONG,
    WEAK,
    Piece,
    _ascii_term_key,
    _fold_char,
    _is_simple,
    _normalise_general,
    _normalise_simple,
    _readings,
    _term_key,
    confusables,
    fold,
    normalise,
    term_key,
)
from guard.detect.terms import TermEntry, TermMatcher
from guard.models import MatchOptions


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("FÄLCON", "falcon"),
        ("Ｆａｌｃｏｎ", "falcon"),
        ("F\u0430lc\u03bfn", "falcon"),
        ("Fal\u200bc\u00ado\u2066n", "falcon"),
        ("Straße", "strasse"),
        ("ﬁne", "fine"),
        ("Łódź", "lodz"),
        ("F4lc0n", "f4lc0n"),  # leetspeak is a reading, never folded into the form
    ],
)
def test_fold(text: str, form: str) -> None:
    assert fold(text) == form


def test_offsets_point_at_the_original_code_points() -> None:
    text = "a\u200bÉ\u0301ß 𝐅"
    norm = normalise(text)
    assert norm.form == "aess f"
    assert norm.starts == [0, 2, 4, 4, 5, 6]
    # The combining mark after É belongs to it; the ZWSP belongs to nothing.
    assert norm.ends == [1, 4, 5, 5, 6, 7]
    assert norm.original_span(1, 4) == (2, 5)


def _joints(text: str) -> list[tuple[str, int]]:
    return [(p.text, p.joint) for p in normalise(text).pieces]


def test_pieces_and_joints() -> None:
    assert _joints("BlueHeron team") == [("blue", STRONG), ("heron", SOFT), ("team", STRONG)]
    assert _joints("F.a.l") == [("f", STRONG), ("a", WEAK), ("l", WEAK)]
    assert _joints("F4lc0n") == [
        ("f", STRONG), ("4", NONE), ("lc", NONE), ("0", NONE), ("n", NONE)
    ]
    assert _joints("Falcon2027") == [("falcon", STRONG), ("2027", SOFT)]
    assert _joints("bob@falcon") == [("bob", STRONG), ("@", SOFT), ("falcon", SOFT)]
    assert _joints("HTMLParser") == [("html", STRONG), ("parser", SOFT)]
    assert _joints("東京Falcon") == [("東", STRONG), ("京", SOFT), ("falcon", SOFT)]
    # A line break between single letters is not a spelled-out word.
    assert _joints("a\nb") == [("a", STRONG), ("b", STRONG)]


def test_leet_readings_only_inside_words_of_letters() -> None:
    readings = {p.text: p.readings for p in normalise("F4lc0n 2024 $5 B1ue").pieces}
    assert readings["4"] == ("a",)
    assert readings["1"] == ("i", "l")
    assert readings["2024"] == ()
    assert readings["5"] == ()


@pytest.mark.parametrize(
    ("term", "key", "breaks"),
    [
        ("Falcon", "falcon", set()),
        ("Blue Heron", "blueheron", {4}),
        ("BlueHeron", "blueheron", {4}),
        ("R2D2", "r2d2", {1, 2, 3}),
        ("Area 51", "area51", {4}),
        ("Yahoo!", "yahoo", set()),
        ("AT&T", "att", {2}),
        ("Hélène", "helene", set()),
        ("!!!", "", set()),
    ],
)
def test_term_key(term: str, key: str, breaks: set[int]) -> None:
    tk = term_key(term)
    assert (tk.key, set(tk.breaks)) == (key, breaks)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcXYZ ", max_size=20))
def test_the_ascii_fast_path_agrees_with_the_normaliser(term: str) -> None:
    fast = _ascii_term_key(term)
    if fast is not None:
        slow = _term_key(term)
        assert (fast.key, fast.breaks, fast.display) == (slow.key, slow.breaks, slow.display)


# Strategies for the properties.
INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u00ad", "\u200e", "\u202e", "\u2066", "\u2060"]
LOOKALIKES = {
    "a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440",
    "x": "\u0445", "i": "\u0456", "l": "\u04cf", "n": "\u0578", "r": "\u0433",
}  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalising_never_crashes_and_the_map_is_monotonic(text: str) -> None:
    norm = normalise(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.form)
    for p in range(len(norm.form)):
        assert 0 <= norm.starts[p] < norm.ends[p] <= len(text)
        if p:
            assert norm.starts[p - 1] <= norm.starts[p]
            assert norm.ends[p - 1] <= norm.ends[p]
    for piece in norm.pieces:
        assert norm.form[piece.start : piece.end] == piece.text
        assert all(len(r) == len(piece.text) for r in piece.readings)


def _reference(text: str) -> tuple[str, list[int], list[int], list[Piece]]:
    """The normaliser as first written, one position at a time: the oracle both paths follow."""
    chars, kinds, starts, ends, uppers, cjks = [], [], [], [], [], []
    for i, char in enumerate(text):
        folded, upper, cjk = _fold_char(char)
        if folded[0][1] == _INVISIBLE:
            continue
        if folded[0][1] == _MARK:
            if ends and ends[-1] == i:
                ends[-1] = i + 1
            continue
        for c, kind in folded:
            chars.append(c)
            kinds.append(kind)
            starts.append(i)
            ends.append(i + 1)
            uppers.append(upper)
            cjks.append(cjk)
    form, n = "".join(chars), len(chars)
    tokens, p = [], 0
    while p < n:
        if kinds[p] == _SEP:
            p += 1
            continue
        q = p + 1
        while q < n and kinds[q] != _SEP:
            q += 1
        tokens.append((p, q))
        p = q
    pieces: list[Piece] = []
    word: list[tuple[int, int, int]] = []

    def emit() -> None:
        letters = sum(hi - lo for lo, hi, _ in word if kinds[lo] == _LETTER)
        leet = letters >= 2 and sum(hi - lo for lo, hi, _ in word) - letters <= letters
        if len(word) == 2 and form[word[0][0] : word[0][1]] == "$":
            leet = leet and not all(uppers[word[1][0] : word[1][1]])
        for k, (lo, hi, joint) in enumerate(word):
            piece = form[lo:hi]
            readings = _readings(piece) if leet and kinds[lo] != _LETTER else ()
            if (
                joint == SOFT
                and kinds[lo] != _LETTER
                and piece != "@"
                and hi - lo <= 2
                and 0 < k < len(word) - 1
                and kinds[word[k - 1][0]] == _LETTER == kinds[word[k + 1][0]]
            ):
                joint = NONE
                nxt = word[k + 1]
                word[k + 1] = (nxt[0], nxt[1], NONE if nxt[2] == SOFT else nxt[2])
            pieces.append(Piece(lo, hi, piece, () if readings == (piece,) else readings, joint))

    for t, (lo, hi) in enumerate(tokens):
        joint = STRONG
        if t:
            plo, phi = tokens[t - 1]
            gap = form[phi:lo]
            if hi - lo == 1 == phi - plo and len(gap) <= _WEAK_SEPARATOR_MAX:
                joint = STRONG if _LINE_BREAKS.intersection(gap) else WEAK
        if joint == STRONG and word:
            emit()
            word = []
        cuts = [lo]
        for p in range(lo + 1, hi):
            if kinds[p - 1] != kinds[p] or cjks[p] or cjks[p - 1]:
                cuts.append(p)
            elif kinds[p] == _LETTER and uppers[p] and not uppers[p - 1]:
                cuts.append(p)  # camelCase
            elif (
                kinds[p] == _LETTER
                and uppers[p]
                and uppers[p - 1]
                and p + 1 < hi
                and kinds[p + 1] == _LETTER
                and not uppers[p + 1]
            ):
                cuts.append(p)  # HTMLParser
        cuts.append(hi)
        word += [(a, b, joint if k == 0 else SOFT) for k, (a, b) in enumerate(pairwise(cuts))]
    if word:
        emit()
    return form, starts, ends, pieces


def _agree(text: str) -> None:
    fast, slow = _normalise_simple(text), _normalise_general(text)
    assert fast.form == slow.form
    assert fast.starts == slow.starts
    assert fast.ends == slow.ends
    assert fast.pieces == slow.pieces


def test_the_confusables_table_has_no_ascii_key() -> None:
    # The fold looks only non-ASCII characters up, so an ASCII draft never loads the table.
    assert not [key for key in confusables() if key.isascii()]


def test_every_ascii_character_takes_the_fast_path() -> None:
    text = "".join(map(chr, range(128)))
    assert _is_simple(text)
    _agree(text)


# Text the fast path takes: cases, camel humps, digits and symbols read as letters, short and
# long separators, line breaks, accents, look-alikes, CJK, emoji; mixed with arbitrary code points
# so that whatever `_is_simple` lets through is compared.
FAST_ALPHABET = (
    st.sampled_from(list("aAbBzZ sS\n\t.-_'’@$!|+€0123456789ÉéÄßİıǅⅠΣσςаеοКК東京ｶ한🚀#&…"))
    | st.characters()
)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=FAST_ALPHABET, max_size=40))
def test_the_fast_path_agrees_with_the_general_one_and_the_reference(text: str) -> None:
    if _is_simple(text):
        _agree(text)
    norm = normalise(text)
    assert (norm.form, norm.starts, norm.ends, norm.pieces) == _reference(text)


PROPERTY_TERMS = ("Falcon", "Blue Heron", "R2D2", "Sentinel", "a")
ANY_TERMS = TermMatcher([TermEntry(t, t, MatchOptions()) for t in PROPERTY_TERMS])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_every_span_lies_within_the_draft(text: str) -> None:
    for hit in ANY_TERMS.find(text):
        assert 0 <= hit.start < hit.end <= len(text)


@st.composite
def disguised(draw: st.DrawFn, term: str) -> str:
    """`term` with some letters swapped for look-alikes and invisibles slipped between letters."""
    out = []
    for k, char in enumerate(term):
        swap = char.lower() in LOOKALIKES and draw(st.booleans())
        out.append(LOOKALIKES[char.lower()] if swap else char)
        if k < len(term) - 1:
            out.extend(draw(st.lists(st.sampled_from(INVISIBLES), max_size=2)))
    return "".join(out)


WORDS = st.sampled_from(["the", "launch", "de", "l'été", "2024", "🚀", "東京", "#tag", "ok,"])


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["Falcon", "Blue Heron", "Sentinel"]).flatmap(
        lambda t: st.tuples(st.just(t), disguised(t))
    ),
    st.lists(WORDS, max_size=4),
    st.lists(WORDS, max_size=4),
)
def test_spans_follow_the_original_through_invisibles_and_lookalikes(
    case: tuple[str, str], before: list[str], after: list[str]
) -> None:
    term, spelling = case
    prefix = " ".join(before) + " " if before else ""
    draft = prefix + spelling + (" " + " ".join(after) if after else "")
    spans = [(h.start, h.end) for h in ANY_TERMS.find(draft) if h.rule_id == term]
    assert (len(prefix), len(prefix) + len(spelling)) in spans


class _Everything:
    """A set that holds every string: as `_break_heads`, the matcher tries every run."""

    def __contains__(self, item: object) -> bool:
        return True


MULTIWORD = ("Blue Heron", "North Falcon Labs", "Area 51", "Stark Wayne Corp", "R2 D2 Unit")
PARTS = st.sampled_from(
    [w for t in MULTIWORD for w in t.split()]
    + ["Falcn", "Nroth", "Heorn", "Falcom", "Lbas", "Stakr", "Wayen", "Crop", "Aera", "the", "-"]
    + ["labs", "north", "B1ue", "H3r0n", "HeronX", "Heron2", "BlueHeron", "Labs!"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PARTS, max_size=8), st.sampled_from([" ", "-", "", "  ", "\n"]))
@example(["Aera", "51"], " ")  # only the last word is a term's: the typo is before it
@example(["Nroth", "Falcn", "Labs"], " ")
@example(["B1ue", "Heron"], "-")  # a leetspeak reading of the first word is a term's
def test_skipping_runs_across_separators_loses_no_hit(parts: list[str], sep: str) -> None:
    # `_spans` stops a run at its last separator when no term breaks there and no typo can
    # follow; trying every run instead must find the same hits. The packs differ in how many
    # separators a run may cross: 1, 2, and 4 (`R2 D2 Unit` breaks at every digit); and typos
    # are off in the last two, where only the terms' word breaks keep a run going.
    draft = sep.join(parts)
    for size, typos in ((2, 1), (4, 1), (5, 1), (2, 0), (5, 0)):
        terms = MULTIWORD[:size] if size != 2 else ("Blue Heron", "Area 51")
        entries = [
            TermEntry(t, t, MatchOptions(fuzzy=(1 + k % 2) * typos)) for k, t in enumerate(terms)
        ]
        fast, full = TermMatcher(entries), TermMatcher(entries)
        full._break_heads = _Everything()  # type: ignore[assignment]
        assert fast.find(draft) == full.find(draft)
