"""The `events` rules, round seven: a customer writing to a brand is not an employee telling a
secret (the real posts' false alarms), stories, hypotheticals and family news stay quiet, the
model trains on the drafts of two new writers, and the shape of a draft is a model option that
the guard honours. None of the drafts below is in training."""

from __future__ import annotations

import json

import pytest

from guard.detect.events.model import ModelError, parse
from guard.detect.events.shape import addressed, shape
from guard.engine import Guard
from tests.detect.events_round5_test import event_findings
from tests.scripts import ROOT, load_script


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard.from_files(["events"], nlp=False)


@pytest.mark.parametrize(("text", "groups", "expected"), [
    ("@Delta I'm supposed to fly in 2 weeks, is my ticket refundable?", {"kind:x"}, True),
    ("  @AskeBay where is my order", set(), True),
    ("vos conseillers raccrochent au nez des clients", set(), True),
    ("Can you believe it, your app logs me out every day", set(), True),
    # an own-company cue ("we", "notre") or a secrecy cue: an employee, not a customer
    ("we're cutting 40 jobs, you didn't hear it from me", {"own", "nonpublic"}, False),
    ("vous n'avez rien lu : notre usine ferme", {"own", "nonpublic"}, False),
    ("@jo shh, the round closes Friday", {"nonpublic"}, False),
    ("@dani that's why I've been MIA: we got breached, 1.2M accounts", {"own"}, False),
    ("the plant closes in March", set(), False),
])
def test_a_customer_writing_to_a_brand_is_told_apart(text, groups, expected):
    assert addressed(text.casefold(), groups) is expected


@pytest.mark.parametrize(("text", "verdict", "rule", "kind", "cue"), [
    # told of someone close's employer, not of "we" (the new writers' drafts are full of these)
    ("My sister works at Pennwick and says the whole Leeds depot gets its redundancy letters on "
     "the 12th. She's not allowed to tell anyone yet", "block", "event.mnpi", "layoff",
     "nonpublic: not allowed to tell"),
    ("Mon cousin bosse chez Arvelle : ils vont supprimer 80 postes à Tours, les salariés "
     "l'apprendront jeudi", "block", "event.mnpi", "layoff", "figure: 80"),
    ("Friend at a bank told me their Q3 profit is down 40% and the numbers come out on the 28th",
     "block", "event.mnpi", "earnings", "earnings: profit"),
    ("Ma femme est chez un hébergeur et leurs serveurs sont chiffrés depuis lundi, les clients "
     "croient à une panne électrique", "block", "event.incident", "ransomware",
     "ransomware: chiffrés"),
    ("Ils sortent une version pro de l'appli à 19 € par mois en avril, j'ai vu les écrans de "
     "paiement au boulot. Rien n'est annoncé", "block", "event.roadmap", "other",
     "figure: 19 €"),
])
def test_a_leak_told_of_someone_elses_employer_is_caught(guard, text, verdict, rule, kind, cue):
    report = guard.check(text)
    assert report.verdict == verdict
    finding = next(f for f in report.findings if f.rule == rule)
    assert finding.evidence.normalized == kind
    assert cue in finding.evidence.context


@pytest.mark.parametrize("text", [
    # customers writing to a brand about their own plans and dates
    "@SkyJetAir I'm supposed to fly to Oslo in 2 weeks and the whole airport is shut down. Is "
    "my flight refundable?",
    "@ShopMart a seller marked my order shipped 10 days ago without tracking and says he won't "
    "ship until next month. What do I do?",
    "vos conseillers raccrochent dès qu'on parle de résiliation, on prépare un déménagement et "
    "personne ne répond depuis 3 semaines",
    # stories, hypotheticals, family news told as a launch
    "in my novel the CFO fires 400 people by email on christmas eve. chapter 9 drops friday",
    "Hypothetically, if your startup raised a Series A tomorrow, what would you hire first? For "
    "a class assignment",
    "Dans mon roman, le PDG annonce la fermeture de l'usine le jour de Noël. Chapitre 4 demain",
])
def test_customers_stories_and_family_news_stay_quiet(guard, text):
    report = guard.check(text)
    assert (report.verdict, event_findings(report)) == ("allow", [])


# A known limit of round seven (secrecy cues and a launch word made a secret whatever followed),
# lifted by round eight's model (family and household words weigh as public wording), back with
# round twelve's model (trained on batch 14 and round12a/b: the same code flags it), lifted again
# by round seventeen's (trained on batch 19 and round17a, whose hard negatives share an insider's
# words in private matters).
def test_a_baby_announced_as_a_launch_is_quiet(guard):
    report = guard.check("Big launch coming in June: not public yet, family only 🤫 (it's a baby!)")
    assert report.verdict == "allow"


def test_an_employee_secret_is_still_flagged_when_it_speaks_to_you(guard):
    # "you" with a secrecy cue and "we": not a customer, the secret still blocks
    report = guard.check("You didn't hear it from me: we're laying off 300 people on Friday")
    assert report.verdict == "block"
    assert ("event.mnpi", "layoff") in event_findings(report)


def test_shape_names_who_speaks_when_and_in_what_form():
    text = "@acme will we get a refund next week? We were charged twice"
    assert shape(text.casefold(), text) >= {
        "s:at", "s:mention", "s:question", "s:we", "s:future", "s:past", "s:we&future",
    }
    assert "s:opening" in shape("how to negotiate severance")
    assert "s:opening" not in shape("we negotiate severance")


def small_rows(train):
    rows = []
    for path in sorted(train.TRAINING.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        rows += [json.loads(line) for line in lines[:: max(1, len(lines) // 40)]]
    return [(r["text"], r["category"] if r["leak"] else "none", 1.0) for r in rows]


def test_a_model_that_weighs_the_shape_says_so_and_is_read_so(monkeypatch):
    pytest.importorskip("sklearn", reason="scikit-learn (the [train] extra) trains the model")
    train = load_script("tools/train_events.py")
    monkeypatch.setattr(train, "examples", lambda: small_rows(train))
    doc = train.build(shapes=True)
    assert doc["shapes"] is True
    assert any(f.startswith("q:s:") for f in parse(doc, "small").index)
    assert parse(doc, "small").shapes is True
    plain = train.build()
    assert "shapes" not in plain and parse(plain, "small").shapes is False


def test_a_model_whose_shapes_flag_is_not_a_boolean_is_refused():
    doc = json.loads((ROOT / "rules" / "events-model.json").read_bytes())
    doc["shapes"] = "yes"
    with pytest.raises(ModelError, match="'shapes' is not true or false"):
        parse(doc, "events-model.json")


def test_batches_one_to_twenty_six_are_development_data_and_later_batches_are_not_read():
    # Round nineteen: batches 21 and 22, measured once on round eighteen, are development data too;
    # round twenty-three: batches 23-26, each measured once on the round before it.
    train = load_script("tools/train_events.py")
    assert tuple(range(1, 27)) == train.DEV_BATCHES
    assert all((ROOT / f"tests/data/heldout/events-{n}.jsonl").is_file() for n in range(1, 27))
