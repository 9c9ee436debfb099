"""Issue 14, round twenty, secrets and markers: a label reported in brackets mid-sentence about
the document whose content follows ("the contract (marked NDA, oops) caps ..."), an NDA from
the other side of a deal followed by the target or the price, a stamp that opens the post
reported once (not by marker.confidential-word too), a wifi code told in digits, dashed, spaced
or run together. An embargo said to be public now, advice about what a doc says, the office
joke « c'est confidentiel, mais tout le monde le sait déjà », an NDA with an agency and a
default or printed wifi code stay quiet. Drafts written for this test (none from a batch),
English and French, with emoji, accents and a Cyrillic look-alike letter, exact verdicts and
spans. The pack runs without the NLP model and without the `event.*` rules, as in
`tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a label in brackets mid-sentence, then what the document says
    ("The distributor agreement (marked NDA, sorry legal 🙈) caps our rebate at 18% this year",
     "block", [("marker.aside", 26, 53), ("marker.figure", 73, 76)]),
    ("Le contrat du transporteur (marqué NDA, oups) prévoit une pénalité de 2 % par jour de "
     "retard", "block", [("financial.deal-word", 3, 10), ("marker.aside", 27, 45),
                         ("marker.figure", 70, 73)]),
    ("Photo du tableau blanc (le doc d'origine est confidentiel) : la box fibre passe à 39,99 € "
     "en mars", "block", [("marker.aside", 23, 58), ("marker.figure", 82, 89)]),
    ("the vendor deck (stamped NDA, whatever) says the price goes up in May", "warn",
     [("marker.aside", 16, 39)]),
    # an NDA from the other side of a deal, then the target and the price
    ("Got the NDA draft from the acquirer — the target is Brightwave Foods, valuation around "
     "$320M 🤐", "block", [("marker.deal-nda", 8, 51), ("financial.deal-word", 42, 48),
                          ("financial.deal-word", 70, 79), ("marker.figure", 87, 92)]),
    ("Reçu le NDA de l'acquéreur ce matin : la cible c'est Lécuyer Emballages, valorisation "
     "80 M€", "block", [("marker.deal-nda", 8, 46), ("financial.deal-word", 73, 85),
                        ("marker.figure", 86, 91)]),
    # a stamp that opens the post: no marker.confidential-word finding on the same label
    ("CONFIDENTIAL: Q3 churn is 7.2%, up from 4%", "block",
     [("marker.classification", 0, 13), ("marker.opening-label", 0, 13),
      ("marker.figure", 26, 30), ("marker.figure", 40, 42)]),
    ("[Confidentiel] Les résultats du S1 : marge à 4,1 %", "block",
     [("marker.classification", 0, 14), ("marker.opening-label", 0, 14),
      ("financial.deal-word", 37, 42), ("marker.figure", 45, 50)]),
    # a wifi code in digits (a Cyrillic look-alike o, U+043E, in "office")
    ("the code for the wifi is 7-7-3-1-9-9", "block", [("secret.access-code-prose", 25, 36)]),
    ("le code du wifi de l'atelier c'est 4 8 1 9 2 6, pour ce soir 🎉", "block",
     [("secret.access-code-prose", 35, 46)]),
    ("Guest Wi-Fi password: 58203917 (rotates Monday)", "block",
     [("secret.access-code-prose", 22, 30)]),
    ("wifi code for the Lyon \u043effice: 3-9-0-2-7-7", "block",
     [("secret.access-code-prose", 31, 42)]),
])
def test_round_twenty_secrets_and_markers_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # an embargo said to be over
    "Le communiqué était sous embargo jusqu'à 7h, il est maintenant public : nous recrutons 40 "
    "personnes à Nantes 🎉",
    "The study was under embargo until 00:01 GMT. It's public now, so here's my thread on what "
    "it found 🌍",
    "The embargo has lifted: our annual report is out, 12 pages of good news",
    # advice about what a document says; a joke everyone knows
    "Career advice: if a doc says 'internal use only', don't screenshot it for LinkedIn.",
    "Conseil carrière : si un document porte « usage interne », on ne le poste pas. Évident.",
    "La blague à la machine à café : « c'est confidentiel, mais tout le monde le sait déjà »",
    "Classic office line: \"it's confidential, but everyone already knows\" 😅",
    # an NDA that names no deal; a how-to
    "Signed an NDA with the agency today. Big step for a freelancer",
    "How to negotiate an NDA with a potential buyer: the price is not the only thing that "
    "matters",
    # a wifi code printed on the box, a default one, a placeholder
    "the wifi code is on the sticker under the router",
    "le code du wifi par défaut 12345678, changez-le",
    "the code for the wifi is 1234, classic",
    # a stamp on a novel's cover
    "CONFIDENTIAL: a novel by Jane Doe, out in paperback now",
])
def test_round_twenty_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, secret", [
    ("the code for the wifi is 7-7-3-1-9-9", "7-7-3-1-9-9"),
    ("le code du wifi de l'atelier c'est 4 8 1 9 2 6, pour ce soir 🎉", "4 8 1 9 2 6"),
    ("Guest Wi-Fi password: 58203917 (rotates Monday)", "58203917"),
])
def test_round_twenty_wifi_codes_are_redacted(guard: Guard, text: str, secret: str) -> None:
    findings = [f for f in guard.check(text).findings if f.category == "secret"]
    assert [f.rule for f in findings] == ["secret.access-code-prose"]
    assert all("*" in f.text for f in findings)
    assert secret not in outputs(guard, text)
