"""The `events` detector's shortcuts change nothing: the cue gate and the pair-indexed scorer
give the very hits (rules, spans, kinds, cues, scores) of the plain cut-match-featurise-score path,
on the real posts, every training draft and the held-out batches 1-5."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from guard.detect.events.cues import CueSet, cue_tokens, figures, fold
from guard.detect.events.detector import EventDetector, firing
from guard.detect.events.features import cue_features, draft_features, features, tokens
from guard.detect.events.secrecy import secrecy, withheld_spans
from guard.detect.events.senses import read
from guard.detect.events.shape import decision_groups
from guard.packs.loader import load_pack
from tests.detect.secrecy_support import G

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
# events-6 is a fresh held-out batch: never read here.
HELDOUT = [ROOT / "tests" / "data" / "heldout" / f"events-{n}.jsonl" for n in range(1, 6)]


def _texts() -> list[str]:
    paths = [*sorted((ROOT / "training" / "events").glob("*.jsonl")), *HELDOUT]
    paths += [p for p in (CORPORA / "real_posts.jsonl", CORPORA / "real_posts_fr.jsonl")
              if p.exists()]
    out = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            out += [json.loads(line)["text"] for line in fh if line.strip()]
    return out


def plain_find(group, text: str):  # type: ignore[no-untyped-def]
    """The detector without its shortcuts: every draft cut, matched, featurised and scored."""
    folded = read(fold(text))  # round twenty-nine b: as the detector reads it
    toks = cue_tokens(folded)
    spans = group.cues.find(folded, toks) + secrecy(folded, G)  # round ten: grammar cues too
    if not spans:
        return [], None
    spans += figures(folded)
    scorer = group.scorer
    words = tokens(toks)
    logits = scorer.draft_logits(words, draft_features(words, spans))
    probs = scorer.softmax(logits)
    # the decision's pseudo groups (customer, told, unsaid, labels), as the live code names them
    groups = decision_groups(folded.casefold(), {s.group for s in spans}, G)
    # round eleven's decision: each rule at its need, then the named category (leak first)
    fired = firing([(r.category, r.events) for r in group.rules], probs, frozenset(groups))
    if "nonpublic" in groups and not any(s.group == "nonpublic" for s in spans):
        spans += withheld_spans(folded, G)  # round sixteen: the decision's cue, in the evidence
    feats = set(features(words, spans, scorer.chars))
    hits = [group._hit(rule, text, spans, feats, probs.get(rule.category, 0.0))
            for rule in (group.rules[i] for i in fired)]
    return hits, logits


@pytest.fixture(scope="module")
def detector() -> EventDetector:
    return EventDetector([r for r in load_pack(["default"]).rules if r.detector == "events"])


def test_the_fast_path_gives_the_plain_paths_hits_on_every_draft_we_keep(detector):
    texts = _texts()
    if not (CORPORA / "real_posts.jsonl").exists():
        pytest.skip(f"the real posts are missing: {CORPORA / 'real_posts.jsonl'}")
    assert len(texts) > 8000
    (group,) = detector._groups
    fired = gated = 0
    for text in texts:
        want, logits = plain_find(group, text)
        got = group.find(text)
        assert got == want, text
        if logits is not None:  # the same floats, not merely the same verdicts
            folded = read(fold(text))
            toks = cue_tokens(folded)
            spans = group.cues.find(folded, toks) + figures(folded) + secrecy(folded, G)
            words = tokens(toks)
            fast = group.scorer.fast_logits(words, cue_features({s.group for s in spans}))
            assert fast == logits, text
        fired += bool(want)
        gated += not group.cues.may_match(fold(text))
    assert fired > 2000 and gated > 1000  # both paths were exercised


def test_bigrams_named_or_indexed_give_the_same_floats(detector):
    """A fresh scorer names each draft's bigrams (a cold check never pays for the index); past
    PAIRS_AFTER drafts it looks them up in the index: the same floats either way."""
    from guard.detect.events import model

    (group,) = detector._groups
    shipped = group.scorer
    parts = (shipped.classes, shipped.bias, shipped.index, shipped.columns, shipped.chars,
             shipped.shapes)
    named, indexed = model.Scorer(*parts), model.Scorer(*parts)
    indexed._named = model.PAIRS_AFTER
    drafts = [t for t in _texts()[:3000] if t.strip()] + [
        "on ne l'a pas encore annoncé : fermeture du site de Lyon 🤫, 140 postes",
        "Straße: our board meets Monday about the layoffs",
    ]
    seen_pairs = 0
    for text in drafts:
        words = tokens(cue_tokens(fold(text)))
        feats = cue_features({"nonpublic", "own"})
        assert named.fast_logits(words, feats) == indexed.fast_logits(words, feats), text
        seen_pairs += any(f"b:{a} {b}" in named.index for a, b in pairwise(words))
    assert named._pairs is None and indexed._pairs is not None
    assert seen_pairs > 500  # bigrams of the model were looked up both ways


@pytest.mark.parametrize("text", [
    "we're laying off 200 people on Friday",
    "les LICENCIEMENTS arrivent, pas encore annoncé",  # a `*` cue, upper case
    "Straße: our board meets Monday about the layoffs",  # ß grows when casefolded
    "It\u2019s not public yet: layoffs next week",  # a curly apostrophe
    "board the",  # words of a cue in another order: the gate lets it through, find decides
    "hello world",
    "",
])
def test_the_gate_never_hides_a_cue(detector, text):
    (group,) = detector._groups
    folded = fold(text)
    spans = group.cues.find(folded)
    if spans:
        assert group.cues.may_match(folded)
    assert group.find(text) == plain_find(group, text)[0]


def test_a_draft_without_the_words_of_any_cue_is_turned_away():
    cues = CueSet([("own", ["the board", "we"]), ("kind:mnpi:layoff", ["licenci*"])])
    assert not cues.may_match("the weather is nice")  # "the" alone is not "the board"
    assert cues.may_match("board of the club")  # both words: `find` decides the order
    assert cues.find("board of the club") == []
    assert cues.may_match("vague de licenciements")
    assert not cues.may_match("licence to kill")  # "licenc", not "licenci"
    assert [s.text for s in cues.find("We did")] == ["We"]
