"""The `events` rules, round twenty-three: the scorer retrained with events batches 23-26 as
development data (`DEV_BATCHES` 1-26). The pii batches' hard negatives were measured as training
data and left out (they cost leaks told with security words). What the retrain takes back: the
data-room leak round nineteen's retrain lost (a codename, a target, a count of bidders and a
casual sign-off), and two of the security classes the events rules raised on pii batch 25 (the
most common password of a breach dump, credentials rotated when an agency's contract ended).
Drafts written for this test, but the data-room leak of batch 23 (issue 14's "Falcon" check)."""

from __future__ import annotations

import pytest

from tests.detect.events_round5_test import event_findings
from tests.scripts import ROOT, load_script


@pytest.mark.parametrize(("text", "verdict", "found"), [
    # batch 23's leak, lost by round nineteen's retrain: the sign-off no longer outweighs it
    ("Data room for Project Falcon opens Monday — target is Kessler Pharma. 14 bidders. "
     "Coffee please.", "block", [("event.mnpi", "mna")]),
    # the same class in other words, capitals and emoji; French with accents and an em dash
    ("DATA ROOM for Project Heron opens Monday — target is Vossberg Logistics. 11 bidders. "
     "Coffee please ☕", "block", [("event.mnpi", "mna")]),
    ("Data room for Project Orca opens Thursday — target is Brennan Foods. 9 bidders. Send snacks.",
     "block", [("event.mnpi", "mna")]),
    ("La data room du projet Héron ouvre lundi — la cible, c'est Vasseur Industrie. 11 "
     "candidats. Café svp.", "block", [("event.mnpi", "mna")]),
])
def test_a_data_room_told_with_a_casual_sign_off_blocks(pack, text, verdict, found):
    report = pack.check(text)
    assert report.verdict == verdict
    assert event_findings(report) == found


@pytest.mark.parametrize("text", [
    # security talk of the author's own team or of the world: no secret of an employer
    "The most common password in the breach dump was still 123456. Followed by 'password'. "
    "We're not learning.",
    "The most common password in that breach dump? Still 123456. Then \u201cqwerty\u201d. "
    "Humanity is not learning 🙃",
    "Le mot de passe le plus courant dans la fuite de données : toujours 123456. Puis « azerty ». "
    "On n\u2019apprend pas.",
])
def test_the_most_common_password_of_a_breach_dump_is_quiet(pack, text):
    report = pack.check(text)
    assert (report.verdict, event_findings(report)) == ("allow", [])


def test_credentials_rotated_when_an_agencys_contract_ended_is_quiet(pack):
    report = pack.check("Offboarding done right: we rotated every shared credential the day our "
                        "agency contract ended.")
    assert report.verdict == "allow"
    assert event_findings(report) == []
    # the deal word is still read, below the warning line
    assert {f.rule for f in report.findings} == {"financial.deal-word"}


@pytest.mark.xfail(strict=True, reason="known limit, round twenty-three: the retrain does not "
                   "take back the French wordings of these classes, nor the English one with a "
                   "possessive (\"our agency's contract\"): the pii batches' hard negatives stay "
                   "out of training")
@pytest.mark.parametrize("text", [
    "Le mot de passe le plus fréquent dans le dump de la fuite était encore 123456. Suivi de « "
    "motdepasse ». On n'apprend rien 🙃",
    "Offboarding done right: we rotated every shared credential the day our agency's contract "
    "ended 🔑",
    "Départ d'un prestataire bien géré : on a changé tous les identifiants partagés le jour de "
    "la fin de son contrat.",
])
def test_known_limit_the_classes_the_retrain_leaves(pack, text):
    assert event_findings(pack.check(text)) == []


@pytest.mark.parametrize(("text", "verdict", "found"), [
    # leaks told with the same words stay flagged
    ("Our prod DB password was in the breach dump. Customers haven't been told, legal says "
     "wait until Friday.", "block", [("event.incident", "breach")]),
    ("Le mot de passe de la base de prod était dans la fuite. Les clients n\u2019ont pas été "
     "prévenus, le juridique dit d\u2019attendre vendredi.", "block",
     [("event.incident", "breach")]),
])
def test_leaks_told_with_the_same_words_stay_flagged(pack, text, verdict, found):
    report = pack.check(text)
    assert report.verdict == verdict
    assert event_findings(report) == found


def test_the_snapshot_reads_the_development_batches_and_never_an_untouched_one():
    files = {path.name for path in load_script("tools/verdict_snapshot.py").FILES}
    assert {f"events-{n}.jsonl" for n in range(1, 31)} <= files
    assert {f"pii-secret-marker-{n}.jsonl" for n in range(1, 35)} <= files
    assert {f"pii-secret-marker-val-{n}.jsonl" for n in (*range(9, 26), 27, 29, 31, 33)} <= files
    # the batches that judge the next round, written blind and never read before then
    untouched = {"events-31.jsonl", "pii-secret-marker-35.jsonl", "pii-secret-marker-36.jsonl",
                 "pii-secret-marker-val-35.jsonl"}
    assert not files & untouched


def test_the_pii_fold_trains_and_measures_halves_of_batches_1_to_26():
    fold = load_script("tools/events_pii_fold.py")
    assert tuple(range(1, 27)) == fold.TRAINED + fold.MEASURED
    assert (ROOT / "tests/data/heldout/pii-secret-marker-26.jsonl").is_file()
