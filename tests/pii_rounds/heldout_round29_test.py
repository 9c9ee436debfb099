"""Issue 14, round twenty-nine: the personal-data misses and alarms of pii batches 31, 32 and
val-31, by class. Another person's home told as news (a move, a housewarming at someone's, "the
ex-VP's new house", a customer's delivery), a rate told without a pay word, a relative's NIR
typed into a fake message, a corrected number; and, quiet, a novel's address and heroine, pay and
health from public records, one's own move, sale, new number or new mailbox, a business that
moved. Drafts written for this test, English and French; exact verdicts and spans. The pack runs
without the NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text, verdict, hits", [
    ("Notre ancien DAF s'est installé au 9 rue des Acacias, 33000 Bordeaux. Belle baraque "
     "paraît-il",
     "warn", [("pii.postal-address-home", 35, 68)]),
    ("Pendaison de crémaillère chez Justine vendredi ! 14 avenue Foch, 54000 Nancy, code porte "
     "au 2e",
     "warn", [("pii.postal-address-home", 49, 76)]),
    ("drove by our ex-VP's new house yesterday, 2210 Oak Hollow Ln, Austin, TX 78704. nice pool",
     "warn", [("pii.postal-address-home", 42, 78)]),
    ("Order for our customer Dana Whitley gets shipped to 88 Maple Ave, Columbus, OH 43215, "
     "she's home after 5",
     "warn", [("pii.postal-address-home", 52, 84)]),
    ("the freelance rate for Marco Bianchi is €70/h, not €60, please fix the invoice before "
     "Friday",
     "warn", [("pii.special-category-pay-figure", 40, 45)]),
    ("Notre traductrice Hélène facture 380 €/jour, ne le répétez pas",
     "warn", [("pii.special-category-pay-figure", 25, 43)]),
    ("Ma sœur a reçu un faux SMS de la CPAM et elle a tapé son numéro de sécu dedans : 2 69 08 "
     "69 123 042 73. On fait quoi ?",
     "block", [("pii.nir", 81, 102)]),
    ("Typo on Mrs Lindqvist's form, the correct mobile number is +44 7911 305642, can someone "
     "call her?",
     "warn", [("pii.phone-keyword", 59, 74)]),
])
def test_round_twenty_nine_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    "« Elle vivait au 8 rue des Tanneurs, 67000 Strasbourg, au-dessus d'une boucherie. » Extrait "
    "de mon polar, sortie en mars",
    "Dans mon roman, l'héroïne apprend qu'elle est enceinte la veille de son mariage. Trop "
    "convenu ?",
    "On a emménagé au 5 rue Victor Hugo, 69002 Lyon ! Crémaillère samedi, venez",
    "Our clinic has moved to 2200 Elm Ave, Suite 300, Tulsa OK 74114. Same great team!",
    "Je vends ma table basse 40 €, écrivez-moi au 06 12 48 77 30, dispo le soir",
    "New number for me, the old one's gone: 07823 114 509, save it please",
    "Mon adresse mail perso change : désormais c'est lea.martin.photo@gmail.com, mettez à jour "
    "vos contacts",
    "Per the annual report published this morning, the chief executive's total compensation was "
    "€4.1M last year",
    "Get well soon to Governor Hale, whose hip surgery went well according to her office this "
    "morning",
    "I charge €70/h as a freelance translator, my rates are on my site",
])
def test_round_twenty_nine_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])
