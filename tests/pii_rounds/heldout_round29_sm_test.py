"""Issue 14, round twenty-nine: the marker misses and the secret and marker alarms that recur
over the development data. A label in capitals before its document ("the RESTRICTED pricing
sheet says"), a cover page, a header or « la fiche » that says a label and then "but", a hush
inside a label's bracket ("(NDA, shh)"), a colon after "sharing a slide marked '...'", and a
training budget told under a label (« budget formation », no training course). An escape room's
code, a title one is reading, a scheme's levels listed from "Public", a training course about
labels and advice about a marked slide stay quiet. Drafts written for this test, English and
French; exact verdicts and spans. The pack runs without the NLP model and without the `event.*`
rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text, rule", [
    ("Leaked? Maybe. The CONFIDENTIAL board memo says the Glasgow depot closes in June",
     "marker.document-status"),
    ("so our STRICTLY CONFIDENTIAL pricing sheet has the Gold tier at $99 from May",
     "marker.document-status"),
    ("The cover page says RESTRICTED, but everyone should know the recall covers 3 plants",
     "marker.told-anyway"),
    ("La fiche dit « SECRET INDUSTRIEL » mais bon, regardez ce moteur 😍", "marker.told-anyway"),
    ("Le header dit « confidentiel » mais le nouveau tarif passe à 39 € en mai",
     "marker.told-anyway"),
    ("Project Heron (NDA, shh) is the rebuild of a big bank's app, kickoff in March",
     "marker.label"),
    ("Le projet Albatros (sous NDA, chut) : refonte complète du site d'une grande enseigne",
     "marker.label"),
    ("Sharing a deck marked 'Internal only': we close 4 stores in Ohio", "marker.confidential"),
    ("Mail « diffusion restreinte » de la DRH : le budget formation 2027 baisse de 30 %",
     "marker.confidential"),
])
def test_round_twenty_nine_leaks_are_found(guard: Guard, text: str, rule: str) -> None:
    verdict, hits = found(guard, text)
    assert verdict in ("warn", "block")
    assert rule in {r for r, _, _ in hits}


@pytest.mark.parametrize("text", [
    "Escape game entre collègues : le code du cadenas final c'était 4-8-1-5. 52 minutes 😅",
    "Escape room last night, the padlock code was 7-2-0-9 and we found it with a minute left",
    "Currently reading 'Do Not Forward', a spy novel set in a bank. Would not forward.",
    "Our new scheme puts Public / Internal / Confidential in the footer of every doc. Nice.",
    "Formation RGPD ce matin : « diffusion restreinte » et « confidentiel », quelle différence ?",
    "If you're sharing a slide marked 'Internal only', crop the footer first",
])
def test_round_twenty_nine_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])
