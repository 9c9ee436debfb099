"""Issue 14, round fifteen: a password given as the thing to type ("just type X as admin",
« tapez X en admin »), an unquoted hyphen-joined passphrase well after « phrase secrète », a
document's label quoted then told after "but", a UK address with a Welsh or Gaelic street word,
« mot d'passe », a password after a recipe ("name + number, so X"), a connection string whose
scheme names its driver, what a padlock "opens with", a Spanish IBAN whose national check
digits are wrong, « l'ID fiscal » before a Steuer-ID, antidepressants, pay "cleared" or "still
on ... gross", and "restricted circulation" are found; advice quoting a weak password, a
keyboard shortcut, what a good passphrase looks like, labels talked about or taped on the
fridge, published salary bands, the author's own remission, pay said to be public, a workshop's
own address, a default combination and a lifted embargo on published results stay quiet.
Drafts written for this test (none from a batch), English and French, with emoji, accents and
look-alike letters, exact verdicts and spans. The pack runs without the NLP model and without
the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a password given as the thing to type; accents, and a Cyrillic look-alike B (U+0412)
    ("kiosk at the front desk froze again? just type Qu1ll!Marsh as admin and it's back 👍",
     "block", [("secret.password-typed", 47, 58)]),
    ("Si la caisse bloque, tapez Émeraude_58 en admin, merci Léo 🙏", "block",
     [("secret.password-typed", 27, 38)]),
    ("the old laptop in room 4: just type \u0412lueHeron_42 as root, IT knows", "block",
     [("secret.password-typed", 36, 48)]),
    # an unquoted hyphen-joined passphrase eight words after « phrase secrète »
    ("La phrase secrète du coffre partagé de la compta, version 2026 : "
     "les-hiboux-lisent-tard-la-nuit-7", "block", [("secret.passphrase-prose", 65, 97)]),
    # « mot d'passe »; a recipe, then its value after "so"
    ("mot d'passe du Wi-Fi de l'atelier : Céleri#Bleu_22 (demandez pas pourquoi)", "block",
     [("secret.password", 0, 50)]),
    ("wifi pw for the studio is the street name + door number, so Harrow221! if you're "
     "wondering", "block", [("secret.password", 5, 70)]),
    # a connection string whose scheme names its driver
    ("DATABASE_URL=mysql+pymysql://reports:Tz9!kQw2Lm@db-01.internal.example:3306/sales, ça rame",
     "block", [("secret.connection-string", 13, 70)]),
    # what a padlock opens with, digits spaced by dashes
    ("Le cadenas du local vélo s'ouvre avec 4-8-1-7, Karim a perdu la clé 😅", "block",
     [("secret.combination", 38, 45)]),
    ("the padlock on the storage cage opens with 29-03-17, don't tell facilities", "block",
     [("secret.combination", 43, 51)]),
    # a document's label quoted, then what it covers told after "but"
    ("The cover page of the board memo reads 'confidential \u2013 do not forward' but 🙃 we're "
     "shutting the Derby plant in May", "block",
     # (round sixteen: marker.told-anyway reads "the memo reads 'confidential ...' but" too)
     [("marker.quoted-then-told", 4, 74), ("marker.confidential-word", 40, 52),
      ("marker.told-anyway", 40, 74), ("marker.do-not-share", 55, 69)]),
    ("Le compte rendu du CSE porte la mention « diffusion restreinte » mais bon, 80 départs "
     "prévus à Rouen", "block",
     [("marker.quoted-then-told", 3, 69), ("marker.confidential", 42, 62)]),
    # "restricted circulation" is a label
    ("Q3 forecast deck, restricted circulation: headcount -12%, cloud +30%", "block",
     [("financial.deal-word", 3, 11), ("marker.confidential", 18, 40), ("marker.figure", 53, 56),
      ("marker.figure", 65, 68)]),
    # a UK address with a Welsh or Gaelic street word first
    ("Get-well card for Gwen, please post to 12 Heol y Parc, Pontypridd CF37 4AB 💐", "warn",
     [("pii.postal-address", 39, 74)]),
    ("Parcel for Màiri goes to 3 Rathad na Mara, Portree IV51 9EH, she's expecting it", "warn",
     [("pii.postal-address", 25, 59)]),
    # a Spanish IBAN whose national check digits are wrong (mod-97 holds); « l'ID fiscal »
    ("Virement pour Lucía à Valence : ES4121000418990200051332, elle attend depuis lundi",
     "block", [("pii.iban", 32, 56)]),
    ("Le cabinet veut l'ID fiscal de Jonas, c'est le 39613372405, je le note ici", "block",
     [("pii.de-tax-id", 47, 58)]),
    # antidepressants; pay "cleared" or "still on ... gross"
    ("Overheard at the pharmacy: Mr Dawson's daughter is on antidepressants now, poor thing",
     "warn", [("pii.special-category", 36, 69), ("pii.special-category-term", 54, 69)]),
    ("Our ops manager Kelly cleared £92k with bonus last year, saw it on the shared drive 👀",
     "warn", [("pii.special-category-pay", 22, 34)]),
    ("Théo has been here 4 years and is still on €1,900 gross a month. Make it make sense",
     "warn", [("pii.special-category-pay", 31, 55)]),
])
def test_round_fifteen_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # advice quoting a weak password; a keyboard shortcut; what a good passphrase looks like
    "people still type Summer2024! as their password, every single audit 🙄",
    "Ne tapez jamais azerty123 en admin, c'est le premier mot de passe testé",
    "type Ctrl+Alt+Del to unlock the screen, then your own password",
    "Une bonne phrase de passe ressemble à ça : quatre-mots-au-hasard, pas plus",
    "the password policy changed, so MixedCase1 style passwords are banned",
    "SQLALCHEMY_DATABASE_URI = 'postgresql+psycopg2://user:password@localhost/dbname'",
    "this safe opens with 1-2-3-4 by default, change it before you use it",
    # labels talked about, advised about, or taped on the office fridge
    "every report says 'confidential' but nobody reads it",
    "Never paste a document marked 'internal only' into a chatbot, please 🙏",
    "« Usage interne uniquement » scotché sur le frigo du 3e parce que les yaourts "
    "disparaissaient",
    "Circulation restreinte dans le centre-ville ce week-end pour le marathon",
    # published salary bands; pay said to be public; the author's own remission
    "Chez nous les fourchettes de salaire sont affichées sur chaque offre : 45-52 k€, "
    "télétravail 2j",
    "We publish the salary range on every job posting now: €48-55k for this one",
    "Le salaire du Premier ministre est public : environ 16 000 € brut par mois",
    "Three years cancer-free today 🎗️ thank you, everyone",
    "Antidepressants saved my life, not ashamed to say it anymore",
    # a street named without an address; a workshop's own address after « de l'atelier »
    "Heol y Coed is a lovely street in Cardiff, 101 houses on it",
    "Nouvelle adresse de l'atelier : 8 quai de la Fosse, 44000 Nantes, entrée par la cour",
])
def test_round_fifteen_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_a_lifted_embargo_on_published_results_is_no_deal_figure(guard: Guard) -> None:
    # "year on year" is "year-over-year": the partner word alone is info, the amount is quiet
    text = "The embargo on our Q3 results has lifted: revenue up 9% year on year 📈"
    assert found(guard, text) == ("allow", [("financial.deal-word", 42, 49)])


@pytest.mark.parametrize("text, secret", [
    ("Si la caisse bloque, tapez Émeraude_58 en admin, merci Léo 🙏", "Émeraude_58"),
    ("La phrase secrète du coffre de la compta : les-hiboux-lisent-tard-la-nuit-7",
     "les-hiboux-lisent-tard-la-nuit-7"),
    ("Le cadenas du local vélo s'ouvre avec 4-8-1-7, Karim a perdu la clé 😅", "4-8-1-7"),
    ("DATABASE_URL=mysql+pymysql://reports:Tz9!kQw2Lm@db-01.internal.example:3306/sales",
     "Tz9!kQw2Lm"),
])
def test_the_new_secret_forms_are_redacted(guard: Guard, text: str, secret: str) -> None:
    findings = guard.check(text).findings
    assert findings and all(f.category == "secret" for f in findings)
    assert all(set(f.text) <= {"*", " ", "-"} for f in findings)
    assert secret not in outputs(guard, text)
