"""Issue 14, round eighteen, personal data: a German tax id a clause after its keyword, a patient
admitted for an overdose and a condition that flared up, a street and its town without a
postcode after "lives at" / « habite au », "registered at" after "who" and « domicilié au », a
contest's winner and "the customer at" before an address, a contestant's own mailbox, a number
written on « le bon de commande », and someone else's new number or job hunt are found. One's
own change of number told the sentence before, a job seeker's own contact, an after-sales line,
a call for tenders' mailbox, a tutorial's sample strings, a company's registered office, a
bakery's address after "the winner", a brand's contest mailbox, a street alone and overdoses
as news stay quiet. Drafts written for this test (none from a batch), English and French, with
emoji, accents and a Cyrillic look-alike letter, exact verdicts and spans. The pack runs without
the NLP model and without the `event.*` rules, as in `tests/pii_rounds/conftest.py`.
"""

from __future__ import annotations

import pytest

from guard import Guard
from tests.pii_rounds.heldout_support import found, outputs


@pytest.mark.parametrize("text, verdict, hits", [
    # a German tax id a clause or a sentence after its keyword, spaced or not
    ("Pasted Jana's Steuer-ID into the wrong Slack thread when HR asked for it, oops: "
     "47 856 193 885 🙈", "block", [("pii.de-tax-id", 80, 94)]),
    ("L'ID fiscal de Tobias, je le colle ici parce que la compta de Düsseldorf le réclame depuis "
     "lundi : 39613372405", "block", [("pii.de-tax-id", 99, 110)]),
    # a patient admitted for an overdose; a condition that flared up (a Cyrillic o, U+043E, in
    # "Noah")
    ("Night shift update: the man in bay 3 (Mr. Kowalczyk, 58) was admitted after an overdose, "
     "keep visitors out 🙏", "warn", [("pii.special-category", 57, 87)]),
    ("Le patient de la chambre 12, M. Lefèvre, a été admis pour une surdose cette nuit, motus",
     "warn", [("pii.special-category", 41, 69)]),
    ("Ava can't make the retreat, her lupus flared up again 😔 send her good vibes", "warn",
     [("pii.special-category", 38, 47)]),
    ("Heads up: N\u043eah's MS flared up, he's working from home this week", "warn",
     [("pii.special-category", 20, 29)]),
    ("Karim a fait une poussée de sclérose en plaques, il sera absent toute la semaine", "warn",
     [("pii.special-category", 6, 24), ("pii.special-category-term", 28, 36)]),
    # a street and its town without a postcode, after "lives at" / « habite au »
    # (pii.postal-address-town)
    ("The guy who keeps keying cars in our lot lives at 2210 N Damen Ave, Chicago. Be careful",
     "warn", [("pii.postal-address-town", 50, 75)]),
    ("Le voisin qui nous harcèle habite au 12 rue des Lilas à Rennes, faites passer", "warn",
     [("pii.postal-address-town", 37, 62)]),
    # "registered at" after "who"; « domicilié au » (a town with no postcode: the town rule)
    ("The landlord who kept my deposit is registered at 41 Cedar Lane, Austin TX 78704 👀", "warn",
     [("pii.postal-address", 50, 80), ("pii.postal-address-named", 50, 80)]),
    ("Le chauffard qui a embouti ma voiture est domicilié au 14 rue des Tanneurs à Colmar.",
     "warn", [("pii.postal-address-town", 55, 83)]),
    # a contest's winner, "the customer at" before an address
    ("Congrats to our raffle winner, Priya Nair, 88 Maple Ave, Portland, ME 04101 🎉 prize ships "
     "Monday", "warn", [("pii.postal-address-named", 43, 75)]),
    ("Notre gagnante du tirage, Léa Roux, 8 impasse des Lilas, 35000 Rennes, n'a pas reçu son lot",
     "warn", [("pii.postal-address-named", 36, 69)]),
    ("Fun one today: the customer at 27 Kingsley Road, Leeds LS6 2AH wants a refund for a cake he "
     # round twenty-one: one finding per address ("the customer at" is -named's cue, and
     # pii.postal-address steps aside for it)
     "ate", "warn", [("pii.postal-address-named", 31, 62)]),
    # a contestant's own mailbox; a number written on the order form
    ("Bravo à celui qui a participé au concours avec hugo.marchal77@free.fr, tu as gagné ! "
     "Réponds-nous", "warn", [("pii.email", 47, 69)]),
    ("M. Dubreuil a griffonné son 06 71 28 44 90 sur le bon de commande, rappelez-le pour la "
     "livraison", "warn", [("pii.phone", 28, 42)]),
    # someone else's change of number, someone else's job hunt
    ("Mark changed his number! New one is 07958 331 204, text him about Saturday", "warn",
     [("pii.phone", 36, 49)]),
    ("My friend Ben is job hunting, reach him at ben.achter.dev@gmail.com", "warn",
     [("pii.email", 43, 67)]),
])
def test_round_eighteen_personal_data_is_found(
    guard: Guard, text: str, verdict: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == (verdict, hits)


@pytest.mark.parametrize("text", [
    # one's own change of number, the value in the next sentence
    "I changed my number 📱 New one is 07823 114 509, old SIM is dead",
    "J'ai changé de portable. Le nouveau : 06 51 27 33 90, notez-le 😉",
    # a job seeker's own contact
    "Open to work 🚀 ping me at sam.k.dev@gmail.com for backend roles",
    "Je cherche un poste de dev front, écrivez-moi à lea.martin.dev@gmail.com",
    # an after-sales line given to the public
    "Le service client répond au 01 84 88 12 34 du lundi au vendredi",
    "Le SAV est joignable au 04 72 10 33 81, appel non surtaxé 📞",
    # a call for tenders' mailbox
    "Pour toute question sur l'appel d'offres de la piscine : achats@ville-quimper.fr, réponse "
    "sous 5 jours",
    "Questions about the tender? Email procurement@leedscouncil.gov.uk before Friday",
    # a tutorial's sample strings
    "In our regex exercise, match addresses like anna.b@gmail.com and reject anna@@gmail",
    # a company's registered office, a bakery after "the winner", a brand's contest mailbox
    "Our company is registered at 12 Harbour Road, Leeds LS1 4AB, VAT number on the invoice",
    "The winner of the bake-off gets a tour of 77 Pine Crest Rd, Asheville NC 28803, our new "
    "bakery",
    "Concours : envoyez votre photo à jeu.ete@maboutique.fr avant dimanche",
    # a street alone; overdoses as news
    "She lives at the end of Kenmore Ave, near the park",
    "Fentanyl overdose deaths rose again this year, says the CDC",
])
def test_round_eighteen_near_misses_stay_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])


@pytest.mark.parametrize("text, value", [
    ("Pasted Jana's Steuer-ID into the wrong Slack thread when HR asked for it, oops: "
     "47 856 193 885 🙈", "47 856 193 885"),
    ("L'ID fiscal de Tobias, je le colle ici parce que la compta de Düsseldorf le réclame depuis "
     "lundi : 39613372405", "39613372405"),
])
def test_a_tax_id_far_from_its_keyword_is_redacted(guard: Guard, text: str, value: str) -> None:
    findings = [f for f in guard.check(text).findings if f.rule == "pii.de-tax-id"]
    assert len(findings) == 1 and set(findings[0].text) <= {"*", " "}
    assert value not in outputs(guard, text)


# The lead, after measuring batch 19 on round eighteen: an undashed SSN before "the social" /
# "his social", the word said short; a social media team, network or club after a number is not.
@pytest.mark.parametrize("text, hits", [
    ("412 71 9083, that's the social of the customer who tried the refund scam, flag him",
     [("pii.ssn", 0, 11)]),
    ("Found 529 41 7730 on a sticky note, pretty sure it's her social 😬 shredding it now",
     [("pii.ssn", 6, 17)]),
])
def test_an_ssn_before_the_social_said_short_blocks(
    guard: Guard, text: str, hits: list[tuple[str, int, int]]
) -> None:
    assert found(guard, text) == ("block", hits)


@pytest.mark.parametrize("text", [
    "Ticket 412 71 9083 is closed, the social team will reply to her",
    "Order 529417730 shipped, their social media account will post the tracking link",
])
def test_a_number_before_a_social_team_stays_quiet(guard: Guard, text: str) -> None:
    assert found(guard, text) == ("allow", [])
