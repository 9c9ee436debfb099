"""The `events` rules, round nineteen: leaks told by fear, understatement, a seal or a boast, and
the classes of hard negatives the events rules flagged on the personal-data batches. The
author's fear of being caught ("our CEO would end me", « Mon n+2 me tuerait »), a cover story
told by understatement ("'misconfigured' is doing a lot of heavy lifting", "PR liked the DDoS
story better"), a filing under seal, an event kept out of a filing and a prototype of the next
product boasted about are `withheld` cues (the decision's); one's own rent, a throwback closed by
the years since, one's own office move with its public address, a press contact for a launch and
a label policy explained are asides. « chiffre » (a number) is no longer « chiffré » (encrypted)
and "The FT says" is someone else's news. Drafts written for this test."""

from __future__ import annotations

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.secrecy import secrecy_groups, withheld
from guard.detect.events.shape import decision_groups
from tests.detect.events_round5_test import event_findings
from tests.detect.secrecy_support import G, nonpublic_text, withheld_text
from tests.scripts import load_script


@pytest.mark.parametrize(("text", "span"), [
    # the author's fear of being caught, EN and FR, curly apostrophes, capitals, emoji
    ("Our CEO would literally kill me if he saw this 😬", "Our CEO would literally kill me"),
    ("Scouting a second site and MY BOSS WOULD END ME if I said where.", "MY BOSS WOULD END ME"),
    ("I\u2019d get fired for posting this but the app is dead by June",
     "I\u2019d get fired for posting"),
    ("La refonte de l'appli arrive cette année. Mon n+2 me tuerait s'il voyait ce post.",
     "Mon n+2 me tuerait"),
    ("Ma DRH va me tuer si elle lit ça 🙃", "Ma DRH va me tuer"),
    ("Org chart leaked to me. Boss would FIRE ME if he knew 😅", "Boss would FIRE ME"),
    ("Two sites close in May. My n+1 would murder me for this", "My n+1 would murder me"),
    # a cover story told by understatement
    ("\u2018misconfigured\u2019 is doing a lot of heavy lifting in our incident report",
     "\u2018misconfigured\u2019 is doing a lot of heavy lifting"),
    ("It was an expired certificate. PR liked the DDoS story better.",
     "PR liked the DDoS story better"),
    ("Panne de 6 h. La comm préférait la version de l'attaque DDoS 🙄",
     "La comm préférait la version de l'"),
    # a filing under seal, an event kept out of a filing
    ("Sued for $12M, papers filed Friday, UNDER SEAL FOR NOW.", "UNDER SEAL FOR NOW"),
    ("La plainte est sous scellés pour l\u2019instant", "sous scellés pour l\u2019instant"),
    ("Someone read the CFO's mailbox for 11 days. Won\u2019t be in the 10-Q if legal gets its way.",
     "Won\u2019t be in the 10-Q if"),
    # a prototype of the next product boasted about
    ("Testé le prototype de notre prochaine console aujourd'hui 😍",
     "Testé le prototype de notre prochaine"),
    ("Testé le proto du prochain vélo qu'on sort. Dingue.", "Testé le proto du prochain"),
    ("sat through the design review for our next flagship 🔥",
     "sat through the design review for our next"),
])
def test_fear_understatement_seal_and_boast_are_the_decisions_secrecy_cues(text, span):
    assert withheld_text(text) == [span]
    low = fold(text).casefold()
    assert withheld(low, G)
    assert "nonpublic" in decision_groups(low, set(), G)
    # for the decision only, never a feature of the scorer (round sixteen)
    assert "nonpublic" not in secrecy_groups(low, G)


@pytest.mark.parametrize("text", [
    "Ma mère me tuerait si je ratais son anniversaire 🎂",  # fear of ordinary things
    "My mum would kill me if I missed her birthday",
    "Our CEO would love this book, honestly",
    "The court unsealed the filing this morning, it's all public now",  # a seal lifted
    "\u201cSynergy\u201d is a word I never want to hear again",
    "I liked the first story better, the sequel drags",  # a reader's taste
    "The prototype of our first bike (2015) is in the lobby, come see it",  # a past one
    "We'll be in the 10-K like every year, nothing new",
])
def test_near_misses_hold_no_new_cue(text):
    assert withheld_text(text) == []
    assert nonpublic_text(text) == []


@pytest.mark.parametrize(("text", "aside"), [
    # one's own rent
    ("Rent up 12%. The only price hike I'm an insider on \U0001f629", True),
    ("My landlord just raised my rent again", True),
    ("Mon loyer prend +8 % en janvier 😩", True),
    # a throwback closed by the years since
    ("In 2018 our biggest client walked. Six years later it's the best thing that happened.",
     True),
    ("On a perdu notre plus gros client en 2016. DIX ANS PLUS TARD, aucun regret.", True),
    # one's own office move with its public address
    ("Notre bureau new-yorkais déménage : 350 5th Ave, New York 🗽", True),
    ("We've moved to 12 Harbour Street, come say hi", True),
    ("Nouvelle adresse : 14 rue des Lilas, Nantes", True),
    ("Big day! Our new HQ is at 220 Canal St, come say hi 👋", True),
    ("On a déménagé ! Nos nouveaux locaux : 8 bis, quai des Chartrons à Bordeaux", True),
    # a press contact for a launch
    ("Press enquiries for our Lisbon launch go to press@nordhavn-coffee.com", True),
    ("Contact presse pour le lancement : presse@maison-orge.fr", True),
    # a label policy explained
    ("How we label docs at a 12-person startup: a Notion tag that says 'internal'.", True),
    ("Comment on étiquette nos documents chez nous : trois niveaux, pas plus.", True),
    ("Our rule of thumb: we label all our files Public / Team / Board and that's it", True),
    # ... not the same words around an employer's secret
    ("We're moving the whole team to Austin in March, nobody knows yet", False),
    ("Press enquiries will explode when the layoffs leak next week", False),
    ("Our office rent deal falls through Friday, we close Leeds", False),
])
def test_the_hard_negatives_classes_are_asides(text, aside):
    assert ("aside" in decision_groups(fold(text).casefold(), {"nonpublic"}, G)) is aside


@pytest.mark.parametrize("text", [
    "Notre bureau new-yorkais déménage : 350 5th Ave, New York. Oui, dans l'Empire State "
    "Building, on est encore sous le choc",
    "How we label docs at a 12-person startup: a Notion tag that says 'internal'. That's it. "
    "It works.",
    "Press enquiries for our Lisbon launch go to press@nordhavn-coffee.com — the whole team "
    "reads it",
    "Rent up 12%. The only price hike I'm an insider on 😩",
    "The FT says the CEO of a big airline resigned 'to spend time with family'. Sure, Jan.",
    # « chiffre » is a number, not « chiffré »: no ransomware
    "Notre CHIFFRE d'affaires a doublé cette année, merci à toute l'équipe 🎉",
    "Ma mère me tuerait si je ratais son anniversaire 🎂",
])
def test_the_hard_negatives_classes_stay_quiet(pack, text):
    assert event_findings(pack.check(text)) == []


@pytest.mark.parametrize(("text", "ransomware"), [
    ("Notre chiffre d'affaires a doublé", False),
    ("NOS CHIFFRES DU TRIMESTRE SONT BONS", False),
    ("Nos serveurs sont chiffrés", True),
    ("Toutes les VM chiffrées cette nuit", True),
    ("chiffrement de tous les disques du siège", True),
    ("ils ont commencé à chiffrer le NAS", True),
])
def test_a_number_is_no_ransomware_cue_but_encryption_is(text, ransomware):
    cues = load_script("tools/train_events.py").cue_lists()
    groups = {s.group for s in cues.find(fold(text))}
    assert ("kind:incident:ransomware" in groups) is ransomware


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    ("Our CEO would literally kill me if he saw this, but the Berlin office closes in March 😬",
     "block", "event.mnpi", "exec"),
    ("Mon n+1 me tuerait : la refonte de l'appli sort en juin", "block", "event.roadmap",
     "product"),
    ("A former distributor is suing us for $12M, papers filed Friday, under seal for now.",
     "block", "event.mnpi", "legal"),
    ("Nos serveurs ont été chiffrés cette nuit, rançon demandée en bitcoin", "warn",
     "event.incident", "ransomware"),
])
def test_an_event_told_with_the_new_cues_is_flagged(pack, text, verdict, rule, kind):
    report = pack.check(text)
    assert report.verdict == verdict
    assert event_findings(report) == [(rule, kind)]


@pytest.mark.parametrize(("text", "aside"), [
    # key hygiene after a vendor's public incident, in French as in English (round eleven)
    ("On a fait tourner toutes les clés API après l\u2019incident chez notre hébergeur.", True),
    ("RENOUVELÉ TOUS NOS TOKENS SUITE À la fuite chez notre prestataire 🔑", True),
    # ... not keys an intruder still holds
    ("On n'a pas encore changé les clés, l'attaquant est toujours dans le réseau", False),
])
def test_keys_rotated_after_an_incident_are_an_aside(text, aside):
    assert ("aside" in decision_groups(fold(text).casefold(), {"nonpublic"}, G)) is aside


def test_keys_rotated_after_a_vendors_incident_stay_quiet(pack):
    report = pack.check("On a fait tourner toutes les clés API après l'incident chez notre "
                        "hébergeur. Tout est OK maintenant.")
    assert event_findings(report) == []


@pytest.mark.parametrize(("text", "aside"), [
    # an embargo that ended this morning: the news is public
    ("Le communiqué était sous embargo jusqu\u2019à 9h ce matin, il est public : on ouvre Lyon 🎉",
     True),
    ("Our release WAS UNDER EMBARGO UNTIL 8am this morning. Now it's out!", True),
    # ... not one still running
    ("Le communiqué est sous embargo jusqu'à jeudi 9h, on ouvre Lyon", False),
])
def test_an_embargo_ended_this_morning_is_an_aside(text, aside):
    assert ("aside" in decision_groups(fold(text).casefold(), {"nonpublic"}, G)) is aside


@pytest.mark.parametrize(("text", "aside"), [
    # a lesson about a format: nobody's encryption broken
    ("Un JWT n\u2019est pas chiffré, juste encodé. Lisez le payload sur jwt.io 🔍", True),
    ("JWTs are SIGNED, NOT ENCRYPTED: anyone can read them", True),
    # ... not an employer's data left in clear
    ("Nos sauvegardes ne sont pas chiffrées et elles ont fuité hier", False),
])
def test_a_lesson_about_a_format_is_an_aside(text, aside):
    assert ("aside" in decision_groups(fold(text).casefold(), {"nonpublic"}, G)) is aside


def test_a_lesson_about_a_format_stays_quiet(pack):
    report = pack.check("Un JWT c'est signé, pas chiffré : n'importe qui peut lire le contenu. "
                        "Ne mettez rien de secret dedans.")
    assert event_findings(report) == []
