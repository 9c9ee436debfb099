"""Issue 14, round twenty-two, personal data: the author's own data told as their own life stays
quiet: one's own new number said as a state ("Mine is now ...", "My number is now", « Mon numéro
est désormais le », « Le mien maintenant : »), one's own first or old mailbox told as a memory
("my first email address was", « ma toute première adresse mail c'était »), one's own remission
thanked for ("Thank you to everyone who carried me through chemo": "Thank" is no name), pay read
in a public source ("Per the proxy statement", "Glassdoor says the typical ... makes"), one's
own pay with « Voilà » after it, one's own newsletter's mailbox ("My newsletter is back! Reply
to ..."). A colleague's negotiated pay (« Kévin a négocié 78 k€ fixe », "Kevin negotiated €78k
base") is found. Someone else's new number, first mailbox, remission and
pay are still found. Drafts written for this test (none from a batch), English and French, with
emoji, accents and a Cyrillic look-alike letter, exact verdicts and spans. The pack runs without
the NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found

PAY = "pii.special-category-pay-figure"


@pytest.mark.parametrize("text, verdict, hits", [
    # a colleague's negotiated pay
    ("Le nouveau chef de projet, Kévin, a négocié 78 k€ fixe + 20 k€ de variable 😤", "warn",
     [(PAY, 36, 54)]),
    ("FYI our new sales lead, Kevin, negotiated €78k base plus commission", "warn",
     [(PAY, 31, 51), ("pii.special-category-scored", 47, 51)]),
    # someone else's new number: "Tom's" and « de Julie » are no "my"
    ("Tom's number is now 07823 410 667, update your contacts 📱", "warn",
     [("pii.phone", 20, 33)]),
    ("Le numéro de Julie est désormais le 06 51 27 33 90, mettez à jour vos contacts", "warn",
     [("pii.phone", 36, 50)]),
    # someone else's first mailbox, still read
    ("My brother's first email was skater_bro_97@hotmail.com and he still reads it, write to "
     "him", "warn", [("pii.email", 29, 54)]),
    # a co-editor named before the value of one's own newsletter's request
    ("My newsletter is back! Reply to my co-editor Anna: anna.k@gmail.com", "warn",
     [("pii.email", 51, 67)]),
    # someone else's remission: "him" is the person now that "Thank" is no name
    ("Dave is two years cancer-free today. Thank you to everyone who carried him through "
     "chemo 🎗️", "warn", [("pii.special-category", 83, 88)]),
    ("Sophie a fini sa chimio hier, elle est en rémission, ne le dites à personne", "warn",
     [("pii.special-category", 17, 23), ("pii.special-category-term", 17, 23)]),
    # a public source after the colleague's figure does not make it public
    ("Kevin on my team makes $95k, Glassdoor says the average is $80k", "warn",
     [("pii.special-category-pay", 17, 25)]),
])
def test_round_twenty_two_personal_data_is_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # one's own new number, said as a state
    "New number, who dis? Mine's now 07823 114 509 — friends, update your contacts 🙂",
    "My number is now 07823 114 509, please update your contacts 📱",
    "Nouveau numéro, qui est-ce ? Le mien maintenant : 06 51 27 33 90, mettez à jour vos "
    "contacts",
    "Mon numéro est désormais le 06 51 27 33 90, mettez à jour vos répertoires !",
    # one's own first or old mailbox, told as a memory
    "Fun fact: my first email address was sk8r_kid_2001@hotmail.com 😂 What was yours?",
    "Ma toute première adresse mail c'était titi_du_93@caramail.com, on partage ? 😂",
    "Confession: my old hotmail was emo.kid.2004@hotmail.com. Yours?",
    # one's own newsletter's or zine's mailbox, the sentence after it
    "Ma newsletter est de retour ! Répondez à lea@leaecrit.fr pour dire bonjour",
    "New issue of my zine is out. Email zoe@zoezine.net for a copy 📮",
    # one's own remission, thanked for
    "Two years cancer-free today 🎗️ Thank you to everyone who carried me through chemo",
    "Un an de rémission aujourd'hui. Merci à tous ceux qui m'ont porté pendant la chimio 💪",
    "Rang the bell today! Thanks everyone who sat with me through radiotherapy 🔔",
    # pay read in a public source, one's own pay, a deal
    "Per the proxy statement, our CEO took home $22M in total comp last year",
    "Glassdoor says the typical UX designer in Austin makes $92k. Checks out",
    "J'ai négocié 78 k€ fixe + 20 k€ de variable, trop contente 🎉",
    "Kevin a négocié 78 k€ de remise avec le client, bravo à lui",
    "J'ai 1 900 € net après 5 ans en crèche. Voilà, on parle salaire maintenant ?",
    "We landed 95k in seed funding this week 🚀",
])
def test_round_twenty_two_own_life_and_public_pay_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


def test_a_look_alike_letter_still_reads_the_memory(guard: Guard) -> None:
    # "em\u0430il" with a Cyrillic small a (U+0430): the pattern rules and their checks read
    # the draft's Latin reading (guard/detect/latin.py), so "my first email address was" is
    # read and one's own old mailbox stays quiet
    text = "Fun fact: my first em\u0430il address was sk8r_kid_2001@hotmail.com 😂"
    assert found(guard, text) == ("allow", [])


def test_a_look_alike_thank_names_no_one_either(guard: Guard) -> None:
    # "Th\u0430nk" with a Cyrillic a reads as "Thank": no name; "him" is still the person
    text = ("Dave is two years cancer-free today. Th\u0430nk you to everyone who carried him "
            "through chemo")
    assert found(guard, text) == ("warn", [("pii.special-category", 83, 88)])


def test_someone_elses_number_after_mine_is_theirs(guard: Guard) -> None:
    # "Mine is now" points back to the change only when no one else is in the sentence
    text = "New number, who dis? Mine is now 07823 410 667 — she asked me to pass it on 🙂"
    assert found(guard, text) == ("warn", [("pii.phone", 33, 46)])
