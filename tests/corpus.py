"""Every draft text the equivalence tests replay: the real posts (EN and FR), the labelled set
and the events training data."""

from __future__ import annotations

import json
from functools import cache

from tests.scripts import ROOT


@cache
def every_text() -> tuple[str, ...]:
    """The texts, in a fixed order; the shared corpora count only where they are beside the repo."""
    corpora = ROOT.parent / "shared" / "corpora"
    paths = [corpora / "real_posts.jsonl", corpora / "real_posts_fr.jsonl",
             ROOT / "tests" / "data" / "labelled.jsonl",
             *sorted((ROOT / "training" / "events").glob("*.jsonl"))]
    out: list[str] = []
    for path in paths:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                out += [json.loads(line)["text"] for line in fh if line.strip()]
    return tuple(out)
