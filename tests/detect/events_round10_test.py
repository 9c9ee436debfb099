"""The `events` rules, round ten: secrecy said in grammar rather than in a listed phrase (telling
negated, forbidden or rationed, a disclosure still to come, an insider's wink, an order given at
work), someone speaking from inside a company without "we", and secrecy labels explained rather
than used. None of the drafts below is in training or in a held-out batch."""

from __future__ import annotations

import pytest

from guard.detect.events.cues import fold
from guard.detect.events.detector import needed
from guard.detect.events.secrecy import labels, secrecy, secrecy_groups
from guard.detect.events.shape import decision_groups
from guard.models import EventCues
from tests.detect.events_round5_test import event_findings
from tests.detect.secrecy_support import G


@pytest.mark.parametrize(("text", "said"), [
    # telling negated or forbidden, whatever the event
    ("Shipping the Halvard cart in May. I'm on that team. You never heard it from me.",
     ["never heard it from me"]),
    ("We were told do not post anything about the Hartwell deal", ["do not post"]),
    ("That's all I'm allowed to say about the warehouse", ["allowed to say"]),
    ("keep this off Slack until Thursday", ["keep this off"]),
    # a disclosure still to come
    ("new store in Porto, please nobody share it until the mayor announces it 🙏",
     ["nobody share", "until the mayor announces"]),
    ("Q2 deliveries were 9,100. The official numbers come out in August.",
     ["official numbers come out"]),
    # French, accents and elisions
    ("On nous a demandé de n'en parler à personne, même en famille", ["n'en parler à personne"]),
    ("Nouvelle usine à Lyon. Ne le répétez pas, surtout.", ["Ne le répétez pas"]),
    ("Vous le lirez dans la presse mardi, j'en dis pas plus 😉",
     ["lirez dans la presse", "en dis pas plus"]),
    ("Les chiffres officiels sortent en juillet.", ["officiels sortent"]),
    # an insider's wink
    ("Renew your Corvo plan this week. Ask me how I know.", ["Ask me how I know"]),
    ("La diapo « perspectives » a disparu. Je vous laisse deviner.", ["Je vous laisse deviner"]),
])
def test_secrecy_said_in_grammar_is_a_nonpublic_cue_with_its_span(text, said):
    folded = fold(text)
    found = [s for s in secrecy(folded, G) if s.group == "nonpublic"]
    assert [text[s.start:s.end] for s in found] == said
    assert "nonpublic" in secrecy_groups(folded.casefold(), G)


@pytest.mark.parametrize("text", [
    "Je ne dis pas que c'est mal, juste cher",  # « ne ... dis pas » is no secret
    "I can't wait to tell you all about Lisbon",
    "The press release went out this morning: 300 jobs in Ohio",
    "Le rapport annuel est public depuis mars",
    "Nothing to hide here, our roadmap is on the website",
])
def test_ordinary_wording_is_no_secrecy_cue(text):
    assert secrecy_groups(fold(text).casefold(), G) == set()


@pytest.mark.parametrize(("text", "groups"), [
    # an order given at work names the employer
    ("Legal says don't post about the audit", {"nonpublic", "own"}),
    ("La direction nous demande de ne rien dire à personne", {"nonpublic", "own"}),
    # a role there, or its staff addressed, without "we"
    ("Pharmacy tech here: the Halden branch closes in June", {"own"}),
    ("Collègues de chez Vireo, regardez vos mails lundi", {"own"}),
    ("Sous-traitant ici : les badges changent tous", {"own"}),
    # but not someone happy to be somewhere
    ("I love it here, great team", set()),
    ("Happy to be here: first day!", set()),
    ("Job seeker here: is Larkspur hiring after the new CEO?", set()),
    ("Cliente ici : vos conseillers sont top", set()),
])
def test_an_order_given_at_work_or_a_role_there_is_the_authors_company(text, groups):
    assert secrecy_groups(fold(text).casefold(), G) == groups


@pytest.mark.parametrize(("text", "expected"), [
    ("Our labels: Public, Internal, Confidential, Restricted. Pick the lowest that fits", True),
    ("Niveaux : public / interne / confidentiel / secret", True),
    ("Pourquoi « confidentiel » en bas de chaque mail ?", True),
    ('What does "internal only" even mean on a slide deck?', True),
    ("Confidential: we're closing the Tilbury site in May", False),
    ("this is confidential and internal, layoffs Friday", False),
])
def test_secrecy_labels_named_rather_than_used(text, expected):
    assert labels(text.casefold(), G) is expected


def test_labels_explained_ask_as_much_as_someone_elses_news():
    ev = EventCues((), threshold=0.5, public_threshold=0.97, secret_threshold=0.2)
    low = "at our company: public, internal, confidential, restricted. hr explains layoffs"
    plain = {"nonpublic", "own", "kind:mnpi:layoff"}
    assert needed(ev, "mnpi", decision_groups("we lay off 20, confidential", plain, G)) == 0.2
    assert needed(ev, "mnpi", decision_groups(low, plain, G)) == 0.99


@pytest.mark.parametrize(("text", "rules"), [
    # pii batch 10's kinds of false alarm, in wording of our own
    ("How we label files here: Public, Internal, Confidential, Secret. Most docs are Internal.",
     []),
    ("Question bête : à quoi sert la mention « confidentiel » sur un devis ?", []),
    ("Chez nous, trois niveaux : public, interne, confidentiel. Formation obligatoire.", []),
])
def test_explainers_of_secrecy_labels_stay_quiet(pack, text, rules):
    assert event_findings(pack.check(text)) == rules


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    # no listed secrecy phrase: the secret is told by grammar alone
    ("On ferme l'usine de Roanne au printemps. La direction nous demande de n'en parler à "
     "personne 🤐", "block", "event.mnpi", "other"),
    ("Pro goes from $9 to $14 on the 1st. I work there. I never told you.", "block",
     "event.roadmap", "other"),
    ("Le nouveau forfait à 15 € sort en juin. Vous l'apprendrez dans la presse, j'en dis pas "
     "plus 😉", "block", "event.roadmap", "pricing"),
    ("Someone was inside our billing servers for weeks. We were told do not talk about it until "
     "the lawyers say so.", "warn", "event.incident", "other"),
])
def test_leaks_whose_secrecy_is_said_in_grammar_are_caught(pack, text, verdict, rule, kind):
    report = pack.check(text)
    assert report.verdict == verdict
    assert (rule, kind) in event_findings(report)


@pytest.mark.parametrize("text", [
    "Surprise party for Léa on Saturday! Don't tell her 🤫",
    "Season finale tonight. No spoilers please, don't post about it until Monday!",
    "Barista here: we got new cups today, so cute ☕",
])
def test_secrets_that_are_no_employers_news_stay_quiet(pack, text):
    assert event_findings(pack.check(text)) == []


@pytest.mark.xfail(strict=True, reason="known limit, round ten: a family secret told with an "
                   "order not to talk reads as a corporate one")
def test_known_limit_a_family_secret_with_an_order_not_to_talk(pack):
    text = ("Ma sœur est enceinte, elle nous demande de n'en parler à personne avant "
            "l'échographie 💕")
    assert event_findings(pack.check(text)) == []


@pytest.mark.xfail(strict=True, reason="known limit, round ten: a closure told with a secret is "
                   "flagged, but as a plan (roadmap), not as mnpi")
def test_known_limit_a_depot_closure_is_read_as_a_plan(pack):
    text = ("Our Lyon depot closes in March and 80 drivers go. Legal says don't post about it, "
            "so: you didn't read this here.")
    assert ("event.mnpi", "other") in event_findings(pack.check(text))
