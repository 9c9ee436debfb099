"""Issue 14, round twenty-three, personal data, worked by class rather than by phrase: whose data
it is and whether a value is given or talked about. Found: pay read off a pay document ("Night
nurse Brenda: $58.20/hr", « Inès, caissière, 11,95 €/h »), an address told by where it was read
("return address on the envelope", « l'adresse au dos de l'enveloppe »), a Welsh street with no
street word after a person, a French street and postcode with no town, a passport number with
other digits before it, a German provider spelt out ("at web dot de"), the mailbox of a person
told by the complaint they made, conditions the lists lacked (sleep apnoea, asthma, a
lumpectomy), a review's rating ("does not meet", « ne répond pas aux attentes »). Quiet: one's
own contact when leaving a job or one's own line "now", a condition read about, a public
figure's own news, a business's after-sales mailbox. Near-misses are still found: someone
else's mailbox when they leave, a colleague's burnout after reading up on it, a public figure's
driver in hospital, a plant manager named before his mailbox. Drafts written for this test
(none from a batch), English and French, with emoji, accents and Cyrillic look-alike letters,
exact verdicts and spans. The pack runs without the NLP model and without the `event.*` rules,
as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found

PERSON = "pii.postal-address-person"
TERM = "pii.special-category-term"
SITUATION = "pii.special-category-situation"
PAY_LIST = "pii.special-category-pay-list"


@pytest.mark.parametrize("text, verdict, hits", [
    # pay read off a pay document, one name and its figure with a unit
    ("Payroll file left on the shared screen 😬 Night nurse Brenda: $58.20/hr, agency: $90/hr",
     "warn", [(PAY_LIST, 61, 70)]),
    ("Feuille de paie oubliée à l'accueil : Inès, caissière, 11,95 €/h", "warn",
     [(PAY_LIST, 55, 64)]),
    # an address told by where it was read; a Welsh street with no street word; a French
    # street and postcode with no town
    ("Juror's letter came to the office, return address on the envelope: 402 Birch Ln, Trenton "
     "NJ 08608", "warn", [(PERSON, 67, 97)]),
    ("L'adresse au dos de l'enveloppe du plaignant : 9 allée des Pins, 33600 Pessac 📮", "warn",
     [(PERSON, 47, 77)]),
    ("Card for the gentleman who found our dog: Mr R. Jenkins, 5 Cwrt y Glyn, Bridgend CF31 4AB "
     "🐶", "warn", [(PERSON, 57, 89)]),
    ("Our Lyon customer is at 14 rue Mercière, 69002, 3rd floor, bring the ladder", "warn",
     [("pii.postal-address", 24, 46)]),
    # a passport number with a room's or a gate's digits before it: capitals and digits mixed
    ("Un passager a laissé son passeport en salle 4 (C7KJ2M9X1), il repasse ce soir", "block",
     [("pii.passport", 47, 56)]),
    ("Passport found at gate 9 this morning: 22KD80417, owner paged twice", "block",
     [("pii.passport", 39, 48)]),
    # a German provider spelt out
    ("the buyer's private email is jens.albrecht at web dot de, write to him", "warn",
     [("pii.email-obfuscated", 29, 56)]),
    # a person told by the complaint they made: the after-sales words do not make it a brand's
    ("le père de l'élève qui a fait la réclamation : r.benali.perso@free.fr, répondez-lui svp 🙏",
     "warn", [("pii.email", 47, 69)]),
    ("The customer who made the complaint is k.lind@hotmail.com, customer service should call "
     "her", "warn", [("pii.email", 39, 57)]),
    # conditions and procedures the lists lacked, a Cyrillic a (U+0430) in the name
    ("Our forklift driver Omar has sleep apnoea, go easy on him 😴", "warn", [(TERM, 29, 41)]),
    ("Heads up: Om\u0430r has sleep apnea 😴", "warn", [(TERM, 19, 30)]),
    ("Notre caissière Élodie a de l'asthme, pas de parfum près d'elle", "warn",
     [("pii.special-category-scored", 30, 36)]),
    ("Greg is having a lumpectomy on Tuesday, don't tell anyone", "warn", [(TERM, 17, 27)]),
    # a review's rating in other words
    ('Heard Kenji\'s annual review came back "does not meet" lol', "warn", [(SITUATION, 39, 52)]),
    ("Mélanie a eu « ne répond pas aux attentes » à son évaluation, elle est dégoûtée", "warn",
     [(SITUATION, 15, 41)]),
    # near-misses: someone else's mailbox when they leave, a named person after "keep in touch"
    ("Tom is leaving Friday, to stay in touch his personal email is tom.r.home@gmail.com", "warn",
     [("pii.email", 62, 82)]),
    ("Julie quitte la boîte vendredi. Son adresse perso : julie.perso@gmail.com", "warn",
     [("pii.email", 52, 73)]),
    ("I'm leaving on Friday. Keep in touch with our new lead: dana.w@gmail.com", "warn",
     [("pii.email", 56, 72)]),
    # near-misses: a colleague's burnout after reading up on it, a reason given
    ("Reading up on burnout because Priya on my team is burnt out 😟", "warn", [(TERM, 14, 21)]),
    ("Je me renseigne sur la dépression parce que mon collègue Marc est en dépression depuis un "
     "mois", "warn", [("pii.special-category", 62, 79)]),
    # near-misses: a public figure's driver, a plant manager named before his mailbox
    ("Le chauffeur du maire, Paul, est hospitalisé depuis lundi, ne le dites pas", "warn",
     [(SITUATION, 33, 44)]),
    ("Questions about the recall? Write to our plant manager Dieter at dieter.haupt@gmail.com",
     "warn", [("pii.email", 65, 87)]),
])
def test_round_twenty_three_personal_data_is_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # one's own contact when leaving a job, one's own line "now"
    "Leaving Acme on Friday 😢 To stay in touch, my personal email is jo.martin.home@gmail.com",
    "Je quitte l'entreprise fin du mois. Pour garder le contact, mon mail perso : "
    "lucie.b.perso@gmail.com",
    "My last day is tomorrow! Keep in touch: sam.okoro.personal@outlook.com",
    "My desk line is now 020 7946 0321, the old extension is gone ☎️",
    "Mon numéro direct est désormais le 01 84 88 12 34, l'ancien poste ne marche plus",
    "L\u0435aving Acme on Friday. Keep in touch: jo.martin.home@gmail.com",
    # a condition read about, nobody's
    "Reading up on burnout symptoms after a webinar today 📚 Worth knowing for any manager",
    "Lu un article passionnant sur la dépression chez les soignants, à partager",
    # a public figure's own news
    "The former minister revealed his Parkinson's diagnosis on TV last night. Brave of him",
    "L'ancien ministre a annoncé sa maladie de Parkinson à la télé hier soir, respect",
    # a business's after-sales mailbox
    "Questions about the recall? Write to recalls@kettleworks.com and our team answers within 48h",
    "Pour un retour ou un échange : retours@maison-lemoine.fr, réponse sous 24 h",
    # no passport number, no mailbox, no person's pay, no rating, no one's address
    "passport control at gate 7 took 45 min, flight BA2491 delayed",
    "we met at web summit dot com booth 12, great chat",
    "Our spreadsheet template: Monday $15/hr, Tuesday $18/hr",
    "This bike does not meet EU requirements, don't buy it",
    "Our office's return address is on the envelope: 61 Mapleton Rd, Princeton NJ 08540",
])
def test_round_twenty_three_nobodys_or_the_authors_own_stays_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])
