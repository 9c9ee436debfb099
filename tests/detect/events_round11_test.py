"""The `events` rules, round eleven: secrecy forms added as data (a ban on telling, silence
ordered at work, telling refrained with the verb after the negation, nobody knowing yet), and
leak first, category second (the category a draft names fires once another rule finds a leak)."""

from __future__ import annotations

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.detector import firing, named_category
from guard.detect.events.secrecy import secrecy, secrecy_groups
from guard.models import EventCues
from tests.detect.events_round5_test import event_findings
from tests.detect.secrecy_support import G


@pytest.mark.parametrize(("text", "said", "groups"), [
    # telling refrained, the verb after the negation
    ("On nous a donné ordre de ne rien dire aux fournisseurs", ["ne rien dire"], {"nonpublic"}),
    ("Mieux vaut ne pas en parler à l'équipe d'Évry", ["ne pas en parler"], {"nonpublic"}),
    # a ban on telling
    ("Défense d'en parler à l'extérieur, c'est la consigne", ["Défense d'en parler"],
     {"nonpublic"}),
    ("INTERDIT DE POSTER quoi que ce soit sur l'usine", ["INTERDIT DE POSTER"], {"nonpublic"}),
    ("Staff were banned from posting about the merger", ["banned from posting"], {"nonpublic"}),
    # silence ordered at work: a secrecy cue and the employer
    ("Comms says: “no comment” for now", ["Comms says: “no comment"], {"nonpublic", "own"}),
    ("La direction a dit : pas un mot", ["La direction a dit : pas un mot"],
     {"nonpublic", "own"}),
    # told to tell nobody
    ("We've been told to tell nobody, not even partners", ["to tell nobody"], {"nonpublic"}),
    # nobody knows yet, with words between
    ("Nobody at the plant knows yet 🤐", ["Nobody at the plant knows yet"], {"nonpublic"}),
    ("personne le sait encore mdr", ["personne le sait encore"], {"nonpublic"}),
    ("Personne n'est au courant encore à Sète", ["Personne n'est au courant encore"],
     {"nonpublic"}),
    # the colloquial elision of « je dis rien »
    ("Moi j'dis rien 🤷", ["j'dis rien"], {"nonpublic"}),
])
def test_round_eleven_secrecy_forms_with_their_spans(text, said, groups):
    folded = fold(text)
    found = [s for s in secrecy(folded, G) if s.group == "nonpublic"]
    assert [text[s.start:s.end] for s in found] == said
    assert secrecy_groups(folded.casefold(), G) == groups


@pytest.mark.parametrize("text", [
    "C'était lent, pour ne pas dire catastrophique",  # the idiom « pour ne pas dire »
    "Interdiction de fumer devant l'entrée",  # a ban, but not on telling
    "Défense de stationner",
    "Nobody knows the future",  # no "yet"
    "The mayor said nothing new",  # a report, not an order
    "Legal says the contract is fine",  # an order-giver without silence
])
def test_wording_that_is_no_secret(text):
    assert secrecy_groups(fold(text).casefold(), G) == set()


def test_the_category_a_draft_names_fires_once_another_finds_a_leak():
    cues = EventCues((), threshold=0.5)
    needs = [("mnpi", cues), ("incident", EventCues((), threshold=0.6)), ("roadmap", cues)]
    breach = frozenset({"kind:incident:breach", "own"})
    # the scorer reads a breach as mnpi: mnpi fires, and incident (the only category named).
    # Round twenty-nine b: mnpi, named in no word here, with no secrecy cue nor date to come,
    # must reach UNNAMED (0.9) to fire; at round eleven's 0.7 nothing fires now.
    assert firing(needs, {"none": 0.05, "mnpi": 0.9, "incident": 0.05, "roadmap": 0.0},
                  breach) == [0, 1]
    assert firing(needs, {"none": 0.1, "mnpi": 0.7, "incident": 0.2, "roadmap": 0.0},
                  breach) == []
    # ... with a secrecy cue, round eleven's case as it was
    assert firing(needs, {"none": 0.1, "mnpi": 0.7, "incident": 0.2, "roadmap": 0.0},
                  breach | {"nonpublic"}) == [0, 1]
    # ... not when the scorer finds the named category implausible
    assert firing(needs, {"none": 0.05, "mnpi": 0.93, "incident": 0.02, "roadmap": 0.0},
                  breach) == [0]
    # nothing fires: the named category alone is no leak
    assert firing(needs, {"none": 0.8, "mnpi": 0.1, "incident": 0.1, "roadmap": 0.0},
                  breach) == []
    # two categories named: the scorer's alone
    both = breach | {"kind:mnpi:layoff"}
    assert firing(needs, {"none": 0.1, "mnpi": 0.7, "incident": 0.2, "roadmap": 0.0},
                  both) == [0]
    assert named_category(both) is None and named_category(breach) == "incident"


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    # silence ordered at work, the order-giver named: the employer's legal matter
    ("Our SEC inquiry letter arrived this morning. Legal says: no comment.", "warn", "event.mnpi",
     "legal"),
    ("Hackers got into our payroll system last week and HR says: no comment 😬", "warn",
     "event.incident", "intrusion"),
    # a ban on telling, French, a figure: blocks
    ("Gros client perdu (Transalp, 25 % du CA). Interdiction d'en parler aux équipes.", "block",
     "event.mnpi", "customer"),
    ("La direction a dit : pas un mot sur la fermeture du dépôt de Reims en juin", "block",
     "event.mnpi", "layoff"),
    # nobody knows yet, said to « vous »: no customer writing to a brand
    ("Notre appli de paiement sort en Belgique en mars, personne le sait encore 🤫", "block",
     "event.roadmap", "other"),
    ("Ransomware on the Lyon plant's servers since Monday; management says: not a word to clients",
     "block", "event.incident", "ransomware"),
    ("Our biggest client is leaving in March (30% of revenue). Can't say more yet.", "block",
     "event.mnpi", "customer"),
])
def test_leaks_told_with_a_round_eleven_form_are_caught(pack, text, verdict, rule, kind):
    report = pack.check(text)
    assert report.verdict == verdict
    assert (rule, kind) in event_findings(report)


@pytest.mark.parametrize("text", [
    # a ban on telling that is jury duty, the idiom, a cup final nobody knows yet
    "Juré d'assises la semaine prochaine, interdit de parler de l'affaire. Souhaitez-moi bonne "
    "chance",
    "C'était lent, pour ne pas dire catastrophique, ce lancement de la PS5 chez le voisin",
    # round twelve's retrained model read it as mnpi (0.55, a strict known limit); round
    # thirteen's, trained with batch 15 too, does not
    "Nobody knows yet who wins the cup on Sunday 🏆",
])
def test_secrecy_wording_about_no_employer_stays_quiet(pack, text):
    assert pack.check(text).verdict == "allow"
