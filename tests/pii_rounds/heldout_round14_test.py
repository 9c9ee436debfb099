"""Issue 14, round fourteen: e-mail addresses spelt with "dot" and "at" on both sides, a
`user:password` pair in prose, an access or wifi code whose colon comes a clause later, a
hyphen-joined passphrase, a password after "name + year, now it's", a label at the head of a
reported document title, an NDA someone was "made to sign" and waived, a named customer's e-mail
beside after-sales words, a client's home address for "samples sent", a new recruit's address,
"her social" in a story about scam calls and the French wording of a German tax id are found; a
how-to with `admin:password`, image tags, a novel titled "Eyes Only", a branch's own number, a
business's own address, advice that "if everything is confidential nothing is", a lawyer's
question about "un NDA signé", a sentence in quotes after "password" and a guide to a dismissal
interview stay quiet. Drafts written for this test (none from a batch), English and French, with
emoji, accents and look-alike letters, exact verdicts and spans. The pack runs without the NLP
model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # e-mail addresses spelt with "dot" and "at", accents in the name
    ("New flatmate wanted 🏠 — ask my cousin, she's at zoë dot hartley at gmail dot co dot uk",
     "warn", [("pii.email-obfuscated", 48, 86)]),
    ("Écrivez à notre ex-stagiaire : léa point morin arobase laposte point fr, elle cherche un "
     "CDD", "warn", [("pii.email-obfuscated", 31, 71)]),
    # a user name and its password joined by a colon, accents and a Cyrillic look-alike K (U+041A)
    ("the build server still answers to root:Mørtel-Gåte-58 😬 please rotate", "block",
     [("secret.credential-prose", 39, 53)]),
    ("our old NAS still runs on admin:\u041aestrel-0rbit-77, someone fix it", "block",
     [("secret.credential-prose", 32, 48)]),
    ("Compte de démo pour le salon : identifiant demo.salon:Kx4!pRz7Lq, merci de ne pas le "
     "partager", "block", [("secret.credential-prose", 54, 64)]),
    # an access or wifi code whose colon comes a clause later
    ("Je vous donne le code d'accès de la baie de stockage puisque Inès l'a oublié : Tq7#wLp2Zs",
     "block", [("secret.credential-prose", 79, 89)]),
    ("code du wifi de la médiathèque pour l'atelier de samedi : Mediatheque_4Lu!", "block",
     [("secret.credential-prose", 58, 74)]),
    # a hyphen-joined passphrase in French quotes; a "+" among the words before the value
    ("la phrase de passe du coffre de la compta c'est « cornichon-violet-dans-la-neige » 🥒",
     "block", [("secret.passphrase", 48, 82)]),
    ("My Hulu password used to be my street + house number, now it's Granite_Owl_7741 ✌️",
     "block", [("secret.password", 8, 79)]),
    # whose address and whose e-mail
    # (round nineteen: "her flat" names the person at the address, so the person rule reports
    # it alone, one finding, as for "her address")
    ("Our client Mrs Abernathy wants the fabric samples sent to her flat: 27 Kingsley Road, "
     "Leeds LS6 2AH", "warn",
     [("pii.postal-address-person", 68, 99)]),
    ("Welcome kit for our new hire Noé goes to 41 avenue Jean-Jaurès, 69007 Lyon 🎁", "warn",
     [("pii.postal-address", 41, 74)]),
    ("La cliente Mme Faure nous relance chaque jour depuis c.faure@free.fr, qui lui répond ? "
     "#SAV 🙏", "warn", [("pii.email", 53, 68)]),
    # national identifiers: inside a story about scam calls, the French wording of a Steuer-ID
    ("Scam calls ever since someone shared her social 219-45-8812 on the parish page 😡 what "
     "now?", "block", [("pii.ssn", 48, 59)]),
    ("Pour l'impôt de Jonas à Hambourg, son numéro d'identification fiscale allemand : "
     "39613372405", "block", [("pii.de-tax-id", 81, 92)]),
    # a label at the head of a reported title; an NDA someone was made to sign, then waived
    ("Our board pack is literally titled 'EYES ONLY — Project Heron' and yes, we're selling "
     "the plant 🏭", "warn", [("marker.reported-title", 10, 47)]),
    ("Le compte rendu avait pour objet « Confidentiel : fermeture du site de Rennes », on est "
     "200 en copie", "block",
     [("marker.reported-title", 3, 49), ("marker.confidential-word", 35, 47),
      ("marker.figure", 50, 59)]),
    ("They made me sign an NDA but whatever, the mystery guest on the show is Zidane ⚽",
     "block", [("marker.signed-but", 5, 28)]),
])
def test_round_fourteen_leaks_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # placeholders and image tags beside `user:password`
    "curl -u admin:password https://api.example.com/v1/status to check your install works",
    "docker pull ubuntu:22.04 && docker pull postgres:16-alpine",
    "set AUTH=admin:$ADMIN_PASSWORD in the CI settings, never the literal",
    # a book's title, not a document's
    "Just finished a spy novel titled 'Eyes Only: Berlin', five stars ⭐",
    "Le roman s'intitule « Confidentiel : une enquête » et il est génial",
    # a business's own number and address
    "Our Bristol branch number is 0117 496 0321, open late on Thursdays 🏦",
    "Visitez notre nouvelle boutique au 3 rue Mercière, 69002 Lyon !",
    # advice and questions about labels
    "Conseil RH : si tout est « confidentiel », plus rien ne l'est 🤷",
    "Question pour les juristes : un NDA signé par e-mail a-t-il la même valeur qu'un NDA "
    "papier ?",
    # a sentence in quotes after "password", an instruction after « code du wifi »
    "me, changing my password for the 5th time: 'this time I'll write it down'. narrator: no",
    "code du wifi de la salle des fêtes : demandez-le à l'accueil",
    # a guide to a dismissal interview
    "Comment se passe un entretien préalable à licenciement ? Petit guide pour les salariés 👇",
    # a brand's own after-sales mailbox; a documented sample address; a place name with "dot"
    "Questions about your order? Our Customer Service team answers at orders.help@teashop.co.uk",
    "In the docs they use jane.doe@example.com as the sample address, so I did too",
    "meet me at home dot com was a terrible domain idea",
])
def test_round_fourteen_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, secret", [
    ("the build server still answers to root:Mørtel-Gåte-58 😬 please rotate", "Mørtel-Gåte-58"),
    ("Je vous donne le code d'accès de la baie puisque Inès l'a oublié : Tq7#wLp2Zs",
     "Tq7#wLp2Zs"),
    ("la phrase de passe du coffre c'est « cornichon-violet-dans-la-neige » 🥒",
     "cornichon-violet-dans-la-neige"),
])
def test_the_new_password_forms_are_redacted(guard: Guard, text: str, secret: str) -> None:
    findings = guard.check(text).findings
    assert findings and all(f.category == "secret" for f in findings)
    assert all(set(f.text) <= {"*", " ", "«", "»"} for f in findings)
    assert secret not in outputs(guard, text)
