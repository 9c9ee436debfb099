"""Issue 14, round five: a label where it sits on the material (`marker.carried`), label talk told
by what is confidential (a therapy session, a vote, a recipe, a song or a book), credentials
typed as `admin / ...` or "the pass is ...", a colleague's treatment, drinking, performance plan
or bonus, and a shop's own order line; on new drafts, English and French, with exact rule ids,
spans and verdicts. Batch 5 (`tests/data/heldout/pii-secret-marker-5.jsonl`) and the dev files
hold their figures. The pack runs without the NLP model and without the `event.*` rules, as in
`tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, misses_and_alarms, outputs
from tests.scripts import ROOT

DATA = ROOT / "tests" / "data"


@pytest.mark.parametrize("text, verdict, hits", [
    # on the slide, per the footer, a singular marked document, "Internal memo:" opening a post
    ("Restricted per the footer, but the Austin lease isn't being renewed",
     "warn", [("marker.carried", 0, 25)]),
    ("Internal memo: the Denver team moves to the new tool in March",
     "warn", [("marker.carried", 0, 14)]),
    ("compte rendu confidentiel du comité : gel des salaires en 2027",
     "warn", [("marker.carried", 0, 25), ("marker.confidential-word", 13, 25)]),
    # a figure next to the label blocks, as in round four
    ("it's on a confidential slide but the bonus pool is 3% this year",
     "block", [("marker.carried", 8, 28), ("marker.confidential-word", 10, 22),
               ("marker.figure", 51, 53)]),
    # "budget formation" is a training budget, not a training course about labels (round
    # twenty-nine: marker.classification no longer drops the heading for it either)
    ("C2 \u2013 Interne sur la slide, mais bon : budget formation réduit à 90 k€",
     "block", [("marker.classification", 0, 12), ("marker.carried", 0, 25),
               ("financial.deal-word", 38, 44),
               ("marker.figure", 64, 69)]),
])
def test_a_label_where_it_sits_is_carried(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    "what we say in group therapy stays confidential, always",
    "Your vote is confidential: nobody sees your ballot",
    "Ce qui se dit en séance reste confidentiel, c'est la règle du groupe",
    "my mum's tiramisu recipe is strictly confidential 😌",
    "their new single is called 'Internal Only' and it's a banger",
    "Je relis « Confidentiel » de Jacques Chardonne ce week-end",
    "Panneau « Accès restreint \u2013 personnel autorisé » devant la réserve du musée",
    "Reminder: documents marked Confidential go in the grey shredder bin",
    "les documents classés confidentiels se rangent dans l'armoire fermée",
    "why does every slide in this company say Internal in the footer?",
])
def test_what_is_confidential_tells_talk_from_a_label(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, hit, value", [
    ("k done. nas admin / Vq7#pLm2xR, don't lose it",
     ("secret.credential-prose", 20, 30), "Vq7#pLm2xR"),
    ("wifi for the offsite: the pass is Otter!Creek77",
     ("secret.password", 26, 47), "Otter!Creek77"),
    ("le pass du wifi de la salle B c'est Castor_2027!",
     ("secret.password", 3, 48), "Castor_2027!"),
])
def test_admin_slash_and_the_pass_is_block_redacted(
    guard: Guard, text: str, hit: tuple[str, int, int], value: str
) -> None:
    assert found(guard, text) == ("block", [hit])
    assert value not in outputs(guard, text)


@pytest.mark.parametrize("text", [
    "default creds are admin / admin, change them on day one",
    "le pass Navigo passe à 90 € en janvier",
    "my boarding pass is AB12345C, gate 22",
])
def test_weak_defaults_and_other_passes_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, hit", [
    ("Hannah's been put on a 90-day PIP, so keep her off the pitch",
     ("pii.special-category", 6, 33)),
    ("Rémi passe en plan d'amélioration des performances lundi",
     ("pii.special-category", 5, 33)),
    ("Ollie is off this month — chemo starts Monday, don't mention it",
     ("pii.special-category", 26, 31)),
    ("Greg from IT has a drinking problem, he was drunk at 10am",
     ("pii.special-category", 13, 35)),
    ("Julie de l'accueil a un gros souci avec l'alcool depuis son divorce",
     ("pii.special-category", 19, 48)),
    ("Priya is back on the bottle, her sponsor told me", ("pii.special-category", 6, 27)),
    ("Ben Carter's bonus this year is $41,000 and he did nothing",
     ("pii.special-category-situation", 13, 40)),
])
def test_a_colleagues_treatment_plan_or_bonus_warns(
    guard: Guard, text: str, hit: tuple[str, int, int]
) -> None:
    assert found(guard, text) == ("warn", [hit])


@pytest.mark.parametrize("text", [
    "Finished my last round of chemo today, ringing the bell!",
    "Dernière séance de chimio demain, merci pour vos messages",
    "The minister announced today she is pregnant, congrats",
    "Notre fromagerie est ouverte le samedi ! Pour vos commandes : 04 72 00 15 88",
    "Our bakery is open till 2! Orders by phone on 020 7946 0018",
])
def test_ones_own_life_public_news_and_a_shops_line_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_a_neighbours_number_still_warns(guard: Guard) -> None:
    text = "my neighbour Mr Doyle says call him on 07700 914 337 about the parcel"
    assert found(guard, text) == ("warn", [("pii.phone", 39, 52)])


# What each file still misses or flags (listed in docs/history/pii-rounds.md): the sets are held so
# that a change that loses a draft, or gains an alarm, shows here. Batch 5 is all caught.
KNOWN = {
    "heldout/pii-secret-marker-5.jsonl": set(),
    # round nine found psd5-052 and psd5-059, round eleven's scorer psd5-053 and psd5-054
    "dev/pii-secret-marker-dev-5.jsonl": set(),
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_batch_5_and_dev_5_hold_their_figures(guard: Guard, name: str) -> None:
    assert misses_and_alarms(guard, DATA / name) == KNOWN[name]
