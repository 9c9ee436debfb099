"""Issue 14, round eighteen, secrets and markers: a keypad's code told digit by digit or dashed
with the key that closes it ("7 3 9 1 then #", "4-8-1-9-star", « puis dièse »), the panel,
keypad and disarm words; a password behind an aside in brackets or a quoted keyword (« « mot de
passe oublié » encore ?? Bon, c'est ... »); a quoted label with a word of its own reported as a
watermark (« « Confidentiel client » en filigrane »); an embargo said to lift on a day; a label
on a new policy or scheme. Advice before forwarding a marked mail, an NDA talked about while
nothing is told, a trade embargo, a solar panel's watts and a default code stay quiet. Drafts
written for this test (none from a batch), English and French, with emoji, accents and a
Cyrillic look-alike letter, exact verdicts and spans. The pack runs without the NLP model and
without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a keypad's code, spaced or dashed, with the key that closes it
    ("Alarm panel at the Bristol warehouse: 5 0 8 3 then # 🔔 don't forget on Sunday", "block",
     [("secret.door-code", 38, 52)]),
    ("Pour désarmer l'alarme de la boutique : 3 9 0 6 puis dièse. Merci Zoé !", "block",
     [("secret.door-code", 40, 58)]),
    ("The gate keypad takes 8-1-5-7 then enter, see you at 6 👋", "block",
     [("secret.door-code", 22, 40)]),
    ("the door panel at the lab is 6-2-9-4-star and the alarm disarm is 4471 now", "block",
     [("secret.door-code", 29, 41), ("secret.door-code", 66, 70)]),
    # a password behind an aside in brackets, or after a quoted keyword and "?"
    ("The Wi-Fi password for the pop-up shop (Rue Oberkampf, 2nd floor) is Lilas!Brume42, come "
     "by 🛍️", "block", [("secret.password", 10, 83)]),
    ("« Mot de passe oublié » encore ?? Bon, c'est Églantine#73 pour la caisse. Notez-le 😤",
     "block", [("secret.password", 2, 57)]),
    ('"forgot password" again?! fine, it\'s Harbour!77 for the front-desk PC', "block",
     [("secret.password", 8, 47)]),
    # a quoted label with a word of its own, reported as a watermark
    ("Reçu le flyer de la collection, avec « Confidentiel Partenaire » en filigrane, mais "
     "regardez-moi ces couleurs 🤩", "warn", [("marker.carried", 39, 77)]),
    ('Got the mock-ups, there\'s a "Client Confidential" watermark on every page but the new '
     "logo is 🔥", "warn", [("marker.carried", 36, 62)]),
    # an embargo said to lift on a day (a Cyrillic look-alike s, U+0455, in "nurses")
    ("The survey (embargo lifts Friday 6am) shows 41% of nur\u0455es plan to quit 😬", "block",
     [("marker.classification", 12, 32), ("marker.figure", 44, 47)]),
    ("Les résultats de l'étude, l'embargo tombe mardi : une baisse de 18 % des ventes", "block",
     [("marker.classification", 28, 47), ("marker.figure", 64, 68)]),
    # a label on a new policy or scheme: what it covers, not the topic of the post
    # (round twenty-seven: a label heading the draft is marker.heading-label's)
    ("Internal only 🚫 the new hybrid-work policy draft: 3 office days from March", "warn",
     [("marker.heading-label", 0, 16)]),
    ("Not supposed to post this (internal use only) but the new referral scheme pays €500 per "
     "hire", "block",
     [("marker.classification", 26, 45), ("marker.confidential", 27, 44),
      ("marker.figure", 79, 83)]),
    # the watermark word before the label it shows; an embargo that is "up" at an hour
    ("watermark says CONFIDENTIAL but the numbers are great: 14% margin", "block",
     [("marker.watermark", 0, 27), ("marker.figure", 55, 58), ("financial.deal-word", 59, 65)]),
    ("le filigrane « CONFIDENTIEL » est partout mais bon, voilà les nouveaux tarifs : 49 €",
     "block", [("marker.watermark", 3, 27), ("marker.figure", 80, 84)]),
    ("embargo's up at 9 tomorrow but here's the gist: we beat estimates by 8%", "block",
     [("marker.classification", 0, 17), ("marker.figure", 69, 71)]),
    # the code for a door, a storeroom: one value, one finding
    ("the code for the side door is 5502, bring the keys anyway", "block",
     [("secret.door-code", 30, 34)]),
    ("le code pour la porte du local c'est 4 4 9 1", "block", [("secret.door-code", 37, 44)]),
    ("the code to the storeroom is 7-7-3-1", "block", [("secret.door-code", 29, 36)]),
    # a policy told after a label waived by "but" is what the label covers
    ("Not for external distribution, but the parental leave policy is 26 weeks fully paid!",
     "block", [("marker.confidential", 0, 29), ("marker.scheme", 0, 29),
               ("marker.told-anyway", 0, 34)]),
    ("Internal use only but whatever: PTO policy drops carryover to 5 days", "block",
     [("marker.confidential", 0, 17), ("marker.opening-label", 0, 21)]),
    # an NDA talked about, then told anyway
    ("NDA'd again 🤐 can't say who, but it's a bank buying a fintech for $2bn", "block",
     [("marker.classification", 0, 5), ("marker.figure", 66, 70)]),
])
def test_round_eighteen_secrets_and_markers_are_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # advice before forwarding a marked mail
    "Petit rappel : avant de transférer un mail marqué « confidentiel », relisez les "
    "destinataires 🙏",
    "Before you forward an email marked 'Internal only', check who is on the thread.",
    # an NDA talked about while nothing is told
    "Just got NDA'd again 🤐 can't say who. Excited!",
    "Nouveau projet sous NDA, je ne peux rien en dire 🤫",
    # a trade embargo; an author's teaser
    "The arms embargo lifts Monday, says the ministry",
    "Embargo lifts Thursday 9am, stay tuned!",
    # a panel that is no keypad; a default code
    "the solar panel for the lab is 4 8 1 9 watts",
    "to disarm the alarm use the default 1234",
    # a keypad's batteries, a panel of speakers; handling a marked document as a subject
    "the keypad takes 4 AA batteries and beeps twice",
    "Security panel at 10:30 in room B12, see you there",
    "Reminder: forwarding a memo marked internal use only to a vendor may breach policy.",
    "Quick poll: watermark says CONFIDENTIAL or INTERNAL on your decks?",
    "how to add a watermark: CONFIDENTIAL in grey, 30% opacity, in any PDF tool",
    "Transférer un mail marqué « usage interne » à un prestataire, c'est contraire à la "
    "politique de l'entreprise.",
    # a handling policy as the topic; the reset link by its name
    "Our handling policy for anything internal use only is on the intranet",
    "cliquez sur « mot de passe oublié » ? c'est en bas de la page",
])
def test_round_eighteen_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, secret", [
    ("Alarm panel at the Bristol warehouse: 5 0 8 3 then # 🔔 don't forget on Sunday",
     "5 0 8 3"),
    ("the door panel at the lab is 6-2-9-4-star and the alarm disarm is 4471 now", "6-2-9-4"),
    ("The Wi-Fi password for the pop-up shop (Rue Oberkampf, 2nd floor) is Lilas!Brume42, come "
     "by 🛍️", "Lilas!Brume42"),
    ("« Mot de passe oublié » encore ?? Bon, c'est Églantine#73 pour la caisse. Notez-le 😤",
     "Églantine#73"),
])
def test_round_eighteen_secrets_are_redacted(guard: Guard, text: str, secret: str) -> None:
    findings = [f for f in guard.check(text).findings if f.category == "secret"]
    assert findings and all("*" in f.text for f in findings)
    assert secret not in outputs(guard, text)
