"""Pattern rules read styled and look-alike letters as the Latin ones (guard.detect.latin).

Styled and look-alike text is built by the helpers below (the source stays ASCII-readable)."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from guard.detect.latin import STYLED_BLOCKS, latin, styled_as
from guard.engine import Guard

CYRILLIC_A, CYRILLIC_ES, GREEK_O = "\u0430", "\u0421", "\u03bf"
MOSCOW, SECRET_RU, SOFIA_EL = "\u041c\u043e\u0441\u043a\u0432\u0430", "\u0421\u0415\u041a\u0420\u0415\u0422\u041d\u041e", "\u03a3\u039f\u03a6\u0399\u0391"  # noqa: E501


def bold(text: str) -> str:
    """Mathematical bold, as post stylers write it."""
    def one(c: str) -> str:
        if "A" <= c <= "Z":
            return chr(0x1D400 + ord(c) - ord("A"))
        if "a" <= c <= "z":
            return chr(0x1D41A + ord(c) - ord("a"))
        if "0" <= c <= "9":
            return chr(0x1D7CE + ord(c) - ord("0"))
        return c
    return "".join(map(one, text))


def wide(text: str) -> str:
    """Fullwidth forms (spaces stay ASCII)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_styled_letters_and_digits_read_as_ascii_with_their_case() -> None:
    assert latin(bold("CONFIDENTIAL")) == "CONFIDENTIAL"
    assert latin(bold("Internal use only")) == "Internal use only"
    assert latin(wide("password:Hunter2")) == "password:Hunter2"
    assert latin(bold("07823")) == "07823"


def test_look_alikes_are_read_only_inside_a_word_with_a_latin_letter() -> None:
    assert latin(f"p{CYRILLIC_A}ssword") == "password"
    assert latin(f"{CYRILLIC_ES}ONFIDENTIAL") == "CONFIDENTIAL"  # the capital keeps its case
    assert latin(f"Falc{GREEK_O}n") == "Falcon"
    # Words of other scripts stay as written, beside a folded one too.
    assert latin(f"{MOSCOW}: {SECRET_RU}") == f"{MOSCOW}: {SECRET_RU}"
    assert latin(f"{SOFIA_EL} p{CYRILLIC_A}ss") == f"{SOFIA_EL} pass"


def test_what_patterns_read_as_written_is_left_alone() -> None:
    text = ("\u00ab \u00c7a reste entre nous \u00bb \u2014 l\u2019\u00e9quipe \U0001f92b "
            "d\u00e9m\u00e9nage\u00a0? \u6211\u4eec\u7684\u9879\u76ee \u00bd m\u00b2 na\u00efve")
    assert latin(text) == text


@given(st.text())
def test_the_reading_keeps_every_offset(text: str) -> None:
    reading = latin(text)
    assert len(reading) == len(text)
    assert latin(reading) == reading
    assert all(a == b for a, b in zip(text, reading, strict=True) if a.isascii())


def test_a_password_with_a_look_alike_letter_is_blocked_and_quoted_as_typed() -> None:
    guard = Guard.from_files(["default"], nlp=False)
    draft = f"new wifi p{CYRILLIC_A}ssword: Tr0mbone!Sky \U0001f3ba"
    report = guard.check(draft)
    assert report.verdict == "block"
    [finding] = [f for f in report.findings if f.rule == "secret.password"]
    assert (finding.start, finding.end) == (9, 31)
    assert finding.masked and "Tr0mbone" not in finding.text


def test_a_styled_label_gets_the_findings_of_the_plain_one() -> None:
    guard = Guard.from_files(["default"], nlp=False)

    def seen(text: str) -> list[tuple[str, int, int]]:
        return [(f.rule, f.start, f.end) for f in guard.check(text).findings]

    rest = " Q3 deck attached, see slide 4"
    plain = seen("CONFIDENTIAL:" + rest)
    assert plain == [("marker.classification", 0, 13), ("marker.opening-label", 0, 13)]
    assert seen(bold("CONFIDENTIAL") + ":" + rest) == plain
    assert seen(wide("CONFIDENTIAL:") + rest) == plain
    assert seen(f"{CYRILLIC_ES}ONFIDENTIAL:" + rest) == plain


def test_a_fullwidth_phone_number_is_found_at_its_own_offsets() -> None:
    guard = Guard.from_files(["default"], nlp=False)
    number = wide("06 12 34 56 78")
    draft = f"Rappelle Mme Durand au {number} stp"
    [finding] = [f for f in guard.check(draft).findings if f.rule == "pii.phone"]
    assert finding.text == number
    assert draft[finding.start : finding.end] == number


def test_words_of_other_scripts_stay_quiet() -> None:
    guard = Guard.from_files(["default"], nlp=False)
    assert guard.check(f"{MOSCOW}: {SECRET_RU}, {SOFIA_EL}").verdict == "allow"


def test_the_styled_blocks_hold_every_styled_character_of_unicode() -> None:
    everywhere = {code for code in range(0x100, sys.maxunicode + 1) if styled_as(chr(code))}
    listed = {code for low, high in STYLED_BLOCKS for code in range(low, high + 1)}
    assert everywhere <= listed
    assert styled_as("\U0001d400") == "A" and styled_as("\uff10") == "0"
    assert styled_as("\u00b2") is None and styled_as("\u00ba") is None


def test_a_post_in_bold_gets_the_findings_of_the_plain_one_from_every_detector() -> None:
    # Events cues, mnpi patterns, spaCy entities: before the Latin reading the bold posts
    # below were allowed, or kept one finding of seven.
    guard = Guard.from_files(["default"], nlp=True)
    for plain in (
        "Not public yet: we're acquiring Kessler Pharma, signing on Friday for $240M",
        "Entre nous, on ferme l'usine de Lannion en mars, 180 postes supprimés",
        "Marie Dubois from accounting is on sick leave for depression since March",
    ):
        expected = [(f.rule, f.start, f.end) for f in guard.check(plain).findings]
        styled = guard.check(bold(plain))
        assert [(f.rule, f.start, f.end) for f in styled.findings] == expected
        assert len(expected) >= 1 and styled.verdict != "allow"
        assert all(f.text == bold(plain)[f.start : f.end] for f in styled.findings)
