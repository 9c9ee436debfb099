"""Issue 14, round twenty, personal data: a colleague's pay by the hour or the day with no
currency sign, an address after a person told by what they did and a question mark or a colon,
initials after a title, « M. » with a first name and a surname, "retired to", a record that
"has her at" an address, samples that go to a person, a mobile whose prefix is said in words,
a Steuer-ID called "personal tax number" or « Steuernummer », a passport keyword far before its
value, a Maestro card (IIN 59) and a scammer's own mailbox are found. A public figure's
announcement, a phishing sender whose verdict comes a sentence later, a tutorial's « adresse
type », the published example IBAN, one's own new personal number and an HR template stay
quiet. Drafts written for this test (none from a batch), English and French, with emoji,
accents and a Cyrillic look-alike letter, exact verdicts and spans. The pack runs without the
NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found


@pytest.mark.parametrize("text, verdict, hits", [
    # pay by the hour or the day, no currency needed
    ("Our night porter Kwame earns 12.40 an hour after 9 years 🙃 and the board just got bonuses",
     "warn", [("pii.special-category-pay", 23, 42)]),
    ("Ma collègue Zoé ? Elle est payée 11,88 brut de l'heure depuis 4 ans. Voilà voilà", "warn",
     [("pii.special-category-pay", 27, 54)]),
    ("Jake on the dock gets £9.50/hr, same as the new kids", "warn",
     [("pii.special-category-pay", 17, 30)]),
    # an address after a person told by what they did, then "?" or ":"
    ("That guy who returned 6 broken kettles? 417 Birch Hollow Dr, Frisco, TX 75034 😤 drivers, "
     "you know the way", "warn", [("pii.postal-address-named", 40, 77)]),
    ("La cliente qui a insulté notre caissière : 7 impasse des Roses, 31400 Toulouse. Affichez-la",
     "warn", [("pii.postal-address-named", 43, 78)]),
    # initials after a title; « M. » with a first name and a surname
    ("The customer who yelled at our café staff: Mr B. Okafor, 19 Hollins Lane, Stockport SK6 4BD. "
     "Enough.", "warn", [("pii.postal-address-person", 57, 91)]),
    ("Facture à envoyer à M. Cédric Lefèvre, 22 rue de la Gare, 59000 Lille. Petites créances, on "
     "arrive", "warn", [("pii.postal-address-named", 39, 69)]),
    # "retired to", a police report that "has her at"
    ("Our old CTO retired to 45 Ocean Drive, Naples FL 34102 — send him a card for his 70th 🎂",
     "warn", [("pii.postal-address-person", 23, 54)]),
    ("The dashcam footage is clear 📹 the police report has her at 2801 Sunset Blvd, Apt 9, Los "
     "Angeles, CA 90026", "warn", [("pii.postal-address-person", 60, 106)]),
    # a Cyrillic look-alike e (U+0435) in "her": since the pattern rules read the draft's Latin
    # reading (guard/detect/latin.py) it is "her", and the address is the person's, as above
    ("The dashcam footage is clear 📹 the police report has h\u0435r at 2801 Sunset Blvd, Apt 9, "
     "Los Angeles, CA 90026", "warn", [("pii.postal-address-person", 60, 106)]),
    # samples that go to a person are goods, not a sample value
    ("The blogger's aunt (she asked for the samples to go to her) is at 41 avenue Jean Jaurès, "
     "69007 Lyon. Shipping today!", "warn", [("pii.postal-address", 66, 99)]),
    ("La maman de l'influenceuse veut que les échantillons partent chez elle : 8 rue des Lilas, "
     "69003 Lyon 📦", "warn",
     [("pii.postal-address", 73, 100), ("pii.postal-address-person", 73, 100)]),
    # a mobile whose prefix is said in words
    ("Léa est en congé mais on peut la joindre au zéro six 84 22 17 53 pour les urgences clients",
     "warn", [("pii.phone-spelt", 44, 64)]),
    ("Text Dave on oh seven nine one one 483 026 if the van breaks down", "warn",
     [("pii.phone-spelt", 13, 42)]),
    # a Steuer-ID under another name
    ("Marta (our one-woman supplier in Köln) sent her personal tax number: 47605419831. Adding it "
     "to the vendor file", "block", [("pii.de-tax-id", 69, 80)]),
    ("Für die Buchhaltung: Steuernummer von Herrn Weber 47605419831", "block",
     [("pii.de-tax-id", 50, 61)]),
    # a passport keyword 75 characters before its value
    ("Le numéro de passeport de notre nouvelle recrue chilienne, Camila Soto, pour la préfecture : "
     "FF136183. Qui gère ?", "block", [("pii.passport", 93, 101)]),
    # a Maestro card (IIN 59) left at the till
    ("Le client a oublié sa CB à la caisse, son numéro est écrit en gros : 5959 3661 0406 2844, "
     "exp 10/27", "block", [("pii.card", 69, 88)]),
    # a scammer's own mailbox: "fake followers" says what they faked, not that the value is
    ("the influencer who tried to scam us with fake followers: lexi.glowup.collabs@gmail.com. "
     "agencies, you're welcome", "warn", [("pii.email", 57, 86)]),
])
def test_round_twenty_personal_data_is_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # a public figure's own announcement
    "The senator announced his Parkinson's diagnosis at a press conference today; a moving "
    "speech 🙏",
    "La sénatrice a annoncé en conférence de presse qu'elle avait été hospitalisée en mars",
    # a phishing sender, the verdict a sentence later
    "Reçu un mail de « securite-impots@gouv-remboursement.info » qui me promet 312 €. Spoiler : "
    "c'est du phishing",
    "Received an email from \"payroll-update@hr-portal-secure.co\" asking for my login. It's "
    "phishing, delete it",
    # a tutorial's sample address, the published example IBAN
    "Tuto Excel : pour extraire le domaine d'une adresse type jean.dupont@example.com, utilisez "
    "=DROITE()",
    "Explainer: an IBAN like GB82 WEST 1234 5698 7654 32 is just a country code, two check "
    "digits and an account 🏦",
    # one's own new personal number
    "Nouveau numéro perso, l'ancien est mort dans le lac 🙃 Les amis : 06 12 48 93 70",
    # an HR template, nobody's case
    "Template for a kind return-to-work meeting after sick leave, from our HR team 👇",
    "Modèle de courrier pour un retour après arrêt maladie, partagé par notre RH",
    # one's own hourly pay, a job ad's, a machine's rate
    "I earn 14.20 an hour and I'm fine with it, stop asking",
    "The job ad says it pays 13.50 an hour, weekends included",
    "Je gagne 11,65 de l'heure et franchement ça va",
    "The new press makes 40 a minute, Dave says 2400 an hour",
    # anyone who wants a refund: a returns desk; a score said in words
    "Any customer who wants a refund: 39 Albion Road, Leeds LS6 1BH is our returns desk, open 9-5",
    "Score final : zéro six pour nous, quelle raclée",
])
def test_round_twenty_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, hits", [
    # someone else's new personal number stays theirs
    ("Nana's new personal number: 07756 430917, the old one's dead", [("pii.phone", 28, 40)]),
    # a mail from a named person: the scam told next is no phishing sender's
    ("Reçu un mail de Julie (julie.marchand@orange.fr) hier soir. Elle a été victime d'une arnaque",
     [("pii.email", 23, 47)]),
])
def test_someone_elses_detail_is_still_reported(
    guard: Guard, text: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == ("warn", hits)
