"""Issue 14, round seventeen: a label said in words then waived ("not supposed to share outside
..., but"), a quoted label mocked then broken after "anyway" / « bref », a carried label closed
by "Any thoughts?" or « Votre avis ? », a document that "is 'Restricted' but", a password told
by how it is built, a safe's code with its digits spaced, a password behind a dash-framed aside,
an address after « M. » and a name or a name with a role, a UK house known by its name, "managed
out" in quotes and pay as a state ("still on £21k") are found. Talk about labels in other words
(merch that says one, deciding what gets labelled, a document marked in a condition), a
manager's guide with nobody named, pay from a public filing, one's own mailbox offered for
collaborations or after leaving a job, a joke about one's own win and a recipe given as advice
stay quiet, while a customer's mailbox sent to a brand is still theirs. Drafts written for this
test (none from a batch), English and French, with emoji, accents and a Cyrillic look-alike
letter, exact verdicts and spans. The pack runs without the NLP model and without the `event.*`
rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a label said in words, then waived (a Cyrillic look-alike o, U+043E, in "North")
    ("Not supposed to share this outside leadership (big red banner on slide 1) but Q3 bonuses "
     "are cut by half 😬", "warn", [("marker.waived-in-words", 0, 77)]),
    ("Je suis pas censé en parler avant le CSE mais l'usine de Dole ferme en mars", "warn",
     [("marker.waived-in-words", 12, 45)]),
    ("Not allowed to share it before the all-hands, but the N\u043erth site closes in May", "warn",
     [("marker.waived-in-words", 0, 49)]),
    # a quoted label mocked, then broken after "anyway" / « bref »
    ('"Strictly confidential" lol, as if anyone reads that 🙃 anyway the Ardent deal closes on '
     "3 June", "block",
     [("marker.mocked-then-told", 0, 77), ("marker.confidential", 1, 22),
      ("marker.confidential-word", 10, 22), ("financial.deal-word", 73, 77),
      ("marker.figure", 78, 84)]),
    ("« Ne pas diffuser », ouais ouais 😏 bref, le rachat de Nordis est signé", "block",
     [("marker.mocked-then-told", 0, 50), ("marker.confidential", 2, 17),
      ("financial.deal-word", 44, 50), ("marker.figure", 44, 50)]),
    # a request for opinions after a carried label asks about the material, not the label
    ("Attached: the pricing review (marked Strictly Confidential) — two tiers go up 8%. Any "
     "thoughts?", "block",
     [("marker.document-status", 30, 58), ("marker.confidential", 37, 58),
      ("marker.figure", 78, 80)]),
    ("Maquette « CONFIDENTIEL \u2013 projet Hélios » reçue ce matin. Votre avis ? 🎨", "warn",
     [("marker.confidential-word", 11, 23)]),
    # a document that "is 'Restricted' but"
    ("The board memo is 'Restricted' but tl;dr the Leeds office closes in May", "block",
     [("marker.told-anyway", 19, 34), ("marker.figure", 58, 64)]),
    # a password told by how it is built; a safe's spaced digits; an aside between dashes
    ("Wi-Fi password for the studio is our dog's name plus the year, so Biscuit2024. Don't tell "
     "the landlord 🐶", "block", [("secret.password-built", 66, 77)]),
    ("le mdp du NAS c'est le prénom du boss + 1987, donc Gerard1987 😅", "block",
     [("secret.password-built", 51, 61)]),
    ("Le code du coffre-fort a changé : 4 8 2 6 1 9, ne le notez nulle part", "block",
     [("secret.door-code", 34, 45)]),
    ("Kiosk login: user is demo, password — yes really — is Tulip!Stone42. Log out after.",
     "block", [("secret.password", 27, 68)]),
    # an address after « M. » and a name, after a name with a role, a UK house by its name
    ("Le proprio qui ne rend pas la caution : M. Garnier, 14 rue des Acacias, 33000 Bordeaux",
     "warn", [("pii.postal-address", 52, 86), ("pii.postal-address-named", 52, 86)]),
    ("Colis pour Léa, notre stagiaire en alternance : 7 impasse des Lilas, 44000 Nantes 📦",
     "warn", [("pii.postal-address", 48, 81), ("pii.postal-address-named", 48, 81)]),
    ("Our former landlord Mr Pryce lives at Ivy Cottage, Church Lane, Witney OX28 4AB — send the "
     "deposit claim there", "warn", [("pii.postal-address-person", 38, 79)]),
    # "managed out" in quotes; pay as a state, its own rule since this round
    ("Between us, Priya got “managed out” on Friday, the settlement is already signed", "warn",
     [("pii.special-category-situation", 23, 34)]),
    ("Tom from logistics is still on £21k after 5 years 😤", "warn",
     [("pii.special-category-on-pay", 28, 32)]),
    # a customer's own mailbox sent to a brand is still theirs
    ("Hi @ShopSupport my order never came, reach me at dana.w82@gmail.com", "warn",
     [("pii.email", 49, 67)]),
])
def test_round_seventeen_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # a label on merch, deciding what gets labelled, a document marked in a condition
    "Mon collègue a une tasse marquée « CONFIDENTIEL » pour son thé, j'adore",
    "New sticker drop: one says 'Internal Use Only' with a cat 🐱",
    "Our records team decides what gets labelled 'restricted' vs 'internal only'. We're hiring!",
    "If a client sends you a file marked 'Confidential' by mistake, delete it and tell them.",
    "Si un mail est marqué « confidentiel », ne le transférez pas. Simple.",
    "« confidentiel » sur le menu de la cantine 😂 bref, bon appétit",
    # a manager's guide with nobody named; a public figure's pay from a public filing
    "Managers: when someone is on a PIP, meet them weekly and write down clear goals",
    "Per the proxy statement, the CEO's compensation was $9.8M last year. Public info.",
    # one's own mailbox offered for collaborations, or after leaving a job
    "Vous pouvez me joindre à julie.ferrand.illu@gmail.com pour les collabs 🎨",
    "New work email since I left Acme: d.osei@northwind.io, let's keep in touch!",
    # a confession that keeps nothing from anyone; one's own win told as a joke
    "Not supposed to say this but I love Mondays",
    "Not allowed to say who won the quiz until Friday 🤐 but it was me",
    # a recipe for a password given as advice; a role that is no person
    "Never use your pet's name plus a year, so Rex2024 is out.",
    "Our freelancer network meets at 4417 Linden Ave N, Seattle, WA 98103 on Fridays",
])
def test_round_seventeen_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, rule, secret", [
    ("Wi-Fi password for the studio is our dog's name plus the year, so Biscuit2024. Don't tell "
     "the landlord 🐶", "secret.password-built", "Biscuit2024"),
    ("le mdp du NAS c'est le prénom du boss + 1987, donc Gerard1987 😅", "secret.password-built",
     "Gerard1987"),
    ("Le code du coffre-fort a changé : 4 8 2 6 1 9, ne le notez nulle part", "secret.door-code",
     "4 8 2 6 1 9"),
])
def test_a_built_password_and_a_spaced_code_are_redacted(
    guard: Guard, text: str, rule: str, secret: str
) -> None:
    findings = [f for f in guard.check(text).findings if f.rule == rule]
    assert len(findings) == 1 and "*" in findings[0].text
    assert set(findings[0].text) <= {"*", " "}
    assert secret not in outputs(guard, text)


@pytest.mark.parametrize("text, hits", [
    # after measuring pii batch 18: the recipe joined by "followed by" / « suivi de »
    ("Shared drive password: our founder's surname followed by 4471, so Okonkwo4471 (yes, really)",
     [("secret.password-built", 66, 77)]),
    ("Le mot de passe du wifi invités : le nom de la rue suivi du numéro, donc Voltaire12 🙄",
     [("secret.password-built", 73, 83)]),
])
def test_a_password_built_with_followed_by_is_found_and_redacted(
    guard: Guard, text: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == ("block", hits)
    start, end = hits[0][1], hits[0][2]
    assert text[start:end] not in outputs(guard, text)


def test_a_recipe_followed_by_advice_stays_quiet(guard: Guard) -> None:
    # (the exclude words count within twelve words of the value: advice that says "never" a
    # whole sentence earlier is not read as advice, as for "plus")
    text = "Weak password tip: a word followed by the year, so Summer2024, is the first guess"
    assert found(guard, text) == ("allow", [])
