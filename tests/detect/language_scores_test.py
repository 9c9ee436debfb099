"""The language choice's faster word pass gives the very scores of the plain one (a frozen copy
below: one match object per word, each word casefolded on its own), float for float, on the real
posts, the labelled set, the events training drafts and generated drafts full of capitals,
sentence ends, apostrophes, digits and letters that grow when casefolded. The frozen copy reads
every draft with `regex`, as `language` did before it read ASCII drafts with `re`: the scores
of the two engines are held equal here too, on generated ASCII drafts besides."""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guard.detect import language
from tests.corpus import every_text

_WORDS = regex.compile(r"\p{L}+(?:['\u2019]\p{L}+)?")
_NOT_PROSE = regex.compile(r"[@#$]\w+|https?://\S+|www\.\S+")
_ELISION = regex.compile(r"\b(?:[ldjnmstc]|qu)['\u2019]\p{L}", regex.IGNORECASE)
_FRENCH_LETTERS = regex.compile(r"[éèêëàâçîïôûùüœÉÈÊÀÇ]")
_ENGLISH_ENDING = regex.compile(r"\p{L}{3,}(?:ing|ed|ly)\b", regex.IGNORECASE)


def plain_scores(text: str) -> dict[str, float]:
    """`language.scores` as it was before round seven of the speed work."""
    text = _NOT_PROSE.sub(" ", text[: language.SAMPLE])
    kept = [
        m.group()
        for m in _WORDS.finditer(text)
        if not m.group()[0].isupper() or language._starts_sentence(text, m.start())
    ]
    words = [w.casefold().replace("\u2019", "'") for w in kept]
    out = {lang: float(sum(1 for w in words if w in stop))
           for lang, stop in language._STOP.items()}
    prose = " ".join(kept)
    elisions = len(_ELISION.findall(prose)) if "'" in prose or "\u2019" in prose else 0
    letters = 0 if prose.isascii() else len(_FRENCH_LETTERS.findall(prose))
    out["fr"] += 1.0 * elisions + 0.3 * letters
    out["en"] += 0.3 * len(_ENGLISH_ENDING.findall(prose))
    return out


def _texts() -> list[str]:
    return list(every_text())


def test_same_scores_on_every_corpus_draft():
    texts = _texts()
    assert len(texts) > 5000
    for text in texts:
        assert language.scores(text) == plain_scores(text), text


AWKWARD = [
    "", "   ", "Hello", "hello World. Again? Yes! Non: Oui; Bof\nSuite", "42 Apples", "_Name",
    "l'Homme D'accord Qu'il", "Straße STRASSE ß ẞ", "İstanbul ǅemal ǈ", "Ⓐ Ⓑ ⓐ", "É à Ç",
    "¿Qué? ¡Sí! «Bonjour» — Merci… Voilà", "@Bob #Tag $SES https://x.co/A Bonjour",
    "The CEO of Globex says we're OK", "singing walked'ed ing'ing fly sly ly", "ABCİNG x'ING",
    "x2 Y3 ½Half ²Square", "a.B c!D e?F g:H i;J",
    "東京 Tokyo 🙂 Emoji",
    "\uff26\uff55\uff4c\uff4c \uff57\uff49\uff44\uff54\uff48", "e\u0301 E\u0301cole",
]


def test_same_scores_on_awkward_drafts():
    for text in AWKWARD:
        assert language.scores(text) == plain_scores(text), text
        assert language.scores(text * 300) == plain_scores(text * 300), text  # past SAMPLE


PIECES = st.sampled_from([
    "The", "the", "We", "we", "Le", "le", "Nous", "nous", "Qu'il", "l'", "D\u2019", "\u2019", "'",
    ".", "!", "?", ":", ";", "\n", " ", "  ", ",", "-", "(", ")", "\"", "«", "»", "…",
    "1", "42", "_", "@x", "#Y", "$Z", "https://a.b/C", "ß", "ẞ", "İ", "ǅ", "Ⓐ", "É", "é",
    "Straße", "Walking", "walked", "Quickly", "WALKİNG", "\u017failed", "ing", "lyly", "Ed",
    "東京", "🙂", "\u00a0", "\u200b", "e\u0301",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=30).map("".join))
def test_property_same_scores_on_generated_drafts(text):
    assert language.scores(text) == plain_scores(text)


# ASCII only, where `re` reads the draft: every control character (`re`'s Unicode \s holds
# \x1c-\x1f, `regex`'s does not), apostrophes, handles, links, capitals after sentence ends.
ASCII_PIECES = st.one_of(
    st.sampled_from([
        "The", "the", "We", "we", "Le", "le", "Nous", "nous", "Qu'il", "l'", "d'Or", "'", "''",
        ".", "!", "?", ":", ";", "\n", " ", "  ", ",", "-", "(", ")", "\"", "www.x.fr",
        "1", "42", "_", "@x", "@", "#Y", "#", "$Z", "$1", "https://a.b/C", "http://x",
        "Walking", "walked", "Quickly", "WALKING", "ing", "lyly", "Ed", "sTing", "x_ing", "9ed",
    ]),
    st.characters(max_codepoint=127),
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ASCII_PIECES, max_size=40).map("".join))
def test_property_ascii_drafts_score_the_same_with_re(text):
    assert text.isascii()
    assert language.scores(text) == plain_scores(text)


def test_each_ascii_pattern_matches_what_its_regex_twin_matches():
    # Stronger than equal scores: the same matches, on every ASCII character in every context.
    ascii_, full = language._patterns(True), language._patterns(False)
    assert ascii_.split.__class__.__module__ == "re"
    chars = "".join(map(chr, range(128)))
    texts = [chars, chars[::-1], *(f"{c}abc{c}ing{c}l'x{c}@h{c}www.{c}" for c in chars)]
    for text in texts:
        for name in ("elision", "ending", "not_prose", "split"):
            a, b = getattr(ascii_, name), getattr(full, name)
            assert a.findall(text) == b.findall(text), (name, text)
        assert ascii_.split.split(text) == full.split.split(text), text
        assert ascii_.not_prose.sub(" ", text) == full.not_prose.sub(" ", text), text


def test_casefolding_never_makes_a_space():
    # Why the words (letters and apostrophes) may be casefolded joined by spaces: no character
    # but the space itself folds to something holding one.
    assert [c for c in map(chr, range(0x110000)) if " " in c.casefold()] == [" "]
