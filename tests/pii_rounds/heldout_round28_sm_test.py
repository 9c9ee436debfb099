"""Issue 14, round twenty-eight: the secret and marker misses of pii batches 31, 32 and val-31. A
meeting's « code secret » told with its value (« ID de réunion ..., code secret Ht9xPq »), a bank
card's code told to a relative (« mon code de CB c'est 8315 »), an NDA waived by « à part que » /
"except that", and an NDA-covered demo, pilot or prototype. A bank's warning, a children's book,
a forgotten card code, a public webinar, advice and one's own excitement stay quiet. Drafts
written for this test, English and French; exact verdicts and spans. The pack runs without the
NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text, verdict, hits", [
    ("Point client de 10h sur Teams : ID de réunion 284 903 117 62, code secret Rb7wQe. Caméra "
     "allumée svp 🙏",
     "block", [("secret.code-secret", 74, 80)]),
    # with a connector the value is secret.password-code's: one secret, one finding
    ("Visio du CODIR demain, le code secret c'est Pf3xN8q, je suis dans le train donc je le mets "
     "ici",
     "block", [("secret.password-code", 26, 52)]),
    ("ma mère m'a demandé mon code de carte pour les courses, c'est 5931, je lui ai dit de pas le "
     "noter 😅",
     "block", [("secret.access-code-prose", 62, 66)]),
    ("Le code secret de ma carte bleue : 7406. Je le mets là pour mon frère qui fait le plein",
     "block", [("secret.access-code-prose", 35, 39)]),
    ("J'ai signé un NDA donc motus… sauf que le nouveau salon ouvre à Lille en mars 🤫",
     "block", [("marker.signed-but", 5, 38)]),
    ("Signed an NDA so I can't say anything, except that the acquirer is a Dutch bank 😬",
     "block", [("marker.signed-but", 0, 50)]),
    ("Our NDA-covered pilot with a regional hospital chain cut wait times by 31%. Can't name them "
     "yet",
     "block", [("marker.document-status", 4, 21), ("marker.figure", 71, 74)]),
    ("Here's the NDA-protected prototype of the client's new smart lock, look at the finish 🔐",
     "warn", [("marker.document-status", 11, 34)]),
])
def test_round_twenty_eight_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    "Votre banque ne vous demandera jamais votre code secret par SMS. Raccrochez.",
    "Le code secret du Club des Cinq, c'était quoi déjà ? Souvenirs d'enfance 📚",
    "J'ai oublié mon code de carte bleue à la caisse, 3 essais et carte bloquée 😭",
    "Jamais donner son code de CB par téléphone, même à un « conseiller ».",
    "Webinaire public jeudi 18h, ID de réunion 812 4410 9921, pas de code secret : venez nombreux",
    "J'ai signé un NDA pour mon nouveau job donc je ne dirai rien. Juste : j'ai hâte 🤐",
    "Signed my first NDA as a freelancer today. Can't tell you anything except that I'm thrilled",
    "NDA-covered work is still work you can talk about in general terms",
    "How do you run an NDA-covered pilot with a big client? Thread on what to put in writing 🧵",
])
def test_round_twenty_eight_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_round_twenty_eight_code_is_redacted(guard: Guard) -> None:
    text = "Réunion Teams de 14h : ID 392 117 804 55, code secret Xk4p7R. Si ça bug appelez-moi"
    findings = [f for f in guard.check(text).findings if f.category == "secret"]
    assert [f.rule for f in findings] == ["secret.code-secret"]
    assert all("*" in f.text for f in findings)
