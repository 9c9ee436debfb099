"""Issue 14, round nineteen, secrets and markers: a stamp that opens the post ("CONFIDENTIAL —
DRAFT: ...", "(NDA) photos ..."), a label waived by an adverb then "but" ("Technically NDA,
but ..."), a label reported with « c'est marqué » and where it sits, then « mais voilà »; a
vault's or door's code named after its value ("X — that's the vault code"), « ce sera » after a
password's colon, a snowflake:// URL. Advice that a marked document is never posted, default
credentials in a tutorial URL and a promo code stay quiet. Drafts written for this test (none
from a batch), English and French, with emoji, accents and a Cyrillic look-alike letter, exact
verdicts and spans. The pack runs without the NLP model and without the `event.*` rules, as in
`tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a stamp that opens the post, in capitals or in brackets, whatever follows it
    ("CONFIDENTIAL — DRAFT: safety review shows 2 new cardiac events in the 40 mg arm 😬 how do "
     "we word this?", "warn", [("marker.opening-label", 0, 21)]),
    ("CONFIDENTIEL \u2013 BROUILLON : le plan de départs touche 80 postes à Lyon", "block",
     # one finding for the stamp since round twenty (marker.confidential-word stands aside)
     [("marker.opening-label", 0, 26), ("marker.figure", 53, 62)]),
    ("(NDA) photos from the factory tour — the new headset folds flat 📸", "warn",
     [("marker.opening-label", 0, 5)]),
    ("[usage interne] Les photos du nouveau magasin de Nantes, ouverture le 3 mars", "warn",
     [("marker.opening-label", 0, 15)]),
    # a label waived by an adverb, then "but"
    ("Technically NDA, but customers deserve to know the old API is being sunset in June.",
     "warn", [("marker.told-anyway", 12, 20)]),
    ("Techniquement c'est sous NDA, mais le casque sort en mars à 349 €", "block",
     [("marker.confidential", 20, 28), ("marker.told-anyway", 25, 34),
      ("marker.figure", 60, 65)]),
    # a label reported with « marqué » / "marked", where it sits, then the teaser
    ("c'est marqué « réservé aux partenaires » en bas de page mais voilà la date de sortie : 14 "
     "octobre", "warn", [("marker.quoted-then-told", 0, 60)]),
    ("it's marked 'partners only' on every slide but the launch is March 3 🚀", "warn",
     [("marker.quoted-then-told", 0, 46)]),
    # a code named after its value (a Cyrillic look-alike e, U+0435, in "depot")
    ("Harbour-Falcon-58 — that's the vault code for the Leeds d\u0435pot now, pass it on",
     "block", [("secret.password-named", 0, 41)]),
    ("Hibou!Gris-58, c'est le code du coffre de l'agence maintenant 🔐", "block",
     [("secret.password-named", 0, 38)]),
    # "ce sera" / "it'll be" after the password's colon
    ("Le mot de passe du Wi-Fi de la boutique change ce soir : ce sera « Tilleul!Rosé31 », "
     "prévenez l'équipe", "block", [("secret.password", 3, 81)]),
    ("The guest wifi password changes tonight: it'll be Harbour!Gate33 from 6pm", "block",
     [("secret.password", 15, 64)]),
    # a warehouse's scheme
    ("Snowflake conn for the BI board: snowflake://bi_reader:Pq7!zR2mWx@acme-eu.eu-central-1/"
     "ANALYTICS", "block", [("secret.connection-string", 33, 86)]),
])
def test_round_nineteen_secrets_and_markers_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # advice that a marked document is never posted
    "Conseil RGPD du jour : un document marqué « usage interne » ne se poste pas sur LinkedIn. "
    "Évident 🙃",
    "Conseil aux stagiaires : un doc marqué « confidentiel » ne se partage pas, même avec un "
    "pote.",
    "PSA: a deck marked 'internal only' never gets posted, however proud you are of it",
    # default credentials in a tutorial's URL
    "Why does every tutorial use mongodb://admin:admin@localhost? Asking for the 40k open "
    "databases.",
    "amqp://guest:guest@localhost:5672 is the broker's default, change it",
    # a promo code; a password rule; a novel's title; a class of slides
    "SUMMER25OFF is the promo code this week 🎉",
    "Password rules from Monday: it'll be 12 characters minimum",
    "CONFIDENTIAL: a novel by Jane Doe, out in paperback now",
    "every slide says 'partners only' but nobody reads it",
])
def test_round_nineteen_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, secret", [
    ("Harbour-Falcon-58 — that's the vault code for the Leeds d\u0435pot now, pass it on",
     "Harbour-Falcon-58"),
    ("Hibou!Gris-58, c'est le code du coffre de l'agence maintenant 🔐", "Hibou!Gris-58"),
    ("Le mot de passe du Wi-Fi de la boutique change ce soir : ce sera « Tilleul!Rosé31 », "
     "prévenez l'équipe", "Tilleul!Rosé31"),
    ("Snowflake conn for the BI board: snowflake://bi_reader:Pq7!zR2mWx@acme-eu.eu-central-1/"
     "ANALYTICS", "Pq7!zR2mWx"),
])
def test_round_nineteen_secrets_are_redacted(guard: Guard, text: str, secret: str) -> None:
    findings = [f for f in guard.check(text).findings if f.category == "secret"]
    assert findings and all("*" in f.text for f in findings)
    assert secret not in outputs(guard, text)
