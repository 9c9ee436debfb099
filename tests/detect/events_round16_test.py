"""The `events` rules, round sixteen: a disclosure still to come and the rest withheld, composed
("Announcement in two weeks", « On publie seulement le 30 », "That's all I'll say"); an incident
told by its handling ("Nobody will ever know", "does this have to be public?") and a decision
just taken in a closed room (« décision prise en CODIR hier », "Board voted yesterday"): forms
saying `withheld`, secrecy cues for the decision and the evidence, not features of the scorer;
and, as `aside` forms, the author's own career, advice to a readership, a throwback named by its
year and a workshop announced. Drafts written for this test."""

from __future__ import annotations

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.secrecy import (
    customer,
    secrecy,
    secrecy_groups,
    withheld,
)
from guard.detect.events.shape import decision_groups
from tests.detect.events_round5_test import assert_flagged_with_cue, event_findings
from tests.detect.secrecy_support import G, withheld_text


def groups_of(text: str, found: set[str]) -> set[str]:
    return decision_groups(fold(text).casefold(), found, G)


@pytest.mark.parametrize(("text", "span"), [
    # a disclosure and a time to come, EN: an announcement, figures that go out
    ("Series C closed at $410M 🦄 Announcement in two weeks, act surprised",
     "Announcement in two weeks"),
    ("We hit 1.3M units this year. NUMBERS GO OUT WITH THE ANNUAL REPORT IN MARCH.",
     "NUMBERS GO OUT WITH THE ANNUAL REPORT"),
    ("the press release is only next week, so shh", "press release is only next week"),
    # ... FR: the company's own « on publie / on annonce », a noun with a date
    ("CA record au T3, +31 %. On publie seulement le 28, j'en peux plus d'attendre 😭",
     "On publie seulement le 28"),
    ("Nouvelle gamme validée. On l\u2019annonce au salon en juin 🤐", "On l\u2019annonce au salon"),
    ("Rachat signé hier soir. Annonce officielle en octobre.", "Annonce officielle en octobre"),
    ("Communiqué dans quinze jours, d'ici là motus", "Communiqué dans quinze jours"),
    # the rest withheld
    ("We're entering a new country next year. That\u2019s all I\u2019ll say 😇",
     "That\u2019s all I\u2019ll say"),
    ("Une acquisition se prépare. C'est tout ce que je peux dire.",
     "C'est tout ce que je peux dire"),
    # an incident told by its handling
    ("We paid. 40 BTC. Nobody will ever know except legal.", "Nobody will ever know"),
    ("On a payé la rançon hier. Personne ne le saura jamais.", "Personne ne le saura jamais"),
    ("Malware on the payroll server and the CISO asks 'does this have to be disclosed?' 🙃",
     "does this have to be disclosed"),
    ("Fuite sur le CRM. Question du DG : « faut-il vraiment le rendre public ? »",
     "faut-il vraiment le rendre public"),
    # a decision just taken in a closed room
    ("Nouvelle usine à Valenciennes, décision prise en CODIR hier 🏭",
     "décision prise en CODIR"),
    ("Tokyo office is happening. The board approved it this morning!!",
     "The board approved it this morning"),
])
def test_a_disclosure_still_to_come_or_withheld_is_a_secrecy_cue(text, span):
    assert withheld_text(text) == [span]
    low = fold(text).casefold()
    # a cue for the decision ...
    assert withheld(low, G)
    assert "nonpublic" in decision_groups(low, set(), G)
    # ... not for the scorer: the features read `secrecy`, which leaves these forms out
    assert "nonpublic" not in secrecy_groups(low, G)
    assert not [s for s in secrecy(fold(text), G) if s.group == "nonpublic"]


@pytest.mark.parametrize("text", [
    # a public calendar, someone else's numbers, a month gone
    "Our results will be published on 30 July, webcast at 9am CET. Register on our IR site.",
    "Record passenger numbers in July, says the aviation authority",
    "Analysts expect Aubrel's numbers next week to disappoint",
    "Publication des résultats annuels le 30 mars, conférence à 9 h.",
    "Launch event on the 12th, register here 👉",
    # the words, not the secret
    "That's all I need to say about pineapple on pizza",
    "Nobody will ever know how many croissants I ate this weekend \U0001f950",
    "Le vote est à bulletin secret, personne ne saura pour qui vous avez voté.",
    "Does this repo have to be public to use GitHub Pages?",
    "The board voted on the new logo at the AGM in 2019",
])
def test_near_misses_say_no_secret(text):
    assert withheld_text(text) == []
    low = fold(text).casefold()
    assert not withheld(low, G)
    assert "nonpublic" not in decision_groups(low, set(), G)


@pytest.mark.parametrize(("text", "aside"), [
    # the author's own career
    ("Je quitte mon poste de directeur commercial fin janvier et je me lance en freelance 🚀",
     True),
    ("Big news: I'm leaving my job at Corbel after 6 years. Onwards!", True),
    ("After a great run I\u2019ve accepted a new role as VP Eng at Lumen", True),
    # advice to a readership
    ("Conseil produit : ne promettez JAMAIS une date de sortie avant la fin de la QA.", True),
    ("Si vous préparez une levée : parlez d'abord à vos clients. Conseil gratuit.", True),
    ("Founders: never announce a customer win before their comms team signs off.", True),
    ("If you're raising a seed, read the pro rata clause twice", True),
    # a throwback named by its year
    ("Souvenir de 2008 : notre boîte avait annoncé un plan social, j'étais stagiaire 😅", True),
    ("Throwback to 2016 when we launched v1 with a broken login button", True),
    ("Back in 2019 our whole floor got laid off on a Friday. Reunion tonight 🍻", True),
    # a workshop or a how-to announced
    ("Atelier jeudi : comprendre les JWT, de l'en-tête à la signature.", True),
    ("Webinar next Tuesday: how small shops can prepare for ransomware. Free.", True),
    # not an aside: an employer's plan, a year to come, a leak beside a career word
    ("We're opening in Spain in 2027, nobody outside knows", False),
    ("Je quitte la réunion : on ferme l'usine de Douai en mars", False),
    ("The board decided yesterday to close the Leeds site", False),
])
def test_career_advice_throwbacks_and_workshops_are_asides(text, aside):
    assert ("aside" in groups_of(text, {"nonpublic"})) is aside


@pytest.mark.parametrize("text", [
    "Finally got my NI number letter after 6 weeks! New job Monday 🎉",
    "Mon passeport expire en mars, rendez-vous en mairie le 12",
    "Renewing my passport before the trip, 3 weeks wait apparently",
])
def test_ones_own_papers_are_a_customers_draft(text):
    assert customer(fold(text).casefold(), G)


@pytest.mark.parametrize("text", [
    # batch 18's alarms' classes, in drafts written for this test: quiet
    "Je quitte mon poste de directrice produit à la fin du mois, mon équipe le sait depuis "
    "longtemps, et je me lance en indépendante ! 🚀",
    "Conseil produit : ne promettez jamais une date de lancement en public tant que la bêta "
    "n'est pas stable. Vécu.",
    "Si vous préparez une levée : ne parlez JAMAIS de valorisation avant d'avoir deux term "
    "sheets. Conseil gratuit d'une ancienne VC.",
    "Souvenir de 2009 : notre boîte avait annoncé 300 licenciements un vendredi. J'étais "
    "stagiaire, j'ai tout vu 😅",
    "Throwback to 2015 when we signed our very first customer, a bakery down the street 🥐",
    "Atelier demain : comprendre les JWT et pourquoi ne pas y stocker de données sensibles",
])
def test_career_advice_throwbacks_and_workshops_stay_quiet(pack, text):
    assert event_findings(pack.check(text)) == []


@pytest.mark.parametrize(("text", "verdict", "rule", "kind", "cue"), [
    # an event beside a `withheld` cue: flagged under its category, the cue in the evidence
    ("Contract with Halden Rail signed: €48M over 5 years. Announcement in two weeks.",
     "block", "event.mnpi", "customer", "nonpublic: Announcement in two weeks"),
    ("Le nouveau forfait passe à 19,99 € le 1er mars. Annonce dans 3 semaines.",
     "block", "event.roadmap", "pricing", "nonpublic: Annonce dans 3 semaines"),
    ("We paid. 40 BTC. Nobody will ever know except legal.",
     "block", "event.incident", "ransomware", "nonpublic: Nobody will ever know"),
    ("Malware on the payroll server and the CISO asks \u2018does this have to be disclosed?\u2019"
     " 🙃",
     "warn", "event.incident", "intrusion", "nonpublic: does this have to be disclosed"),
    ("Board voted yesterday: we close the Leeds plant in June, 300 jobs.",
     "block", "event.roadmap", "office", "nonpublic: Board voted yesterday"),
])
def test_an_event_with_a_withheld_cue_is_flagged_and_says_why(pack, text, verdict, rule, kind,
                                                              cue):
    assert_flagged_with_cue(pack.check(text), verdict, rule, kind, cue)
