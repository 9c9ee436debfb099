"""The `events` rules on wording nobody listed: paraphrased leaks caught with their kind and span,
their public or past variants quiet; the model read only when a draft has a cue."""

from __future__ import annotations

import base64
import json

import pytest

from guard.detect.events import model as event_model
from guard.detect.events.detector import EventDetector
from guard.engine import Guard
from guard.packs.loader import bundled_dir, load_pack


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard.from_files(["events"], nlp=False)


def only_event(report):
    (f,) = [f for f in report.findings if f.rule.startswith("event.")]
    return f


@pytest.mark.parametrize(("text", "rule", "kind", "phrase", "verdict"), [
    # No "layoff", no "not public": a euphemism, a head count in words and a day to come.
    ("heads up: the Leeds site is being wound down, roughly three hundred roles, staff hear "
     "about it on the 9th and nobody outside knows", "event.mnpi", "layoff", "wound down",
     "block"),
    ("Entre nous, la direction va fermer l'usine de Dole en mars, 180 postes, rien n'est encore "
     "sorti", "event.mnpi", "layoff", "fermer", "block"),
    ("an account nobody created has been logging into our admin panel since March and the "
     "customers have not been told", "event.incident", "intrusion", "admin panel", "block"),
    ("les fichiers du serveur finissent tous en .locked et aux clients on parle d'une simple "
     "panne 🤫", "event.incident", "ransomware", None, "warn"),
    ("the thing on my wrist you can't see in my photos is our next model, out in the fall",
     "event.roadmap", "product", "next model", "warn"),
    ("psst, notre abonnement passe à 14,99 € en avril, c'est pas encore annoncé",
     "event.roadmap", "pricing", "abonnement", "block"),
])
def test_a_paraphrased_leak_is_caught_with_its_kind_and_span(guard, text, rule, kind, phrase,
                                                             verdict):
    report = guard.check(text)
    f = only_event(report)
    assert (report.verdict, f.rule, f.evidence.normalized) == (verdict, rule, kind)
    assert text[f.start:f.end] == f.text
    if phrase is not None:
        assert f.text.casefold() == phrase.casefold()
    category, probability = f.evidence.context[0].split()
    assert category == rule.split(".")[1] and 0.5 <= float(probability) <= 1


@pytest.mark.parametrize("text", [
    "The Leeds site was wound down in 2019, as announced back then; a thread on the people who "
    "worked there 🧵",
    "L'usine de Dole a fermé en 2019, comme annoncé à l'époque ; un fil sur celles et ceux qui "
    "y travaillaient",
    "Our postmortem of last week's ransomware attack is public: how we restored, what we "
    "changed. Link below",
    "C'est officiel, notre nouvelle offre est disponible depuis ce matin, le communiqué est "
    "en lien",
    "Nous avons signé le contrat avec Globex.",
    "top secret birthday plans for my sister on Saturday 🤫 don't tell her",
])
def test_public_past_and_private_variants_are_quiet(guard, text):
    assert guard.check(text).verdict == "allow"


def test_a_draft_without_any_cue_never_reads_the_model(monkeypatch):
    rules = [r for r in load_pack(["events"]).rules if r.detector == "events"]
    detector = EventDetector(rules)

    def refuse(*_):
        raise AssertionError("the model was read")

    monkeypatch.setattr(event_model, "load", refuse)
    assert detector.find("Lovely morning, coffee and a walk ☕") == []
    with pytest.raises(AssertionError, match="the model was read"):
        detector.find("we're laying off 200 people on Friday")


def test_the_model_file_holds_names_and_int16_weights_per_class():
    doc = json.loads((bundled_dir() / "events-model.json").read_bytes())
    names = doc["features"].split("\n")
    assert names == sorted(names) and len(names) > 1000
    assert len(base64.b64decode(doc["weights"])) == 2 * len(names) * len(doc["classes"])
    broken = dict(doc, weights=base64.b64encode(b"\0\0").decode())
    with pytest.raises(event_model.ModelError, match="one weight per class"):
        event_model.parse(broken, "broken.json")
