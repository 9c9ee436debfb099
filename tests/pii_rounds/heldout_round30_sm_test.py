"""Issue 14, round thirty: a password given after a recipe owned by someone, with no "so"
(« le nom du chien + son année, Filou1954 », pii batch 33), and a private key's header and
footer around dots, a body elided on purpose (pii batch 34's tutorial). A recipe told as
advice, with no owner, and a header followed by dots and no footer (a truncated paste) keep
their verdicts. Drafts written for this test, English and French. The pack runs without the
NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text, rule", [
    ("Le mdp de ma grand-mère c'est le nom de son chat + son année, Minou1947, elle me l'a dit",
     "secret.password"),
    ("Le code de la box de mon oncle ? son mdp c'est le nom de sa fille + sa rue, Julie12, bref",
     "secret.password"),
    ("my aunt's email password is her cat's name + her house number, Biscuit42, she told everyone",
     "secret.password"),
    ("here is the deploy key -----BEGIN RSA PRIVATE KEY----- ... (the rest got cut, will resend)",
     "secret.private-key"),
])
def test_round_thirty_secrets_are_found(guard: Guard, text: str, rule: str) -> None:
    verdict, hits = found(guard, text)
    assert verdict == "block"
    assert rule in {r for r, _, _ in hits}


@pytest.mark.parametrize("text", [
    "don't build your password from a pet's name + a year, Rex2015 is cracked in seconds",
    "Ne construisez pas votre mdp avec le nom du chien + une année, Rex2015 tombe en 2 secondes",
    "My dad's password was his dog's name + 123. Was, because I set him up with a manager",
    "Dans le tuto j'ai remplacé le contenu par des points : -----BEGIN RSA PRIVATE KEY----- ... "
    "-----END RSA PRIVATE KEY-----. Ne collez jamais la vraie clé.",
    "the slide shows -----BEGIN EC PRIVATE KEY-----\n…\n-----END EC PRIVATE KEY----- and nothing "
    "else, the real one stays on the laptop",
])
def test_round_thirty_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])
