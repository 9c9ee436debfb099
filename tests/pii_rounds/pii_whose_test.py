"""Whose data a draft tells (issue 14, round twenty-seven): the author's own health, leave or
pay, told with the subject left out or the first person far from the term, is nobody else's;
anyone else in the draft keeps the special-category finding. And a national identifier told to
a fraud team, or a spaced SSN the draft calls one, is the named person's and blocks. Drafts
written for this test (none from a batch), English and French, without the `event.*` rules.
"""

from __future__ import annotations

import pytest

from guard.detect.whose import own_life
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text", [
    "Took two months off for burnout last year. Best decision I ever made",
    "Diagnosed with type 1 diabetes at 34. Insulin pump life now, ask me anything",
    "Burn-out en 2023, six mois d'arrêt. Aujourd'hui, fière d'annoncer mon retour au travail !",
    "Je suis en burn-out depuis trois semaines, je coupe les notifs",
])
def test_the_authors_own_life_is_no_colleagues_data(guard, text):
    verdict, hits = found(guard, text)
    assert verdict == "allow"
    assert not any(rule.startswith("pii.special-category") for rule, _s, _e in hits)


@pytest.mark.parametrize("text", [
    "Marc and I both have covid, so the demo moves to Friday",
    "Marc et moi sommes en arrêt maladie",
    "Took Julie to the hospital, she's in chemo again",
    "Priya, I got diagnosed with MS",
    "Le nouveau DAF touche 180 000 € fixes, j'ai vu le PV",
    "Julie's back from leave. Burn-out, apparently. Be kind",
])
def test_someone_else_in_the_draft_keeps_it_theirs(text):
    assert not own_life(text, 0, len(text))


@pytest.mark.parametrize("text", [
    "Our intern Tom was diagnosed with epilepsy, I'm keeping an eye on him",
    "Karim est en arrêt maladie pour burn-out, je reprends ses dossiers",
    "Sophie told me she is pregnant, don't tell anyone yet",
])
def test_a_colleagues_health_beside_the_author_still_warns(guard, text):
    verdict, hits = found(guard, text)
    assert verdict == "warn"
    assert any(rule.startswith("pii.special-category") for rule, _s, _e in hits)


@pytest.mark.parametrize("text", [
    "Fraud team: Dana Whitfield's SSN 412-71-9083 was used on three loan applications this week",
    "Flagging for the fraud team: applicant Joan Pike, DOB 03/14/1979, SSN 697259168, 3 cards",
    "Dossier de Mme Lopez, née le 03/05/1980, numéro de sécu américain 029 39 3678, à transmettre",
])
def test_a_named_persons_identifier_blocks(guard, text):
    verdict, hits = found(guard, text)
    assert verdict == "block"
    assert any(rule == "pii.ssn" for rule, _s, _e in hits)


@pytest.mark.parametrize("text", [
    "Scam alert: fraudsters read out a fake SSN like 412-71-9083 to sound legit",
    "Our fraud team will never ask for your SSN by text. Hang up.",
    "Meeting room 204 12 2025 booked, social committee lunch after",
])
def test_a_warning_or_no_identifier_stays_quiet(guard, text):
    assert found(guard, text) == ("allow", [])
