"""tools/events_models.py: its folds, its decisions (the detector's) and a deterministic textcat."""

from __future__ import annotations

import json

import pytest

from tests.scripts import ROOT, load_script

pytest.importorskip("sklearn", reason="scikit-learn (the [train] extra) trains the models")


def leak(category: str, lang: str = "en") -> dict[str, object]:
    return {"text": "", "lang": lang, "leak": True, "category": category}


def test_a_leak_counts_as_the_detector_decides_it():
    tool = load_script("tools/events_models.py")
    secret = {"kind:mnpi:layoff", "nonpublic"}
    public = {"kind:mnpi:layoff", "public"}  # public wording, no secrecy cue: 0.97 needed
    seen = [
        (leak("mnpi"), {"none": 0.45, "mnpi": 0.55, "incident": 0, "roadmap": 0}, secret),
        (leak("mnpi"), {"none": 0.45, "mnpi": 0.55, "incident": 0, "roadmap": 0}, public),
        (leak("roadmap", "fr"), {}, set()),  # no cue: never scored, never caught
        ({"text": "", "lang": "en", "leak": False, "category": "incident"},
         {"none": 0.3, "mnpi": 0, "incident": 0.7, "roadmap": 0}, {"kind:incident:breach"}),
    ]
    real = [({"none": 0.9, "mnpi": 0.1, "incident": 0, "roadmap": 0}, {"own"}), ({}, set())]
    tally = tool.tally(seen, real)
    assert tally == {"cells": {"mnpi/en": [1, 2], "roadmap/fr": [0, 1]}, "neg": [1, 1],
                     "real": [0, 2]}
    line = tool.line("fold", "linear", tally)
    assert "1/2 0/0 0/0 0/0 0/0 0/1  all 1/3 (33.3%)  hard-neg 1/1 (100.0%) real 0/2" in line


def test_leave_one_batch_out_sums_every_batch_once():
    tool = load_script("tools/events_models.py")
    a = {"cells": {"mnpi/en": [3, 4]}, "neg": [1, 10]}
    b = {"cells": {"mnpi/en": [1, 2], "incident/fr": [2, 2]}, "neg": [0, 5], "real": [2, 3469]}
    assert tool.merged([a, b]) == {"cells": {"mnpi/en": [4, 6], "incident/fr": [2, 2]},
                                   "neg": [1, 15], "real": [2, 3469]}


def test_the_fresh_folds_are_the_writers_files():
    tool = load_script("tools/events_models.py")
    folds = {name: (skip, without, len(rows)) for name, skip, without, rows in
             tool.splits(["fresh"])}
    # round thirteen: the four latest writers (round eleven's and twelve's), 460 drafts each
    assert folds == {name: (None, f"{name}-*", 460)
                     for name in ("round11a", "round11b", "round12a", "round12b")}


def test_textcat_trained_twice_gives_the_same_scores():
    pytest.importorskip("spacy", reason="spaCy trains the textcat candidate")
    kinds = load_script("tools/events_kinds.py")
    rows = []
    for path in sorted((ROOT / "training" / "events").glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        rows += [json.loads(line) for line in lines[:: max(1, len(lines) // 8)]]
    data = [(r["text"], r["category"] if r["leak"] else "none", 1.0) for r in rows]
    drafts = ["we're laying off 200 people on Friday, not public yet 🤫",
              "« On ferme l'usine de Lyon en mars », dit mon boss. Pas encore annoncé."]
    first, second = (kinds.textcat_fit(data, epochs=1) for _ in range(2))
    scores = [[d.cats for d in nlp.pipe(drafts)] for nlp in (first, second)]
    assert scores[0] == scores[1]
    assert set(scores[0][0]) == {"none", "mnpi", "incident", "roadmap"}


def test_a_leak_the_scorer_reads_as_another_category_counts_when_the_draft_names_its_own():
    # Round thirteen: the tool decides as the detector has since round eleven (leak first,
    # category second), as tools/events_fresh.py does; before, this breach was counted missed.
    tool = load_script("tools/events_models.py")
    breach = {"kind:incident:breach", "nonpublic"}
    seen = [(leak("incident"), {"none": 0.3, "mnpi": 0.6, "incident": 0.1, "roadmap": 0}, breach),
            (leak("incident"), {"none": 0.3, "mnpi": 0.67, "incident": 0.03, "roadmap": 0},
             breach)]  # below the floor (0.05) its own category does not fire
    assert tool.tally(seen, None)["cells"] == {"incident/en": [1, 2]}
