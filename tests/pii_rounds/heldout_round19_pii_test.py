"""Issue 14, round nineteen, personal data: an address after "his flat is" / « son appartement »,
a client who wants the samples at home, a suicide attempt said by its abbreviation (« a fait
une TS »), a patient out of ICU or after a sepsis / « choc septique », and a colleague's pay
told by comparison ("starts at $138k", « est à 61k alors que ... ») are found. One's own sick
leave after « j'ai », a freelancer's own mailbox for work, one's own suicide attempt told to
help others, sepsis as news, a price list, a job ad's pay and a sales target stay quiet.
Drafts written for this test (none from a batch), English and French, with emoji, accents and
a Cyrillic look-alike letter, exact verdicts and spans. The pack runs without the NLP model and
without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text, verdict, hits", [
    # an address after "his flat is" (a UK mews), « son appartement c'est »
    ("Ex-barista Jonas ghosted us 🙄 but his flat is 3 Albion Mews, Leeds LS6 2QT if anyone "
     "wants the keys back", "warn", [("pii.postal-address-person", 46, 74)]),
    ("Élise ne répond plus, mais son appartement c'est 14 impasse des Roses, 31400 Toulouse, "
     "pour le badge", "warn", [("pii.postal-address-person", 49, 85)]),
    # a client who wants the samples at home: goods, not a sample value
    ("Our Lyon client Mme Bérard wants the samples at home this week: 6 rue des Tanneurs, "
     "69002 Lyon ✉️", "warn",
     [("pii.postal-address", 64, 94), ("pii.postal-address-person", 64, 94)]),
    # a suicide attempt, abbreviated or not
    ("Notre collègue Noé a fait une TS le week-end dernier, et la direction ne dit rien 😔",
     "warn", [("pii.special-category", 19, 32)]),
    ("Inès a fait une tentative de suicide en janvier, elle reprend lundi, soyez doux", "warn",
     [("pii.special-category", 5, 36)]),
    # a patient out of ICU after sepsis; a septic shock
    ("Bay 2 (Mr. Halvorsen, 77) is out of ICU after the sepsis scare 🙏 thanks 4B", "warn",
     [("pii.special-category-situation", 36, 39), ("pii.special-category-situation", 50, 56)]),
    ("Mme Perrin (chambre 8) récupère enfin de son choc septique, on croise les doigts", "warn",
     [("pii.special-category-situation", 45, 58)]),
    # a colleague's pay told by comparison (a Cyrillic o, U+043E, in the last "Thomas")
    ("Just heard the new guy Rémi starts at $138k. I've been here 6 years at $112k 🙃", "warn",
     [("pii.special-category-pay", 28, 43)]),
    ("Our new SDR Maya starts on £38k, same as me three years ago 😬", "warn",
     [("pii.special-category-pay", 17, 31)]),
    ("Le nouveau responsable Thomas est à 61k alors que Sophie qui l'a formé est à 43k. "
     "Égalité mon œil", "warn", [("pii.special-category-pay", 30, 49)]),
    ("Th\u043emas est à 61k alors que Sophie est à 43k", "warn",
     [("pii.special-category-pay", 7, 26)]),
])
def test_round_nineteen_personal_data_is_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # one's own sick leave after « j'ai », « j'étais »
    "Perso j'ai été en arrêt 2 semaines pour une hernie discale. Le dos, c'est pas une blague",
    "Perso j'étais hospitalisée en mars pour une appendicite, tout va bien 💪",
    # a freelancer's own mailbox for work
    "Reach me at lena (at) lenavoss (dot) studio for freelance work, booked until April",
    "Dispo pour des missions en freelance dès mars : claire.morel (at) free (dot) fr",
    # one's own suicide attempt told to help others; sepsis and ICU as news
    "J'ai fait une TS à 19 ans, j'en parle pour que d'autres osent demander de l'aide",
    "Sepsis kills 11 million people a year. Know the signs 🩺",
    "Nurses in the ICU are exhausted after this winter",
    # a price list, a job ad's pay, one's own pay, a sales target
    "Pricing starts at $12k per seat for Enterprise, DM sales",
    "Sales reps starting at $60k plus commission, apply now",
    "I started at $52k in 2019 and I'm at $80k now, ask for more folks",
    # free samples from a shop; a street without a number or postcode
    "Free samples at home this week, visit 12 rue des Lilas, 75019 Paris",
    "His flat is somewhere near Cavendish Mews, the one with the blue door",
])
def test_round_nineteen_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_a_sales_target_compared_is_nobodys_pay(guard: Guard) -> None:
    """« Notre objectif » is no colleague: the deal words warn, no pay finding."""
    verdict, hits = found(guard, "Notre objectif est à 50k alors que le budget est serré")
    assert [rule for rule, _start, _end in hits] == ["financial.deal-word", "financial.deal-word"]
    assert verdict == "allow"


@pytest.mark.parametrize("text, hits", [
    # someone else's freelance mailbox; a witness after the fact
    ("Our ex-designer Tom does freelance work now, reach him at tom (at) tombell (dot) dev",
     [("pii.email-obfuscated", 58, 84)]),
    ("J'ai appris que Karine a été suspendue hier soir, personne ne sait pourquoi",
     [("pii.special-category-situation", 29, 38)]),
    ("Karine a été suspendue hier soir, j'étais là quand c'est arrivé",
     [("pii.special-category-situation", 13, 22)]),
])
def test_someone_elses_detail_is_still_reported(
    guard: Guard, text: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == ("warn", hits)
