"""The `events` detector's fast path gives the very scores and hits of the path it replaced
(a frozen copy: tests/detect/events_reference.py), float for float, on every training draft,
the held-out batches 1-6 and the real posts; it follows the live cue lists and model, so new
cue words or a retrained model keep it honest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guard.detect.events.cues import TOKEN, CueSet, fold
from guard.detect.events.detector import SHARED, EventDetector, cue_groups, firing
from guard.detect.events.features import features, scorer_tokens
from guard.detect.events.secrecy import compiled, withheld_spans
from guard.detect.events.senses import read
from guard.detect.events.shape import decision_groups
from guard.packs.bundled import bundled_secrecy
from guard.packs.loader import load_pack
from tests.detect import events_reference as ref

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
# Named one by one: a later batch is a fresh held-out batch, never read here.
HELDOUT = [ROOT / "tests" / "data" / "heldout" / f"events-{n}.jsonl" for n in range(1, 7)]
REAL = [CORPORA / "real_posts.jsonl", CORPORA / "real_posts_fr.jsonl"]


def _texts(paths: list[Path]) -> list[str]:
    out = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            out += [json.loads(line)["text"] for line in fh if line.strip()]
    return out


def _reference(group):  # type: ignore[no-untyped-def]
    rules = group.rules
    return ref.Walk(cue_groups([
        (r.category, [(k.name, k.words) for k in r.events.kinds],
         {f: getattr(r.events, f) for f in SHARED})
        for r in rules
    ]))


def _reference_hits(group, walk, text):  # type: ignore[no-untyped-def]
    scored = ref.score(walk, group.scorer, text)
    if scored is None:
        return None, []
    probs, spans, words = scored
    groups = {s.group for s in spans}
    # the decision's pseudo groups (customer, told, unsaid, labels) are the live code's meaning
    decide = decision_groups(read(fold(text)).casefold(), groups, compiled(bundled_secrecy()))
    if "nonpublic" in decide and "nonpublic" not in groups:
        # round sixteen: a `withheld` cue, the decision's only, is shown in the evidence
        spans = spans + withheld_spans(read(fold(text)), compiled(bundled_secrecy()))
    # Which rules fire is the decision's (`firing`: a rule's threshold, then the category the
    # draft names), not the fast path's: the live function, as `needed` is.
    hits = []
    for i in firing(group._needs, probs, frozenset(decide)):
        rule = group.rules[i]
        feats = set(features(words, spans, group.scorer.chars))
        hits.append(group._hit(rule, text, spans, feats, probs.get(rule.category, 0.0)))
    return (probs, frozenset(groups)), hits


@pytest.fixture(scope="module")
def group():  # type: ignore[no-untyped-def]
    detector = EventDetector([r for r in load_pack(["default"]).rules if r.detector == "events"])
    (only,) = detector._groups
    return only


def _same_on(group, texts: list[str]) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    walk = _reference(group)
    scored = fired = 0
    for text in texts:
        want, want_hits = _reference_hits(group, walk, text)
        assert group.score(text) == want, text  # probabilities compared with ==, not approx
        assert group.find(text) == want_hits, text
        low = fold(text).casefold()
        want_words = ref.scorer_tokens(ref.cue_tokens(low))
        assert scorer_tokens(low, TOKEN.findall(low)) == want_words, text
        scored += want is not None
        fired += bool(want_hits)
    return scored, fired


def test_the_same_scores_and_hits_on_the_training_and_held_out_drafts(group):
    paths = sorted((ROOT / "training" / "events").glob("*.jsonl"))
    paths += [p for p in HELDOUT if p.exists()]
    texts = _texts(paths)
    assert len(texts) > 4000
    scored, fired = _same_on(group, texts)
    assert scored > 3000 and fired > 1000  # both outcomes were exercised


def test_the_same_scores_and_hits_on_the_real_posts(group):
    missing = [p for p in REAL if not p.exists()]
    if missing:
        pytest.skip(f"the real posts are missing: {missing[0]}")
    scored, fired = _same_on(group, _texts(REAL))
    # Every scored real post gives the same scores and hits. Since round fifteen none of the
    # 7,000 fires (customers' own things, a technician at home: classes, not a threshold), so
    # the hits are exercised by the training drafts above; here, at most the issue's 0.1%.
    assert scored > 3000 and fired <= 7


@pytest.mark.parametrize("text", [
    "we're laying off 200 people on Friday, not public yet",
    "Straße: our board meets Monday about the layoffs",  # ß grows when casefolded
    "It\u2019s not public yet: layoffs next week",  # a curly apostrophe
    "les LICENCIEMENTS arrivent, pas encore annoncé",  # a `*` cue, upper case
    "not  public\u00a0yet",  # a cue's words apart by several spaces and a no-break space
    "we we we we",  # one cue four times, overlapping keys in the canonical text
    "_ we , 2024 ... 1,5 M€ 🤫🤫 l'annonce __ x_y",  # "_" is punctuation, "__" is not
    "Shhh 🤫 le plan social de notre boîte sort jeudi",
    "hello world",
    "",
])
def test_awkward_drafts_score_the_same(group, text):
    walk = _reference(group)
    want, want_hits = _reference_hits(group, walk, text)
    assert group.score(text) == want
    assert group.find(text) == want_hits
    low = fold(text).casefold()
    assert scorer_tokens(low, TOKEN.findall(low)) == ref.scorer_tokens(ref.cue_tokens(low))


def test_the_cue_groups_come_from_the_words_in_order():
    cues = CueSet([("own", ["the board", "we"]), ("kind:mnpi:layoff", ["licenci*", "lay off"]),
                   ("nonpublic", ["not public*", "🤫"])])
    assert cues.groups_in(["board", "of", "the", "club"]) == set()
    assert cues.groups_in(["the", "board"]) == {"own"}
    assert cues.groups_in(["wee", "licence"]) == set()  # "we" is a whole word; "licenc"
    assert cues.groups_in(["vague", "de", "licenciements"]) == {"kind:mnpi:layoff"}
    assert cues.groups_in(["not", "publicly", "🤫"]) == {"nonpublic"}
    assert cues.groups_in(["we", "lay", "off"]) == {"own", "kind:mnpi:layoff"}
