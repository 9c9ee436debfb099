"""Issue 14, round twenty-three, secrets and markers, by class: a credential told before its
noun ("X is the code to the server room door", « X c'est le code de la salle serveur », a quoted
value then a colon), and a label quoted with its audience and laughed at, then news after "tl;dr"
or « en gros », or after a colon that follows the laugh. Advice that takes a label out of sight
(« fermez les onglets marqués internes avant de partager l'écran », "delete the 'Internal only'
footer before you send"), a standing rule for what is tagged ("anything tagged internal stays on
the wiki") and a nickname (« que toute l'équipe appelle « ... » ») stay quiet, unless a colon
then tells what the document says. Drafts written for this test (none from a batch), English and
French, with emoji, accents and Cyrillic look-alike letters, exact verdicts and spans. The pack
runs without the NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a credential told before its noun: a door's code, a room's code in French
    ("Qx7#mRt2Lw is the code to the server room door, don't ask 🙈", "block",
     [("secret.password-named", 0, 22)]),
    ("Vt8&kLp3Qz is the code for the bike shed, same as the gate", "block",
     [("secret.password-named", 0, 22)]),
    ("Bq4!zW9pRe c'est le code de la salle serveur, le badge ne marche plus", "block",
     [("secret.password-named", 0, 24)]),
    # a quoted value, then a colon
    ("« Érable#Nuit-83 » : c'est le mot de passe du wifi de l'atelier ☕", "block",
     [("secret.password-named", 2, 42)]),
    # a label quoted with its audience, laughed at, then news after "tl;dr" or a colon
    ("\"Eyes only: exec team\" memo got forwarded to all of support 😂 tl;dr the Derby plant "
     "closes in May", "warn", [("marker.mocked-then-told", 0, 90)]),
    # a Cyrillic look-alike o (U+043E) in the label
    ("\"Eyes \u043enly: board\" memo got forwarded to all of support 😂 tl;dr the Derby plant "
     "closes in May", "warn", [("marker.mocked-then-told", 0, 86)]),
    # a laugh, then a colon: what follows is what the mail says, the label's own rules read it
    ("Le mail « Strictement confidentiel \u2013 codir » traîne sur l'imprimante 🤭 : 35 postes "
     "supprimés en juin", "block",
     [("marker.confidential", 10, 34), ("marker.confidential-word", 22, 34),
      ("marker.figure", 73, 82)]),
    ("La note « Usage interne » a fuité sur Slack 😆 en gros on ferme Nantes en juin", "warn",
     [("marker.mocked-then-told", 8, 62)]),
    # advice or a rule about a label, but a colon then tells what the document says
    ("Delete the \"Internal only\" footer before you post: Q3 revenue down 20%", "block",
     [("marker.confidential", 12, 25), ("financial.deal-word", 54, 61),
      ("marker.figure", 67, 70)]),
    ("Docs tagged internal don't lie: churn is 14% this quarter", "block",
     [("marker.classification", 5, 20), ("marker.figure", 41, 44)]),
    # the label's own instruction ("delete after reading") is no advice about it
    ("Strictement confidentiel, supprimez après lecture. Le site de Lyon ferme en juin.", "block",
     [("marker.confidential", 0, 24), ("marker.confidential-word", 12, 24),
      ("marker.figure", 67, 72)]),
])
def test_round_twenty_three_secrets_and_markers_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # advice that takes a label or its document out of sight
    "Petit conseil : avant un partage d'écran, fermez les fenêtres marquées « usage interne » 🙏",
    "Before sending slides to a customer, remove the \"Internal only\" banner from the master.",
    "Astuce d'onboarding : vérifiez qu'il n'y a plus de mention « confidentiel » dans l'en-tête "
    "avant l'envoi",
    "Please never leave printouts stamped confidential on the shared printer",
    # a standing rule for what is tagged, a Cyrillic look-alike i (U+0456) in the label
    "New here? Anything on Confluence tagged internal stays on Confluence.",
    "Rappel : les pages étiquetées « diffusion restreinte » restent sur le SharePoint 📌",
    "Hot tip for new joiners: files tagged \u0456nternal in Drive shouldn't be linked from public "
    "tickets",
    # a public code, a weak password quoted as one, a heading before "that's the password"
    "WELCOME10 is the code for 10% off your first order! 🎉",
    "Python is the code for the whole backend, Rust for the CLI",
    "« azerty » reste le mot de passe le plus utilisé en France 🙄",
    "Update: that's the password policy for every new laptop",
    # a label laughed at, nothing told
    "\"Eyes only\" on the cafeteria menu 😂 peak corporate",
    # a nickname (« appelle »), then a colon and a recipe
    "Le fondant que toute l'équipe appelle « strictement confidentiel » 🤣 : 200 g de chocolat, "
    "3 œufs",
])
def test_round_twenty_three_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, secret", [
    ("Qx7#mRt2Lw is the code to the server room door, don't ask 🙈", "Qx7#mRt2Lw"),
    ("Bq4!zW9pRe c'est le code de la salle serveur, le badge ne marche plus", "Bq4!zW9pRe"),
    ("« Érable#Nuit-83 » : c'est le mot de passe du wifi de l'atelier ☕", "Érable#Nuit-83"),
])
def test_round_twenty_three_secrets_are_redacted(guard: Guard, text: str, secret: str) -> None:
    findings = [f for f in guard.check(text).findings if f.category == "secret"]
    assert len(findings) == 1
    assert all("*" in f.text for f in findings)
    assert secret not in outputs(guard, text)
