"""Issue 14, round thirteen: who is speaking and what a label is. An organisation's press
service, news desk or branch giving its own details (« Contact presse : presse@... », "Email our
news desk at tips@...", « Notre antenne ... est joignable au »), a number from a range reserved
for fiction explained with "e.g.", and a question about a quoted label stay quiet; a colleague's
pay told as a comparison ("X on my team makes ..."), a grandmother's address for birthday cards
("mail them to ..."), an e-mail typed with spaces, a scammer's own address, passwords with a
qualifier and no connector (« mot de passe temporaire X »), after their value (« X comme mot de
passe ») or after "pass =", a document "marked CONFIDENTIAL" and a label invoked then waived
(« Embargo oblige ... bon allez ») are found. Drafts written for this test (none from a batch),
English and French, with emoji and accents, exact verdicts and spans. The pack runs without the
NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text, verdict, hits", [
    # passwords: a qualifier and no connector, the value before « comme mot de passe », "pass ="
    ("Pour les stagiaires : identifiant accueil7, mot de passe temporaire Vq8#nLp2Wd, à changer "
     "vite", "block", [("secret.password", 44, 79)]),
    ("J'ai mis Cèdre!Brume-604 comme mot de passe sur la tablette de l'accueil 🙈", "block",
     [("secret.password-named", 9, 43)]),
    ("note for future me: my email pass = Otter_Lagoon_1984", "block",
     [("secret.password", 29, 53)]),
    # a teammate's pay told as a comparison: "my team" is not one's own pay
    ("Found out Zoë on my team makes €62k and I'm on €47k for the same role 😤", "warn",
     [("pii.special-category-pay", 25, 33)]),
    # a relative's address given to strangers for cards
    ("Nana turns 95 on Sunday! Please mail them to Margaret Ellery, 14 Willow Lane, Burlington, "
     "VT 05401 💌", "warn", [("pii.postal-address-person", 62, 98)]),
    # an e-mail typed with spaces, a scammer's own address in a warning about him
    ("Recruiters, try my ex-colleague instead: m a r i e . l a c r o i x @ gmail . com", "warn",
     [("pii.email-obfuscated", 41, 80)]),
    ("The seller who scammed me on eBay writes from k.daumier77@laposte.net, do not buy from him",
     "warn", [("pii.email", 46, 69)]),
    # a label named as one document's status, a label invoked then waived
    ("so proud: our launch plan marked CONFIDENTIAL says we open in Lisbon in April 🇵🇹", "block",
     [("marker.classification", 26, 43), ("marker.document-status", 26, 45),
      ("marker.confidential-word", 33, 45)]),
    ("Embargo oblige je dis rien… bon allez, le festival ouvre avec un concert surprise", "warn",
     [("marker.told-anyway", 0, 31)]),
    # "write to our former intern": a person of the organisation, not its own desk
    # (since round seventeen a name with a role before the address: pii.postal-address-named)
    ("Pour écrire à notre ancien stagiaire Théo, parti à Boston : 88 Maple Ave, Portland, ME "
     "04101", "warn", [("pii.postal-address", 60, 92), ("pii.postal-address-named", 60, 92)]),
])
def test_round_thirteen_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # an organisation's press service, news desk and branch
    "Contact presse : presse@atelier-rivage.fr, réponse sous 24h",
    "Story tips? Email our news desk at tips@harbourgazette.com",
    "Notre antenne de Lausanne est joignable au 021 320 45 80 en semaine",
    "Service presse des Éditions Lune : 12 rue de Seine, 75006 Paris, pour les exemplaires à "
    "chroniquer",
    # a range reserved for fiction, the example after "e.g."
    "Our tests use numbers from the reserved range, e.g. (415) 555-0142, which is fictional.",
    # talk about labels
    "Is 'Do not forward' at the bottom of an email legally binding? Asking for a friend",
    "If everything is labelled 'restricted', nothing is.",
])
def test_round_thirteen_hard_negatives_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, secret", [
    ("Pour les stagiaires : identifiant accueil7, mot de passe temporaire Vq8#nLp2Wd, à changer",
     "Vq8#nLp2Wd"),
    ("J'ai mis Cèdre!Brume-604 comme mot de passe sur la tablette", "Cèdre!Brume-604"),
])
def test_the_new_password_forms_are_redacted(guard: Guard, text: str, secret: str) -> None:
    [finding] = guard.check(text).findings
    assert secret not in finding.text and set(finding.text) <= {"*", " "}


@pytest.mark.parametrize("text, hit", [
    # A booking or ordering line is an `offer` only for what an organisation publishes (its
    # phone, its address, its IBAN); a card number or a national identifier never is.
    ("Pour réserver la salle, prends la carte de Mathilde : 4556 7375 8689 9855, exp 09/27 😅",
     ("pii.card", 54, 73)),
    ("To book the flights use Dan's card 5425 2334 3010 9903, he said it's fine",
     ("pii.card", 35, 54)),
    ("Pour commander ses lunettes, voilà le numéro de sécu de mamie : 2 52 07 75 112 048 82",
     ("pii.nir", 64, 85)),
])
def test_a_booking_line_does_not_make_a_card_or_an_identifier_nobodys(
    guard: Guard, text: str, hit: tuple[str, int, int]
) -> None:
    assert found(guard, text) == ("block", [hit])


def test_a_booking_line_still_makes_an_organisations_own_phone_its_offer(guard: Guard) -> None:
    assert found(guard, "Pour réserver, appelez le gîte au 04 75 32 18 90 📞") == ("allow", [])
