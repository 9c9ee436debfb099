"""The `events` rules, round five: French roadmap and mnpi leaks and English hints with no
"not public" words caught with their kind, and the drafts that used to false-alarm (a customer
complaining about an outage or a breach notice, another company's news, the company's own public
announcement, a throwback, an explainer, fiction) quiet. None of these drafts is in training."""

from __future__ import annotations

import json

import pytest

from guard.detect.events.model import parse
from guard.engine import Guard
from guard.packs.loader import bundled_dir
from tests.scripts import ROOT, load_script, rebuilt_differs


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard.from_files(["events"], nlp=False)


def event_findings(report):
    """(rule, kind) of each `event.*` finding (the kind is the finding's normalised evidence)."""
    return [(f.rule, f.evidence.normalized) for f in report.findings if f.rule.startswith("event.")]


def assert_flagged_with_cue(report, verdict, rule, kind, cue):
    """The report's verdict, its one `event.*` finding (rule, kind), and `cue` in that finding's
    evidence: what the employee is shown as the reason."""
    assert report.verdict == verdict
    assert event_findings(report) == [(rule, kind)]
    (finding,) = [f for f in report.findings if f.rule == rule]
    assert cue in finding.evidence.context


@pytest.mark.parametrize(("text", "verdict", "rule", "kind"), [
    # French plans: product, price, market, office, a hiring post that gives one away
    ("La prochaine version de notre appli de compta sort en bêta fermée le 3 février, seuls 200 "
     "clients sont dans la confidence", "block", "event.roadmap", "product"),
    ("à partir de janvier, l'abonnement pro chez nous passe de 29 à 35 € par mois, les clients "
     "l'apprendront en décembre", "block", "event.roadmap", "pricing"),
    # no listed market word: the scorer finds the category, the kind is "other"
    ("on s'installe en Espagne l'an prochain, première boutique à Valence, rien n'est encore "
     "annoncé", "block", "event.roadmap", "other"),
    ("Notre futur bureau de Bordeaux ouvre en mars, 60 places, l'équipe ne le sait pas encore",
     "block", "event.roadmap", "office"),
    ("Je recrute un responsable logistique pour notre entrepôt de Lille qui ouvre au printemps, "
     "l'annonce n'est pas encore publique, écrivez-moi", "block", "event.roadmap", "hiring-reveal"),
    # French mnpi
    ("La direction va annoncer 150 suppressions de postes au CSE mardi, personne n'est au courant",
     "block", "event.mnpi", "layoff"),
    ("on lève 12 M€ avec un fonds américain, signature vendredi, c'est pas encore public",
     "block", "event.mnpi", "other"),
    ("Notre DG part à la fin du mois, son successeur est déjà choisi, annonce après le conseil",
     "block", "event.mnpi", "exec"),
    # English hints with no "not public" words
    ("if you have an account with our app, change your password tonight. trust me on this one",
     "block", "event.incident", "breach"),
    ("a stranger has had admin on our billing servers for a week and the customers hear nothing "
     "until legal decides", "warn", "event.incident", "other"),
    ("our new fitness ring ships on the 21st and it tracks blood pressure. reviewers get theirs "
     "monday", "block", "event.roadmap", "product"),
    ("if you work in our logistics division, maybe hold off on that car purchase. the 1st will be "
     "rough", "block", "event.mnpi", "other"),
    ("the quarter closed way under what the analysts expect. call is on the 9th, I'd sell before "
     "then if I could", "block", "event.mnpi", "earnings"),
])
def test_a_leak_is_caught_with_its_category_and_kind(guard, text, verdict, rule, kind):
    report = guard.check(text)
    assert report.verdict == verdict
    assert (rule, kind) in event_findings(report)


@pytest.mark.parametrize("text", [
    # customers complaining about an outage or a breach notice
    "@Tidewave_Help our internet has been out since last night and the outage map says nothing. "
    "we work from home, please fix",
    "Got a breach notice from my dentist's booking site. They say passwords weren't exposed. "
    "Changed mine anyway",
    "Ça fait deux jours que l'appli de la banque est en panne, impossible de voir le solde. Bravo",
    "@Velbus_Aide le site est en panne depuis ce matin, impossible d'acheter un billet. Vous "
    "comptez réparer quand ?",
    "Reçu un courrier de mon assureur : fuite de données chez un prestataire, nos adresses sont "
    "concernées. Super.",
    # other companies' news, the company's own public announcements
    "According to the press release this morning, Ostrava Steel is closing two plants and cutting "
    "900 jobs",
    "Selon le communiqué publié ce matin, le groupe Pelletier rachète la chaîne Bistro Nord",
    "As announced today, our new app is live in the App Store. Thanks to everyone who tested the "
    "beta!",
    "Nous avons publié ce matin nos résultats annuels : chiffre d'affaires en hausse de 7 %, tout "
    "est sur le site",
    # a throwback, an explainer, fiction
    "Throwback to 2015 when we opened our first office above a bakery. Still miss the smell",
    "Comment fonctionne une levée de fonds en série A ? Petit fil pour les fondateurs 🧵",
    "In my thriller the bank hides a ransomware attack from its customers for a month. Out in "
    "paperback Friday",
])
def test_complaints_news_announcements_and_stories_stay_quiet(guard, text):
    report = guard.check(text)
    assert (report.verdict, event_findings(report)) == ("allow", [])


def test_the_shipped_model_was_trained_on_the_data_the_repo_keeps():
    # Adding drafts or a development batch without retraining would leave this stale.
    train = load_script("tools/train_events.py")
    if not all((train.CORPORA / n).is_file() for n in ("real_posts.jsonl", "real_posts_fr.jsonl")):
        pytest.skip("the real posts (../shared/corpora) are not beside the repository")
    doc = json.loads((bundled_dir() / "events-model.json").read_bytes())
    counts: dict[str, int] = {}
    for _, label, _ in train.examples():
        counts[label] = counts.get(label, 0) + 1
    assert doc["trained_on"] == dict(sorted(counts.items()))
    assert 6 in train.DEV_BATCHES and (ROOT / "tests/data/heldout/events-6.jsonl").is_file()


def test_the_trainer_rebuilds_the_shipped_model():
    """The shipped scorer is what the tool makes of the committed data: byte for byte on the
    machine that trained it. The solver's last digits move with the CPU (the same libraries on
    an AMD machine put the bias at 9.085 for 9.090, and a few weights a thousandth either side
    of zero), so elsewhere every tenth training draft must get the same class probabilities
    within 0.01 and the same likeliest class (the AMD machine's rebuild: 0.0024 at most, on
    all 22,633). A model trained without one development batch (26) moves 6 of those drafts."""
    pytest.importorskip("sklearn", reason="scikit-learn (the [train] extra) trains the model")
    train = load_script("tools/train_events.py")
    if not all((train.CORPORA / n).is_file() for n in ("real_posts.jsonl", "real_posts_fr.jsonl")):
        pytest.skip("the real posts (../shared/corpora) are not beside the repository")
    doc = train.build()
    built = train.dump(doc)
    if not rebuilt_differs(built, train.OUT):
        return
    rebuilt = parse(json.loads(built), "rebuilt")
    shipped = parse(json.loads(train.OUT.read_bytes()), str(train.OUT))
    cues, chars = train.cue_lists(), tuple(doc["chars"]) if doc["chars"] else None
    moved = []
    for text, _, _ in train.examples()[::10]:
        feats = train.featurise(cues, text, chars, bool(doc.get("shapes")))
        want, got = shipped.probabilities(feats), rebuilt.probabilities(feats)
        if (max(abs(want[c] - got[c]) for c in want) > 0.01
                or max(want, key=want.get) != max(got, key=got.get)):
            moved.append(text[:60])
    why = rebuilt_differs(built, train.OUT)
    assert not moved, f"{len(moved)} drafts scored otherwise, e.g. {moved[:3]}; {why}"
