"""Cheap per-draft language choice between the pack's languages: no model, no spaCy.

A draft is short, so a handful of very frequent function words, French elisions and
diacritics decide it; ties go to the first configured language (the pack's main one).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

SUPPORTED = ("en", "fr")

# The most frequent function words of each language, minus the ones both share ("a", "on").
_EN = (
    "the and of to is in it you that for was with be are this have not but they at "
    "from by or we an my your our their will would can could should just what so if "
    "about all there been has had were which when who how out up do does did no yes "
    "me him her them its than then too very i he she us get got new now today"
)
_FR = (
    "le la les et est des du un une que qui pour dans pas sur au aux avec ce cette ces "
    "il elle ils elles nous vous je tu son sa ses leur leurs mais ou donc car ne plus "
    "par été être avoir fait très aussi comme tout tous bien notre nos votre vos mon "
    "ma mes sont avons avez ont était sera entre chez sans sous depuis aujourd'hui "
    "encore déjà où ça merci bonjour"
)
_STOP = {"en": frozenset(_EN.split()), "fr": frozenset(_FR.split())}
_WORDS = regex.compile(r"\p{L}+(?:['\u2019]\p{L}+)?")
_ELISION = regex.compile(r"\b(?:[ldjnmstc]|qu)['\u2019]\p{L}", regex.IGNORECASE)
_FRENCH_LETTERS = regex.compile(r"[éèêëàâçîïôûùüœÉÈÊÀÇ]")


def scores(text: str) -> dict[str, float]:
    """Evidence for each supported language in the draft (higher is more likely)."""
    words = [w.casefold().replace("\u2019", "'") for w in _WORDS.findall(text)]
    out = {lang: float(sum(1 for w in words if w in stop)) for lang, stop in _STOP.items()}
    out["fr"] += 1.0 * len(_ELISION.findall(text)) + 0.5 * len(_FRENCH_LETTERS.findall(text))
    return out


def detect(text: str, languages: Sequence[str]) -> str:
    """The most likely of `languages` for this draft; the first one when the evidence is even."""
    if len(languages) == 1:
        return languages[0]
    found = scores(text)
    best = languages[0]
    for lang in languages[1:]:
        if found.get(lang, 0.0) > found.get(best, 0.0):
            best = lang
    return best
