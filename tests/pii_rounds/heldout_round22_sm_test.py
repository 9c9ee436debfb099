"""Issue 14, round twenty-two, secrets and markers: a document's title that closes on its label
after a dash (« Le fichier s'appelle « Budget 2027, usage interne » et ... »), NDA stamped on a
deck (« estampillé NDA », "tagged NDA"), an embargo that lifts on a month and a day, a VPN login as
`user / password`, a wifi password after an arrow (« ➜ », "➡️"). One's own old habit of
labelling every mail, a template's placeholder ("[Company]" before a label), a riddle about the
most-read document, bad passwords quoted from an audit, an embargoed release that went out and a
VPN client's name stay quiet. Drafts written for this test (none from a batch), English and
French, with emoji, accents and a Cyrillic look-alike letter, exact verdicts and spans. The pack
runs without the NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a title that closes on its label, then what the document says
    ("Le fichier s'appelle « Budget 2027 \u2013 usage interne » et il coupe 20 % des frais de "
     "déplacement 😬", "warn",
     [("marker.reported-title", 3, 52), ("financial.deal-word", 23, 29)]),
    # a Cyrillic look-alike o (U+043E) in the title's own words
    ("The memo is titled \"R\u043eadmap H2 - Confidential\" and we're dropping the Android app 🙃",
     "warn", [("marker.reported-title", 4, 46)]),
    # a label in brackets closing the title is marker.label's: one label, one finding
    ("My boss forwarded a deck named 'Pricing FY27 (restricted)' and the enterprise tier doubles",
     "warn", [("marker.label", 45, 57)]),
    # NDA stamped, marked or tagged on a document
    ("Page 3 du contrat, estampillée NDA : la remise passe à 18 %", "block",
     [("financial.deal-word", 10, 17), ("marker.classification", 19, 34),
      ("marker.figure", 55, 59)]),
    ("the vendor roadmap, stamped NDA, says the tablet ships in June 📦", "warn",
     [("marker.classification", 20, 31)]),
    # in brackets it is marker.aside's alone
    ("Slide 7 of the partner deck (tagged NDA): the new tier starts at €39", "block",
     [("marker.aside", 28, 40), ("marker.figure", 65, 68)]),
    # « série B » is a funding round, not a TV series
    ("Deck investisseurs, marqué NDA : on lève 12 M€ en série B 🚀", "block",
     [("marker.classification", 20, 30), ("marker.figure", 41, 46)]),
    # an embargo that lifts on a month and a day
    ("Résumé de l'étude (embargo lifts Jan 14) : le churn baisse de 12 % 📉", "block",
     [("marker.classification", 19, 38), ("marker.figure", 62, 66)]),
    # a VPN login, user slash password
    ("Le VPN de l'agence c'est toujours pmartin / Écureuil&4417 pour les stagiaires", "block",
     [("secret.credential-prose", 44, 57)]),
    ("VPN: jdoe / Qu0kka&Tide! (don't tell IT)", "block", [("secret.credential-prose", 12, 24)]),
    # an arrow as the colon
    ("le mdp du wifi de la boutique a changé ➜ Glycine%2291Q 🌸", "block",
     [("secret.password", 3, 54)]),
    ("guest wifi pw ➡️ Harbor!Quay77", "block", [("secret.password", 11, 30)]),
])
def test_round_twenty_two_secrets_and_markers_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # one's own old habit of labelling everything
    "I used to stamp 'Confidential' on every email. Now I think first 🙂",
    "Avant, je mettais « usage interne » sur tous mes PowerPoint. Plus maintenant.",
    # a template's placeholder
    "Template for your cover page: \"[Company] \u2013 Confidential \u2013 Do not distribute\". "
    "Customize it.",
    "Modèle de pied de page : « [Société] \u2013 Ne pas diffuser ». À adapter.",
    # a riddle's answer
    "Devinette : quel mail fait le tour de la boîte en 5 minutes ? Celui marqué « confidentiel » "
    "😅",
    "Riddle: what's the most-read doc in any office? The one stamped \"internal only\".",
    # bad passwords quoted as examples
    "Bad password examples from our audit: \"Spring2025!\", \"Qwerty1\". Don't be that team.",
    "Les pires mots de passe vus pendant l'audit : « Soleil2025! », « Azerty123 ».",
    # an embargoed release that went out
    "Our embargoed release went out at 9:00 as planned. Thanks for keeping it quiet! 🙏",
    "Notre communiqué sous embargo a été publié ce matin, merci à toute l'équipe !",
    # a VPN client's name, a film's title, a file name, a rule about any document
    "le VPN c'est OpenVPN / WireGuard selon le site",
    "Le film s'appelle « Dossier \u2013 Confidentiel » et il passe ce soir sur Arte",
    "Any document marked NDA goes in the locked drawer, no exceptions",
    # an arrow with no value
    "wifi password changed ➜ ask at the desk",
])
def test_round_twenty_two_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_a_file_name_is_no_title_with_a_label(guard: Guard) -> None:
    # "budget" is the financial pack's info word, no marker
    text = "a spreadsheet named \"budget-confidential-v2.xlsx\" is the worst file name ever"
    assert found(guard, text) == ("allow", [("financial.deal-word", 21, 27)])


@pytest.mark.parametrize("text, secret", [
    ("Le VPN de l'agence c'est toujours pmartin / Écureuil&4417 pour les stagiaires",
     "Écureuil&4417"),
    ("VPN: jdoe / Qu0kka&Tide! (don't tell IT)", "Qu0kka&Tide!"),
    ("le mdp du wifi de la boutique a changé ➜ Glycine%2291Q 🌸", "Glycine%2291Q"),
    ("guest wifi pw ➡️ Harbor!Quay77", "Harbor!Quay77"),
])
def test_round_twenty_two_secrets_are_redacted(guard: Guard, text: str, secret: str) -> None:
    findings = [f for f in guard.check(text).findings if f.category == "secret"]
    assert len(findings) == 1
    assert all("*" in f.text for f in findings)
    assert secret not in outputs(guard, text)
