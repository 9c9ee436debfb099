"""Issue 14, round twenty-five: a credential told in prose, its keyword words away from its value
or after it ("wifi in the Denver office changed again, it's now ...", "IT gave me a temp password
of ...", « mot de passe provisoire pour tout le monde « ... » », « ... pour le mdp du wifi »), and
a numeric code beside a strong keyword (a door code "reset, it's 7741# now", « Mot de passe de la
session Zoom : 887412 », « le code manager c'est 771904 »). Advice quoting a bad password, a
breach's top list, a password manager, a network's name, versions, a promo code and a reset link
stay quiet. Drafts written for this test (several after the brief's examples), English and
French, with emoji, quotes « » and accents; exact verdicts and spans. The pack runs without the
NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    ("wifi in the Denver office changed again, it's now Falcon_Ridge2026! for anyone wondering 📶",
     "block", [("secret.credential-prose", 50, 67)]),
    ("Root on the old NAS still hasn't changed lol, it's Havana_1377. someone really should fix "
     "that",
     "block", [("secret.credential-prose", 51, 62)]),
    ("wifi for the Lisbon offsite guests is 'PortoCalling!2026' and the router admin is the "
     "same, don't tell IT 🤫",
     "block", [("secret.credential-prose", 39, 57)]),
    ("New hire here 👋 IT gave me a temp password of Welcome-Fenwick92 and told me to change it",
     "block", [("secret.credential-prose", 46, 63)]),
    ("pour le VPN, identifiant = ton matricule, et mot de passe provisoire pour tout le monde « "
     "Peche!946x » jusqu'à vendredi",
     "block", [("secret.credential-prose", 90, 100)]),
    ("Le mot de passe du wifi invités ET du réseau interne c'est le même, Havana@1201. Oui je "
     "sais.",
     "block", [("secret.credential-prose", 68, 79)]),
    ("Pour la caisse du magasin de Nice, le mdp de la session « Palmier-Soleil-06 » 🌴",
     "block", [("secret.credential-prose", 58, 75)]),
    ("The kiosk admin pin and password are both on my whiteboard but for the remote folks: pin "
     "2290, pass Maple@1459!",
     "block", [("secret.access-code-prose", 89, 93), ("secret.credential-prose", 100, 111)]),
    ("Door code for the server room got reset, it's 7741# now. Facilities said to tell everyone "
     "🙃",
     "block", [("secret.access-code-prose", 46, 51)]),
    ("Mot de passe de la session Zoom du CSE de jeudi : 887412. Venez nombreux !",
     "block", [("secret.access-code-prose", 50, 56)]),
    ("Pour la caisse du magasin de Nice, le code manager c'est 771904 et bon courage",
     "block", [("secret.access-code-prose", 57, 63)]),
    ("Le routeur de l'atelier a été réinitialisé, c'est désormais Écluse#Bleue42 pour l'admin 🔧",
     "block", [("secret.credential-prose", 60, 74)]),
    ("Glycine#2027 pour le mdp du wifi invités, bisous 🌸",
     "block", [("secret.credential-prose-before", 0, 24)]),
    ("the NAS admin got reset to Kestrel_Moor88 after the update, shout if it fails",
     "block", [("secret.credential-prose", 27, 41)]),
])
def test_round_twenty_five_credentials_in_prose_block(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    "the wifi password is on the fridge 😂 ask Tom",
    "wifi at the café is Cafe_Lumiere_5G, password on the receipt ☕",
    "Le mot de passe du wifi ? Demandez-le à l'accueil. Le réseau s'appelle « Hotel_Lumiere5G ».",
    "Never use Summer2024! as a password, it's the first one every attacker tries",
    "Top passwords in this week's breach dump: Summer2024!, Welcome1, Qwerty123 😬",
    "switched the team to a password manager, our vault is called Bitwarden_Team2026",
    "Passkeys > passwords. Our login now uses Passkey_v2 on every device 🔐",
    "the admin panel runs on Django-4.2 and the router on RTX-4090 level hardware lol",
    "Upgraded the VPN client to WireGuard_0.5.3 this morning",
    "le code de la nouvelle appli c'est sur GitHub, PR bienvenues #OpenSource_2026",
    "Promo code: Summer_Sale24 for 20% off this weekend only!",
    "Reset link for your account: https://example.com/reset?token=abc123XYZ",
    "the door code changed in 2024, ask reception for the new one",
    "Zoom meeting ID 8874 1290 33, passcode in the calendar invite",
    "COVID-19 rules for the office wifi room: masks optional",
    "Le mot de passe doit contenir 12 caractères, par exemple « Chat-Noir-77 », pas moins",
])
def test_round_twenty_five_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, secret", [
    ("wifi in the Denver office changed again, it's now Falcon_Ridge2026! for anyone wondering 📶",
     "Falcon_Ridge2026!"),
    ("pour le VPN, identifiant = ton matricule, et mot de passe provisoire pour tout le monde "
     "« Peche!946x » jusqu'à vendredi", "Peche!946x"),
    ("Glycine#2027 pour le mdp du wifi invités, bisous 🌸", "Glycine#2027"),
    ("Mot de passe de la session Zoom du CSE de jeudi : 887412. Venez nombreux !", "887412"),
])
def test_round_twenty_five_secrets_are_redacted(guard: Guard, text: str, secret: str) -> None:
    findings = [f for f in guard.check(text).findings if f.category == "secret"]
    assert len(findings) == 1
    assert all("*" in f.text for f in findings)
    assert secret not in outputs(guard, text)


def test_one_secret_is_one_finding(guard: Guard) -> None:
    # secret.password reports "password is X"; the prose rule stands aside (defer_to)
    text = "the staging db password is Summer!Harbor2024, the wifi changed to Kestrel_Moor88"
    assert [f.rule for f in guard.check(text).findings] == ["secret.password"]
