"""Every disguise of the SPEC's "Matching through disguise" paragraph, on several terms."""

# These tests are about look-alike characters: ruff's warning on them is the point.
# ruff: noqa: RUF001

from __future__ import annotations

import time
from pathlib import Path

import pytest

from guard import Guard
from guard.detect.hashing import hash_term
from guard.detect.terms import TermEntry, TermMatcher
from guard.models import Hit, MatchOptions

TERMS = ["Falcon", "Blue Heron", "R2D2", "Area 51", "Sentinel", "Ranger", "Hélène", "Apple",
         "Acme Company", "Steck"]
MATCHER = TermMatcher([TermEntry(t, t, MatchOptions()) for t in TERMS])

# (disguise, term, draft, the spelling the finding must cover). The spelling sits in the draft
# once; the finding must point exactly at it.
FOUND = [
    # case and diacritics
    ("case", "Falcon", "ship FALCON now", "FALCON"),
    ("case", "Blue Heron", "the blue HERON team", "blue HERON"),
    ("case", "R2D2", "r2d2 is back", "r2d2"),
    ("diacritics", "Falcon", "FÄLCON ships", "FÄLCON"),
    ("diacritics", "Falcon", "Fa\u0301lcon ships", "Fa\u0301lcon"),  # combining acute
    ("diacritics", "Blue Heron", "Blüe Héron soon", "Blüe Héron"),
    ("diacritics", "Hélène", "signed with HELENE today", "HELENE"),
    # compatibility forms
    ("fullwidth", "Falcon", "Ｆａｌｃｏｎ ships", "Ｆａｌｃｏｎ"),
    ("fullwidth", "Blue Heron", "Ｂｌｕｅ Ｈｅｒｏｎ ok", "Ｂｌｕｅ Ｈｅｒｏｎ"),
    ("fullwidth", "R2D2", "Ｒ２Ｄ２ ok", "Ｒ２Ｄ２"),
    ("fullwidth", "Area 51", "at Ａｒｅａ ５１.", "Ａｒｅａ ５１"),
    ("math letters", "Falcon", "the 𝐅𝐚𝐥𝐜𝐨𝐧 build", "𝐅𝐚𝐥𝐜𝐨𝐧"),
    # look-alike letters from other scripts
    ("cyrillic", "Falcon", "F\u0430lcon beta", "F\u0430lcon"),
    ("cyrillic", "Blue Heron", "\u0412lue \u041d\u0435ron beta", "\u0412lue \u041d\u0435ron"),
    ("cyrillic", "R2D2", "R2\u05012 beta", "R2\u05012"),
    ("cyrillic", "Area 51", "\u0410rea 51 beta", "\u0410rea 51"),
    ("greek", "Falcon", "Falc\u03bfn beta", "Falc\u03bfn"),
    # invisible characters
    ("zero-width space", "Falcon", "Fal\u200bcon beta", "Fal\u200bcon"),
    ("soft hyphen", "Blue Heron", "Blue Her\u00adon beta", "Blue Her\u00adon"),
    ("zwnj", "R2D2", "R2\u200cD2 beta", "R2\u200cD2"),
    ("bidi isolate", "Area 51", "Ar\u2066ea 51 beta", "Ar\u2066ea 51"),
    ("bidi override", "Falcon", "F\u202eal\u202ccon beta", "F\u202eal\u202ccon"),
    ("zwj", "Falcon", "Fal\u200dcon beta", "Fal\u200dcon"),
    ("variation selector", "Falcon", "Fal\ufe00con beta", "Fal\ufe00con"),
    # digits and symbols for letters
    ("leet", "Falcon", "F4lc0n beta", "F4lc0n"),
    ("leet", "Blue Heron", "Blu3 H3r0n beta", "Blu3 H3r0n"),
    ("leet 1 as l", "Blue Heron", "B1ue Her0n beta", "B1ue Her0n"),
    ("leet $", "Sentinel", "$entinel beta", "$entinel"),
    ("leet @", "Falcon", "F@lc0n beta", "F@lc0n"),
    ("leet @", "Area 51", "Are@ 51 beta", "Are@ 51"),
    ("leet", "Area 51", "Ar3a 51 beta", "Ar3a 51"),
    ("leet 7", "Sentinel", "Sen7inel beta", "Sen7inel"),
    ("leading @", "Apple", "an @pple pie", "@pple"),
    ("lowercase $", "Steck", "the $teck deal", "$teck"),
    # separators between letters
    ("dots", "Falcon", "the F.a.l.c.o.n beta", "F.a.l.c.o.n"),
    ("spaces", "Falcon", "the F a l c o n beta", "F a l c o n"),
    ("hyphens", "Falcon", "the F-a-l-c-o-n beta", "F-a-l-c-o-n"),
    ("spaced leet", "Falcon", "the F 4 l c 0 n beta", "F 4 l c 0 n"),
    ("inside spelled-out letters", "Falcon", "x y F a l c o n z", "F a l c o n"),
    ("dots", "Blue Heron", "the B.l.u.e H.e.r.o.n beta", "B.l.u.e H.e.r.o.n"),
    ("hyphens", "R2D2", "the R-2-D-2 beta", "R-2-D-2"),
    ("spaces", "Area 51", "the A r e a 5 1 beta", "A r e a 5 1"),
    # separators between words, or none
    ("hyphen", "Blue Heron", "Blue-Heron beta", "Blue-Heron"),
    ("underscore", "Blue Heron", "Blue_Heron beta", "Blue_Heron"),
    ("none", "Blue Heron", "BlueHeron beta", "BlueHeron"),
    ("none lower", "Blue Heron", "#blueheron beta", "blueheron"),
    ("hashtag", "Blue Heron", "love #BlueHeron!", "BlueHeron"),
    ("hashtag snake", "Blue Heron", "love #blue_heron!", "blue_heron"),
    ("handle", "Blue Heron", "ask @BlueHeronTeam now", "BlueHeron"),
    ("line break", "Blue Heron", "Blue\nHeron beta", "Blue\nHeron"),
    ("whitespace run", "Blue Heron", "Blue \t Heron beta", "Blue \t Heron"),
    ("camel", "Blue Heron", "blueHeron beta", "blueHeron"),
    ("hyphen", "R2D2", "R2-D2 beta", "R2-D2"),
    ("none", "Area 51", "Area51 beta", "Area51"),
    ("hashtag", "Area 51", "#Area51 beta", "Area51"),
    ("hashtag", "Falcon", "#Falcon2027 beta", "Falcon"),
    ("email", "Falcon", "write to bob@falcon.com", "falcon"),
    ("email", "Blue Heron", "write to bob@blue-heron.fr", "blue-heron"),
    ("url", "Falcon", "see https://falcon.example.com/beta", "falcon"),
    # possessives and plurals
    ("possessive", "Falcon", "Falcon's beta", "Falcon"),
    ("possessive", "Falcon", "Falcon\u2019s beta", "Falcon"),
    ("possessive", "Blue Heron", "Blue Heron's beta", "Blue Heron"),
    ("possessive", "R2D2", "R2D2's beta", "R2D2"),
    ("plural", "Falcon", "two Falcons ship", "Falcons"),
    ("plural", "Blue Heron", "two Blue Herons ship", "Blue Herons"),
    ("plural", "Sentinel", "the SENTINELS ship", "SENTINELS"),
    ("plural -ies", "Acme Company", "two Acme Companies merge", "Acme Companies"),
    # around other scripts and emoji
    ("cjk", "Falcon", "我们的Falcon项目", "Falcon"),
    ("cjk", "Falcon", "ファルコン計画 Falcon は来週", "Falcon"),
    ("emoji", "Falcon", "🚀Falcon🚀 launch", "Falcon"),
    ("emoji zwj", "Falcon", "Falcon👩\u200d👩\u200d👧 next", "Falcon"),
    ("french", "Falcon", "Le projet Fâlcon arrive à l'été", "Fâlcon"),
    ("french elision", "Falcon", "l'équipe d'F4lcon", "F4lcon"),
]


def _hit(draft: str, term: str, matcher: TermMatcher = MATCHER) -> list[Hit]:
    return [h for h in matcher.find(draft) if h.rule_id == term]


@pytest.mark.parametrize(("disguise", "term", "draft", "spelling"), FOUND)
def test_disguise_is_found_on_the_original_characters(
    disguise: str, term: str, draft: str, spelling: str
) -> None:
    hits = _hit(draft, term)
    spans = [draft[h.start : h.end] for h in hits]
    assert spelling in spans, f"{disguise}: {spans}"
    hit = next(h for h in hits if draft[h.start : h.end] == spelling)
    assert hit.via in ("exact", "evasion")
    assert hit.confidence is None


@pytest.mark.parametrize(
    ("term", "draft"),
    [
        ("Falcon", "Falconry is an old art"),
        ("Falcon", "F4lc0nry is an old art"),
        ("Falcon", "F\u0430lconry is an old art"),
        ("Falcon", "FalconryClub"),
        ("Blue Heron", "the Blue Heronry lake"),
        ("Blue Heron", "Bl ue Heron"),  # a separator inside a word is not a word break
        ("R2D2", "R2D2X unit"),
        ("Area 51", "Area 512 road"),
        ("Sentinel", "Sentinelle"),
        ("Falcon", "Fal con"),
        ("Area 51", "Area 52"),  # a typo never changes a number
        ("Steck", "$TECK is up"),  # a cashtag names a stock
    ],
)
def test_not_found_inside_a_longer_word(term: str, draft: str) -> None:
    assert _hit(draft, term) == []


@pytest.mark.parametrize(
    ("term", "draft"),
    [
        ("Ranger", "that is a danger to everyone"),
        ("Ranger", "the dangers are real"),
        ("Ranger", "a manger scene"),
        ("Ranger", "Ranged attacks"),
        ("Sentinel", "sentient beings"),
        ("Blue Heron", "blue hero of the day"),
        ("Ranger", "Danger!"),
        ("Falcon", "the balcony"),
    ],
)
def test_fuzzy_never_fires_on_ordinary_words(term: str, draft: str) -> None:
    assert [h for h in _hit(draft, term) if h.via == "fuzzy"] == []


@pytest.mark.parametrize(
    ("term", "draft", "spelling"),
    [
        ("Falcon", "Falcom ships", "Falcom"),
        ("Sentinel", "Sentinal ships", "Sentinal"),
        ("Sentinel", "Snetinel ships", "Snetinel"),  # transposition
        ("Blue Heron", "Blue Heorn ships", "Blue Heorn"),
        ("Ranger", "Rangr ships", "Rangr"),
    ],
)
def test_one_typo_is_found_with_lower_confidence(term: str, draft: str, spelling: str) -> None:
    hits = _hit(draft, term)
    assert [(draft[h.start : h.end], h.via, h.confidence) for h in hits] == [
        (spelling, "fuzzy", 0.8)
    ]


def test_fuzzy_needs_six_letters() -> None:
    matcher = TermMatcher([TermEntry("t", "Orca", MatchOptions())])
    assert matcher.find("Orka ships") == []


ALLOWED = ["Falcon Heavy", "Atlanta Falcons", "Blue Heron Park"]
ALLOW = TermMatcher([TermEntry("allow", p, MatchOptions()) for p in ALLOWED])


@pytest.mark.parametrize(
    "draft",
    [
        "Watched the Falcon Heavy launch",
        "Watched the F4lc0n H3avy launch",
        "Watched the #FalconHeavy launch",
        "Watched the F\u0430lcon Heavy launch",
        "Go Atlanta Falcons!",
        "Go #AtlantaFalcons!",
        "a walk in Blue-Heron Park",
    ],
)
def test_an_allowed_phrase_stays_allowed_in_disguise(draft: str) -> None:
    hits = [h for h in MATCHER.find(draft) if h.rule_id in ("Falcon", "Blue Heron")]
    assert hits
    allowed = ALLOW.spans(draft)
    assert all(any(s <= h.start and h.end <= e for s, e in allowed) for h in hits)


def test_a_very_long_draft_is_matched_in_linear_time() -> None:
    filler = "lorem ipsum dolor sit amet, consectetur 2024 $5 "
    draft = filler * 4000 + "F4lc0n " + filler * 10
    t0 = time.perf_counter()
    hits = _hit(draft, "Falcon")
    elapsed = time.perf_counter() - t0
    assert [draft[h.start : h.end] for h in hits] == ["F4lc0n"]
    assert hits[0].start == len(filler) * 4000
    assert elapsed < 5


def test_a_long_run_of_spelled_out_letters_stays_fast() -> None:
    draft = "a " * 40000 + "F a l c o n"
    t0 = time.perf_counter()
    hits = _hit(draft, "Falcon")
    assert [draft[h.start : h.end] for h in hits] == ["F a l c o n"]
    assert time.perf_counter() - t0 < 10


@pytest.mark.parametrize(
    "draft",
    ["We made $5 in 2024", "Q3 2024 revenue up 51%", "call 555-0101", "4 8 15 16 23 42"],
)
def test_ordinary_numbers_are_not_read_as_letters(draft: str) -> None:
    leet = TermMatcher([TermEntry("t", t, MatchOptions()) for t in ["Sin", "Soso", "Qe", "Abist"]])
    assert leet.find(draft) == []


PACK = """\
version: 1
name: evasion
rules:
  - id: codename.falcon
    category: codename
    severity: critical
    terms: ["Falcon"]
    allow: ["Falcon Heavy"]
    message: Internal project codename
  - id: client.hashed
    category: client
    severity: high
    hashed:
      algorithm: hmac-sha256
      salt: "{salt}"
      digests: ["{digest}"]
      lengths: [2]
    message: Client name
"""


@pytest.fixture
def guard(tmp_path: Path) -> Guard:
    pack = tmp_path / "pack.yaml"
    salt = "pepper"
    pack.write_text(PACK.format(salt=salt, digest=hash_term("Northwind Logistics", salt)))
    return Guard.from_files([str(pack)])


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        ("F4lc0n beta next week", [("codename.falcon", "F4lc0n", "evasion")]),
        ("Falcon beta next week", [("codename.falcon", "Falcon", "exact")]),
        ("Falcom beta next week", [("codename.falcon", "Falcom", "fuzzy")]),
        ("Watched the F4lc0n H3avy launch", []),
        ("Signed #N0rthwindLogistics today", [("client.hashed", "N0rthwindLogistics", "hashed")]),
    ],
)
def test_the_engine_reports_how_a_term_was_found(
    guard: Guard, draft: str, expected: list[tuple[str, str, str]]
) -> None:
    report = guard.check(draft)
    assert [(f.rule, f.text, f.evidence.via) for f in report.findings] == expected
    for f in report.findings:
        assert draft[f.start : f.end] == f.text
        assert f.confidence < 1 if f.evidence.via == "fuzzy" else f.confidence == 1
