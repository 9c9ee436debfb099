"""Issue 14, round twelve: whose detail it is and who is speaking. An organisation's own line
given to the public without "our" ("Call ahead for cakes:", a duty pharmacy « de garde », "reach
us on"), a landmark's address as a joke, an embargo's logistics told to journalists, a policy or
the law explained and a label put on every mail stay quiet; a label waived before what it covers
("NDA ou pas", "Not for external distribution, but") or opening the post ("Execs-only /
confidential:", "Internal only, but whatever"), a password
after "it's" in a story or « c'est bien », a resident's address after "vit au" / "lives at", a
relative's mobile next to a "tracking app", a person's own mailbox in a complaint and a personal
mobile given for emergencies are found. Drafts written for this test (none from a batch),
English and French, with emoji and accents, exact verdicts and spans. The pack runs without the
NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found

SCORED = "pii.special-category-scored"


@pytest.mark.parametrize("text, verdict, hits", [
    # a password after "it's" / « c'est bien », across the sentence that names it
    ('so the ops lead read the backup password out loud in standup. it\'s "Gannet!Ridge42" if '
     'you were wondering 🙃', "block", [("secret.password", 32, 82)]),
    ("Franchement mon mot de passe c'est bien Noisette#Givre88, pourquoi l'intranet le refuse ?",
     "block", [("secret.password", 16, 57)]),
    # a resident's address: "vit au" outweighs the shop words around it
    ("Ma tante a ouvert sa boutique à Québec mais elle vit au 88 Maple Ave, Portland, ME 04101, "
     "envoyez-lui un mot", "warn", [("pii.postal-address-person", 56, 88)]),
    # a relative's mobile: a "tracking app" is no parcel's tracking number
    ("Found a wallet on the 42 bus, the owner's dad says just ring his son on 07700 913462, he "
     "has the app to track it", "warn", [("pii.phone", 72, 84)]),
    # a person's own mailbox named in a complaint, a personal mobile given for emergencies
    ("Got ghosted by a buyer after he took the bike, his email is darren.k.pryce@outlook.com — "
     "avoid him", "warn", [("pii.email", 60, 86)]),
    ("Notre comptable Éric est absent, pour les urgences appelez son portable perso : "
     "06 21 43 65 87", "warn", [("pii.phone", 80, 94)]),
    # a label waived before what it covers; with a figure or a decision it blocks
    ("Execs-only / confidential: the Lyon plant closes in March, 120 jobs", "block",
     [("marker.opening-label", 0, 26), ("marker.confidential-word", 13, 25),
      ("marker.figure", 42, 48), ("marker.figure", 59, 67)]),
    ("NDA-covered stuff but honestly we're so proud: the new battery lasts 3 days 🔋", "warn",
     [("marker.told-anyway", 0, 21)]),
    ("Confidentialité ou pas, je vous le dis : le client mystère c'est la SNCF.", "warn",
     [("marker.told-anyway", 0, 22)]),
    # (round eighteen: a new policy is what the label covers, no longer its topic, so
    # marker.scheme's label is read too and the draft blocks)
    ("Not for public circulation, but the new maternity policy is 30 weeks at full pay 👶",
     "block", [("marker.scheme", 0, 26), ("marker.told-anyway", 0, 31)]),
    ("Usage interne mais bon 🎉 : la mutuelle passe à 100 % pour les enfants", "block",
     [("marker.confidential", 0, 13), ("marker.opening-label", 0, 18), ("marker.figure", 47, 52)]),
    # a long-term condition the vocabulary now holds
    ("Can someone cover Priyanka's shifts? She has fibromyalgia and this week is bad", "warn",
     [(SCORED, 45, 57)]),
])
def test_round_twelve_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # an organisation's own line given to the public, without "our"
    "Fresh croissants every morning from 7! Call ahead for birthday cakes: 0161 496 0732 🎂",
    "Pharmacie Saint-Jean de garde ce dimanche ! 04 72 41 15 60, 3 rue Mercière",
    "Opening hours changed: reach us on 0345 600 1234 from 9am, or DM us anytime",
    # a landmark's address as a joke
    "11 Downing Street, London SW1A 2AA: the Chancellor's cat has more followers than I do",
    "221B Baker Street, London NW1 6XE gets more letters than my flat 📬",
    # an embargo's logistics told to the press, a policy and the law explained
    "Rédactions : l'étude sera publique mardi 6h, les exemplaires sous embargo partent lundi aux "
    "journalistes inscrits",
    "Our disciplinary policy has been rewritten in plain English: read it on the intranet before "
    "Friday's Q&A",
    "Bon à savoir : l'entretien préalable au licenciement a lieu au moins 5 jours ouvrables après "
    "la convocation",
    # labels talked about, placeholders, a scam number
    "Vous mettez « Confidentiel » sur tous vos mails ? Chez nous on a arrêté, plus personne ne le "
    "lisait",
    "Docs in a README? Use placeholders: Server=myServer;Database=myDB;User Id=myUser;"
    "Password=myPassword;",
    "Confidential but not secret: the difference explained in our handling guide",
    "Managers only parking from Monday, sorry everyone 🚗",
    "Scam alert: texts from 07700 900123 claiming to be your bank are fake, never reply",
])
def test_round_twelve_hard_negatives_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_a_secret_found_across_the_sentence_is_still_redacted(guard: Guard) -> None:
    report = guard.check('so the ops lead read the backup password out loud in standup. it\'s '
                         '"Gannet!Ridge42" if you were wondering')
    [finding] = report.findings
    assert "Gannet" not in finding.text and set(finding.text) <= {"*", " "}
