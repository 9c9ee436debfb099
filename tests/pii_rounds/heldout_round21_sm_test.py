"""Issue 14, round twenty-one, secrets and markers: a password told with no password word before
it (a wifi that "changed, it's now X", "logging into the CRM with 'X'", « « X » c'est le mot de
passe » with its French quotes, a user name then "the code is" and digits), a label quoted in
brackets after « mention », "Restricted doc from ...:"
opening a post. A launch that was under embargo until this morning, a child's own label, a
title one just finished, a how-to that adds a label, an NDA clause's definition, a label's
colour and a Slack token placeholder stay quiet. Drafts written for this test (none from a
batch), English and French, with emoji, accents and a Cyrillic look-alike letter, exact verdicts
and spans. The pack runs without the NLP model and without the `event.*` rules, as in
`tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a network whose password changed, the value after "it's now"
    ("The shop wifi changed, it's now Heron!Quay2291 — mind the capitals 🙃", "block",
     [("secret.credential-prose", 32, 46)]),
    ("le wifi de la salle B a changé, c'est maintenant Glycine#2027 🌸", "block",
     [("secret.credential-prose", 49, 61)]),
    # what someone logged in with, quoted (a Cyrillic look-alike A, U+0410, in "NAS")
    ("Tried logging into the CRM with 'Qu4rterly$Slog' like IT said, locked out again", "block",
     [("secret.password-login-with", 33, 47)]),
    ("j'ai essayé de me connecter au portail avec « Éclair_2026 » et ça bloque", "block",
     [("secret.password-login-with", 46, 57)]),
    ("logged into the N\u0410S with \"Tw1light!Moor\", works again", "block",
     [("secret.password-login-with", 26, 39)]),
    # French quotes with their spaces, then « c'est le mot de passe »
    ("« Tilleul#Bleu88 » c'est le mot de passe du compte Insta, ne le changez pas", "block",
     [("secret.password-named", 2, 40)]),
    # a user name, then a code in digits
    ("NVR at the depot: user is admin and the code is 58203917. Don't change it", "block",
     [("secret.login-code", 48, 56)]),
    ("pour la pointeuse, l'identifiant c'est gérant et le code 73920461 😬", "block",
     [("secret.login-code", 57, 65)]),
    # a label quoted in brackets after « mention », then what the document says
    ("Les slides du séminaire (mention « interne \u2013 ne pas diffuser ») annoncent 3 nouvelles "
     "gammes", "block", [("marker.aside", 24, 63), ("marker.confidential", 45, 60)]),
    # "Restricted doc from ...:" opening the post
    ("Restricted memo from the board: 40 jobs go in Leeds 😬", "block",
     [("marker.label", 0, 24), ("marker.figure", 32, 39)]),
])
def test_round_twenty_one_secrets_and_markers_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # no value: a wifi that got faster, a login with a provider or a badge, a weak example
    "the wifi changed, it's now faster than ever",
    "le wifi a changé, c'est maintenant la fibre 🎉",
    "log in with 'Google' and you are done",
    "never log in with 'Password123' on a shared box",
    "« azerty123 » c'est le pire mot de passe du monde",
    "user is admin and the code is 12345678 by default, change both",
    # an embargo over, a child's label, a title one finished
    "Our launch was under embargo until this morning, so now I can finally say it: we're live 🚀",
    "Mon fils a mis un post-it « sous embargo » sur son carnet de notes. Il a 10 ans.",
    "Ma fille a écrit « STRICTEMENT CONFIDENTIEL » sur sa boîte à trésors. Je respecte.",
    "Just finished 'Confidential Assignment' on the plane. 7/10, great stunts",
    # talk about labels: a how-to, a clause's definition, a label's colour
    "Tuto : comment ajouter un pied de page « usage interne » dans vos modèles Word",
    "NDA tips: read the term and the definition of confidential info before signing",
    "Design question: what colour should our 'Restricted' document label be? Help.",
    "Restricted docs from the 1970s archive are now online at the library",
    # a Slack token placeholder in the docs
    "Dans la doc on a remplacé toutes les clés par xoxb-VOTRE-TOKEN-ICI 👏",
])
def test_round_twenty_one_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, secret", [
    ("The shop wifi changed, it's now Heron!Quay2291 — mind the capitals 🙃", "Heron!Quay2291"),
    ("Tried logging into the CRM with 'Qu4rterly$Slog' like IT said, locked out again",
     "Qu4rterly$Slog"),
    ("« Tilleul#Bleu88 » c'est le mot de passe du compte Insta, ne le changez pas",
     "Tilleul#Bleu88"),
    ("NVR at the depot: user is admin and the code is 58203917. Don't change it", "58203917"),
])
def test_round_twenty_one_secrets_are_redacted(guard: Guard, text: str, secret: str) -> None:
    findings = [f for f in guard.check(text).findings if f.category == "secret"]
    assert len(findings) == 1
    assert all("*" in f.text for f in findings)
    assert secret not in outputs(guard, text)
