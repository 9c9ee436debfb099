"""The literal pass of the pattern prefilter skips the word-edge check of a literal whose owners
are all found already: it finds the same patterns as checking every literal it meets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from guard.detect import literal_index
from guard.detect.literals import LiteralIndex, fold, required_literals
from guard.packs.loader import load_pack
from tests.corpus import every_text

AWKWARD = [
    "Our NDA applies until Monday 🎉 — internal only",
    "réunion interne à 10 h : ne pas diffuser, c'est confidentiel",
    "秘密のプロジェクト: api_key=abc123 は社外秘です",
    "p\u0430ssword (a Cyrillic a): hunter22, mot de passe : Soleil!2024",
    "STRASSE 12, ß and ǅ and K (Kelvin) near an IBAN FR76 3000 6000 0112 3456 7890 189",
    "@someone mail me at a.b@example.com or call +33 6 12 34 56 78",
    "password " * 2_000,
    "",
]


def _index() -> LiteralIndex:
    rules = [r for r in load_pack(["default"]).rules if r.detector == "pattern"]
    literals = {r.id: required_literals(r.pattern or "") for r in rules}
    return LiteralIndex({rid: lits for rid, lits in literals.items() if lits})


INDEX = _index()


def _every_literal_checked(index: LiteralIndex, folded: str, text: str) -> set[str]:
    """The pass before the skip: every literal met, its edges always checked (the same
    tables)."""
    found: set[str] = set()
    for literal in index._search(folded):
        found.update(index._owners.get(literal, ()))
        for variant, keys in index._edged.get(literal, ()):
            if literal_index._occurs_with_edges(variant, literal, folded, text):
                found |= keys
    return found


def test_the_same_patterns_on_every_corpus_draft_and_awkward_ones():
    texts = [*every_text(), *AWKWARD]
    for text in texts:
        folded = fold(text)
        assert INDEX.keys_in(folded, text) == _every_literal_checked(INDEX, folded, text), text
    assert len(texts) > len(AWKWARD)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["password", "pw", "NDA", "nda", "interne", "_", "-", " ", "é",
                                 "a", "le", "http", "@", "1", "st", "ß", "K", "🎉", "\n"]),
                max_size=40))
def test_the_same_patterns_on_generated_drafts(parts):
    text = "".join(parts)
    folded = fold(text)
    assert INDEX.keys_in(folded, text) == _every_literal_checked(INDEX, folded, text)
