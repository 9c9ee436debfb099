"""Issue 14, round nine: a colleague's pay told as congratulations or gossip, a manager's or a
role's health, an HR process in new words, a Québec NIP, a password said before its keyword and
a German tax id further from its keyword are found, with exact rule ids, spans and verdicts;
people offering their own contact for work, an organisation's own line or account, an example
NI number, a "Confidential Secretary" job title and a how-to stay quiet. Drafts written for this
test (none from a batch), English and French, with emoji and accents. The pack runs without the
NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a colleague's pay or bonus, as congratulations or gossip
    ("Big congrats to Aisha Patel on her $18,000 year-end bonus 🎉 well deserved", "warn",
     [("pii.special-category-scored", 52, 57)]),  # round eleven: the scorer, not the bonus rule
    ("La prime annuelle de Karim à la logistique : 9 500 €. Et nous ? Rien 😤", "warn",
     [("pii.special-category-scored", 3, 8)]),
    ("Notre stagiaire Zoé est payée 600 € par mois, c'est légal ?", "warn",
     [("pii.special-category-pay", 20, 35)]),
    ("Léon touche une prime de 8 000 € cette année, selon la compta", "warn",
     [("pii.special-category-pay", 5, 32)]),
    ("Saw the bonus sheet: Dmitri Volkov got £30k, the rest of the floor got £2k", "warn",
     [("pii.special-category-pay", 35, 43), ("pii.special-category-pay", 67, 74)]),
    # "et moi" compares, "in my pigeonhole" is a place: neither makes the pay one's own
    ("Coup de gueule : Inès touche 3 100 € net et moi 2 400 pour le même poste", "warn",
     [("pii.special-category-pay", 22, 36)]),
    # a role or a number between the person and the health term
    ("Our team lead has type 2 diabetes and skips lunch meetings, can we move them?", "warn",
     [("pii.special-category-term", 25, 33)]),
    ("Le nouveau responsable du rayon est diabétique, il a fait un malaise hier", "warn",
     [("pii.special-category-term", 36, 46)]),
    # an HR process in other words
    ("Heard that Marcus Reid is being investigated for gross misconduct", "warn",
     [("pii.special-category-situation", 32, 44), ("pii.special-category-term", 49, 65)]),
    ("Paul du service client est mis à pied à titre conservatoire depuis lundi", "warn",
     [("pii.special-category-situation", 27, 37)]),
    ("So HR finally let Tomasz Nowak go after the audit, whole floor knew", "warn",
     [("pii.special-category-dismissal", 14, 33)]),
    # credentials: a Québec NIP, a password before its keyword
    ("Le NIP de la carte de l'asso c'est 4417, ne le partagez pas", "block",
     [("secret.door-code", 35, 39)]),
    ("Fjord!Lantern88 — that's the password for the office printer, don't tell IT", "block",
     [("secret.password-named", 0, 37)]),
    # a German tax id a few words from its keyword, in a French sentence
    ("Mon collègue frontalier m'a donné sa Steuer-ID pour remplir le formulaire : "
     "39613372405", "block", [("pii.de-tax-id", 76, 87)]),
    # "to book" with a card is no organisation's offer
    ("my teammate Joe wants me to book the flights with his card 4539 1488 0343 6467 cvv 123",
     "block", [("pii.card", 59, 78)]),
    # "nous" in "qui nous a volé" is no business speaking, the person lives there
    ("Le propriétaire qui nous a volé notre caution habite au 8 rue Victor Hugo, 69002 Lyon",
     # (round twelve: "habite au" names the resident, so the person rule reports it)
     "warn", [("pii.postal-address-person", 56, 85)]),
    # something said to be under an agreement, told anyway
    ("J'ai signé un accord de confidentialité donc motus… mais la boutique de Lille ferme en mars",
     "block", [("marker.signed-but", 5, 56), ("financial.deal-word", 14, 20)]),
    ("Signed an NDA so can't say much, but the Leeds store closes in March 🤐", "block",
     [("marker.signed-but", 0, 36)]),
])
def test_round_nine_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # pay in general, one's own, an example
    "Check your payslip in April: the new tax code should be applied",
    "Your NI number is on your payslip, it looks like QQ 12 34 56 C, the official example",
    "Was put on a PIP last year, survived it, got promoted this year. Don't give up.",
    "Comment contester un avertissement ? Délais et recours expliqués par une juriste.",
    # an organisation's own line or account
    "Our surgery's appointment line is 0161 496 0123, open 8–6 weekdays",  # noqa: RUF001 (a dash as people type it)
    "Le cabinet dentaire est joignable au 04 72 11 22 33 pour les urgences",
    "Tennis club subs are due! Pay the club account, IBAN GB82 WEST 1234 5698 7654 32, ref your "
    "name",
    "To book, call 020 7946 0991 or text the same number",
    # a person offering their own contact for work
    "Freelance illustrator, reach me at mina.draws@gmail.com for commissions ✏️",
    "Vous pouvez m'écrire à luc.photo@gmail.com pour les séances photo de mariage 📸",
    # a job title; signing an agreement without telling anything
    "We're hiring a Confidential Secretary to the board. Apply on our careers page",
    "Signed an NDA with the agency today, first big client!",
])
def test_round_nine_hard_negatives_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_a_password_before_its_keyword_is_redacted(guard: Guard) -> None:
    shown = outputs(guard, "Fjord!Lantern88 — that's the password for the office printer")
    assert "secret.password-named" in shown
    assert "Lantern88" not in shown


def test_a_third_persons_line_is_not_an_organisations_offer(guard: Guard) -> None:
    # "joignable au" after a neighbour's name is her number, not a practice's line
    assert found(guard, "Colis chez la voisine Mme Haddad, joignable au 06 45 19 82 07") == (
        "warn", [("pii.phone", 47, 61)])
