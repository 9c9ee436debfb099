"""The `events` rules, round six: incidents, figures and plans told by their symptoms (a ransom
demand in bitcoin, a stranger in the server room, a folder shared with "anyone with the link", a
cover story for an outage, a paying-user count kept on the internal dashboard, a restatement, a
hiring post for a site nobody announced), in English and French, caught with their category;
advice, drills, throwbacks and private life quiet. None of these drafts is in training."""

from __future__ import annotations

import pytest

from guard.engine import Guard
from tests.detect.events_round5_test import event_findings
from tests.scripts import ROOT, load_script


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard.from_files(["events"], nlp=False)


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    # ransomware by its symptoms: a payment deadline on every screen, a demand in BTC
    ("every screen in the call centre shows the same black page with a payment deadline. we're "
     "told to tell callers it's a phone system fault", "warn", "event.incident", "other"),
    ("they want 30 BTC by friday or our customer files go public. legal says no comment to anyone",
     "block", "event.incident", "ransomware"),
    ("Tous les postes de l'agence affichent une demande de rançon en bitcoin, on dit aux clients "
     "que c'est une panne", "warn", "event.incident", "ransomware"),
    # exposed data with no "exposed": a sharing setting
    ("the spreadsheet with every customer's card details was shared as 'anyone with the link' for "
     "a year. fixing it quietly", "warn", "event.incident", "exposed-data"),
    ("Le partage du dossier paie était réglé sur « tout le monde », 400 fiches visibles depuis "
     "mars, on ne dit rien", "block", "event.incident", "other"),
    # an intruder told as a break-in; an outage told by its cover story
    ("Effraction au labo cette nuit, deux prototypes ont disparu. Consigne : pas un mot avant "
     "lundi", "block", "event.incident", "intrusion"),
    ("the official story is 'a fibre cut'. the truth is our own team wiped the billing cluster",
     "warn", "event.incident", "outage-cover"),
    # figures kept internal, a restatement
    ("we crossed 3 million paying members this month. internal dashboard only until the results",
     "block", "event.mnpi", "metrics"),
    ("finance is restating the last two years, revenue booked too early. auditors in the building "
     "all week", "warn", "event.mnpi", "earnings"),
    # hiring posts that give a site away
    ("Hiring a plant manager for our future factory in Ostrava, opening 2026. the press release is "
     "still in drafts", "warn", "event.roadmap", "hiring-reveal"),
    ("Nous recrutons pour notre futur site de Gdańsk, ouverture prévue au printemps, rien n'est "
     "encore annoncé", "block", "event.roadmap", "hiring-reveal"),
])
def test_a_leak_told_by_its_symptoms_is_caught_with_its_category(guard, text, verdict, rule, kind):
    report = guard.check(text)
    assert report.verdict == verdict
    assert (rule, kind) in event_findings(report)


@pytest.mark.parametrize("text", [
    # advice and tips
    "Thinking about moving your team to a new office? Talk to the people who commute first. "
    "Thread 🧵",
    "Customer tip: turn on auto-renew and you'll never lose your saved projects",
    "Rappel : ne partagez jamais vos dossiers avec « tout le monde disposant du lien »",
    # drills and exercises
    "We ran a ransomware drill today: the whole office worked on paper for two hours. Good "
    "practice",
    "Exercice de crise cyber ce matin : scénario de fuite de données, tout le comité a joué le "
    "jeu",
    # throwbacks
    "Seven years ago today our startup was acquired. Miss that team every day",
    "Il y a quatre ans jour pour jour, mon plan social. Aujourd'hui je suis à mon compte et "
    "heureux",
    # private life
    "Je déménage à Lisbonne le mois prochain, nouvelle vie pour moi et mon chien !",
])
def test_advice_drills_throwbacks_and_private_life_stay_quiet(guard, text):
    report = guard.check(text)
    assert (report.verdict, event_findings(report)) == ("allow", [])


def test_a_negated_public_word_no_longer_hides_a_restatement(guard):
    # A known limit of round six, lifted in round nine: « rien n'est publié » is no public wording.
    text = ("On refait les comptes 2024 avec les commissaires aux comptes, environ 10 % de "
            "chiffre en moins, rien n'est publié")
    assert "event.mnpi" in [r for r, _ in event_findings(guard.check(text))]


@pytest.mark.xfail(strict=True, reason="known limit, round six: 'walked out' is an exec cue")
def test_known_miss_of_round_six(guard):
    text = ("a man nobody recognised followed the cleaners into our server room last night and "
            "walked out with a drive")
    assert "event.incident" in [r for r, _ in event_findings(guard.check(text))]


def test_batch_seven_is_development_data_and_later_batches_are_not_read():
    train = load_script("tools/train_events.py")
    assert train.DEV_BATCHES[:7] == (1, 2, 3, 4, 5, 6, 7)
    assert (ROOT / "tests/data/heldout/events-7.jsonl").is_file()
