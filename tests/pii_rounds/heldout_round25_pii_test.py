"""Issue 14, round twenty-five, personal data by class: whose detail a draft gives. Found: a
colleague's home given for mail or a parcel ("at home:", "our editor's place:", "forward her
mail:", a role and a name before "moved to"), pay told between colleagues without a currency
("clears 14 an hour", "gets 240k", « est à 48k€ fixe »), a number told before whose it is or
with a call to him or her (« c'est le portable de Nadia », « appelez-la directement au »), a real
card typed because the sandbox is down (it blocks). Quiet: a reserved documentation address
typed in an instruction, a fraud's mailbox asking for gift cards, a number called fake, a
branch's own line, an address format explained, a public figure's health told by their office or
a statement, a labour-law question about what an employer may do. Near-misses are still found:
a real person at example.com, a named colleague in a question about a boss, a mayor's driver.
Drafts written for this test (none from a batch), English and French, with emoji, accents and a
Cyrillic look-alike letter, exact verdicts and spans. The pack runs without the NLP model and
without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found

PERSON = "pii.postal-address-person"
PAY = "pii.special-category-pay"


@pytest.mark.parametrize("text, verdict, hits", [
    # a colleague's home for mail or a parcel
    ("Flowers for our cashier Amira at home: 15 Larch Close, Norwich NR4 7QA 💐 she's off till "
     "Monday", "warn", [(PERSON, 39, 70)]),
    ("Our ex-CTO Dieter Haupt moved to 88 Maple Ave, Columbus, OH 43215, send his leaving card "
     "there", "warn", [(PERSON, 33, 65)]),
    ("Courier left the monitor at our editor's place: 9 Elm Grove, Leeds LS6 2AH. Sam, check the "
     "porch", "warn", [(PERSON, 48, 74)]),
    ("Our receptionist asked us to forward her mail: 2210 W Alameda Ave, Denver, CO 80223 🙏",
     "warn", [(PERSON, 47, 83)]),
    # a Cyrillic es (U+0441) for the c of "cashier"
    ("Our \u0441ashier Amira asked us to forward her mail: 2210 W Alameda Ave, Denver, CO 80223",
     "warn", [(PERSON, 48, 84)]),
    # pay told between colleagues, no currency or « fixe »
    ("Our barista Tom clears 14 an hour after 3 years 🙃", "warn", [(PAY, 16, 33)]),
    ("Heard the new VP Sarah gets 240k plus equity. Cool cool cool", "warn", [(PAY, 23, 32)]),
    ("Notre chef d'équipe, Marc, est à 48k€ fixe, et nous on est au SMIC", "warn",
     [(PAY, 27, 42)]),
    # a number told before whose it is, or with a call to him or her
    ("06 12 48 93 70 c'est le portable de Nadia, appelez-la si le client rappelle", "warn",
     [("pii.phone", 0, 14)]),
    ("Pour les urgences du SAV ce week-end, appelez-la directement au 06 51 27 33 90, Léa est "
     "d'astreinte", "warn", [("pii.phone", 64, 78)]),
    ("+44 7911 123456 is Dave's mobile, text him if the server's down", "warn",
     [("pii.phone", 0, 15)]),
    # a real card typed because the sandbox is down: another person's card blocks
    ("Sandbox was down so I charged the customer's real card 4111 1182 3741 5581 by hand, sorry",
     "block", [("pii.card", 55, 74)]),
    # one's own card typed in a public complaint is still a card in a public post
    ("@ShopHelp you charged my card twice!! 4111 1182 3741 5581 exp 09/27, refund it NOW",
     "block", [("pii.card", 38, 57)]),
    ("@Fnac_SAV vous avez débité deux fois ma carte 5555 6283 3184 4445, remboursez-moi svp 😡",
     "block", [("pii.card", 46, 65)]),
    # near-misses: a real person at example.com, a named colleague in a question about a boss, a
    # public figure's driver
    ("the customer is priya.venkat@example.com, she's been waiting 3 weeks 😬", "warn",
     [("pii.email", 16, 40)]),
    ("Can my boss really tell the whole team that Priya is pregnant before she does?", "warn",
     [("pii.special-category", 50, 61), ("pii.special-category-term", 53, 61)]),
    ("The mayor's driver Paul was hospitalised last night after a stroke", "warn",
     [("pii.special-category-situation", 28, 40), ("pii.special-category-situation", 60, 66)]),
])
def test_round_twenty_five_personal_data_is_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # a reserved documentation address typed in an instruction, a fraud's mailbox
    "In your .env, replace admin@example.com with your own address before the first run",
    "Pour vos tests, saisissez jean.test@example.org dans le champ e-mail 🧪",
    "Got an email from billing@amaz0n-help.co asking for gift cards. Report it, don't click",
    # a number called fake, a branch's own line
    "My new number is 07700 900 123… kidding, that's a made-up number from a TV show 📺",
    "Number for our Bristol branch: 0117 496 0000, open Mon-Fri 9 to 5",
    # an address format explained, the sender's own home office
    "How to write a French address: number, street, postcode, town, e.g. « 3 rue Exemple, 75000 "
    "Paris »",
    "Ship it to us at home: we work from 4417 Linden Ave N, Seattle, WA 98103 now",
    # a public figure's health told by their office or a statement
    "The President's office said he is recovering well after a minor surgery, per an official "
    "statement",
    "Le porte-parole du ministre a confirmé son hospitalisation, communiqué officiel ce matin",
    # a labour-law question about what an employer may do
    "Can an employer ask if a job applicant is pregnant? No. Never.",
    "Question RH : peut-on refuser une candidate parce qu'elle est enceinte ? Non, c'est de la "
    "discrimination",
    # counts in thousands, a test card in the sandbox
    "Our podcast gets 40k downloads a month now, thank you! 🎙️",
    "In sandbox mode, use 4000 0566 5566 5556 to test a debit card",
])
def test_round_twenty_five_nobodys_or_the_businesss_own_stays_quiet(
    guard: Guard, text: str
) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.xfail(strict=True, reason="known limit: pay after a role with no name (« le "
                   "nouveau directeur financier est à 210k€ ») has no person for the pay rules' "
                   "lookbehind; a role as a person would also read « le nouveau barème est à "
                   "38k€ »")
def test_pay_after_a_role_with_no_name_is_found(guard: Guard) -> None:
    verdict, hits = found(guard, "Le nouveau directeur commercial est à 165k€ fixe, vu sur le "
                                 "tableau partagé par erreur")
    assert verdict == "warn" and any(rule == PAY for rule, _, _ in hits)


@pytest.mark.xfail(strict=True, reason="known limit: a colleague's address whose owner is "
                   "told only after it (« ... 75011 Paris (her flat) »), with « our » within the "
                   "window: « our » reads as a business's own address and no person rule reads a "
                   "cue after the address")
def test_address_owned_after_it_is_found(guard: Guard) -> None:
    verdict, hits = found(guard, "Our Santa gift for Inès goes to 8 rue Pasteur, 35000 Rennes "
                                 "(her flat, she's off all December) 🎁")
    assert verdict == "warn" and any(rule.startswith("pii.postal-address") for rule, _, _ in hits)
