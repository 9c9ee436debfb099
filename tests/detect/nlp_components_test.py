"""Which spaCy components a check runs: only those its rules need, and not a shared tok2vec that
no component run listens to (the small pipelines' `ner` has a tok2vec of its own); and a cold
`import spacy` without spaCy's command-line package, which a check never uses."""

from __future__ import annotations

import subprocess
import sys

import pytest

from guard import Guard
from guard.detect.nlp import runtime
from guard.models import Settings

pytestmark = pytest.mark.nlp

DRAFTS = [
    "Tim Cook met Satya Nadella in Cupertino on Monday to sign a $4.5M deal with Globex.",
    "Réunion avec Jean Dupont chez Airbus à Toulouse : 3 millions d'euros sur la table.",
    "Émilie from Ünicorn GmbH 🦄 flew to 東京 with €2,000 — ask Dr. O'Brien-Smith.",
    # fullwidth ACME, a Cherokee letter for the A of Apple
    "\uff21\uff23\uff2d\uff25 Corp and \u13aapple Inc. will pay 12% more to Jane Doe.",
    "x " * 400 + "Globex Corporation, Berlin, 2026",
    "",
]


def _model(lang: str) -> str:
    return runtime.model_name(lang, Settings())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_entities_alone_do_not_run_the_shared_tok2vec(lang):
    nlp = runtime.load_pipeline(_model(lang), runtime.COMPONENTS["ner"], lang)
    assert nlp.pipe_names == ["tok2vec", "ner"]  # loaded, as before
    assert runtime.running(nlp, runtime.COMPONENTS["ner"]) == ["ner"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_component_that_listens_keeps_the_shared_tok2vec(lang):
    keep = runtime.COMPONENTS["lemma"] | runtime.COMPONENTS["ner"]
    nlp = runtime.load_pipeline(_model(lang), keep, lang)
    run = runtime.running(nlp, keep)
    assert run[0] == "tok2vec" and "ner" in run
    assert set(run) == set(nlp.pipe_names)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_entities_are_the_same_with_and_without_the_shared_tok2vec(lang):
    nlp = runtime.load_pipeline(_model(lang), runtime.COMPONENTS["ner"], lang)
    with_it = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(DRAFTS)]
    without = [
        [(e.start_char, e.end_char, e.label_) for e in d.ents]
        for d in nlp.pipe(DRAFTS, disable=["tok2vec"])
    ]
    assert without == with_it
    assert any(with_it)  # the drafts do have entities


def test_an_entity_pack_finds_what_it_found_before(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "version: 1\nsettings: {languages: [en, fr]}\nrules:\n"
        "  - id: org.any\n    category: client\n    severity: high\n"
        "    entity: [ORG, PERSON, MONEY]\n",
        encoding="utf-8",
    )
    guard = Guard.from_files([str(pack)])
    got = [[(f.rule, f.start, f.end, f.text) for f in r.findings]
           for r in guard.check_many(DRAFTS[:-1])]  # an empty draft is refused
    nlp = runtime.load_pipeline(_model("en"), runtime.COMPONENTS["ner"], "en")
    assert ("org.any", 0, 8, "Tim Cook") in got[0]
    assert nlp.pipe_names == ["tok2vec", "ner"]


def test_spacy_loads_and_runs_without_its_command_line_package():
    script = (
        "import sys\n"
        "from guard.detect.nlp import runtime\n"
        "spacy = runtime.import_spacy()\n"
        "print('spacy.cli' in sys.modules, 'requests' in sys.modules, hasattr(spacy, 'cli'))\n"
        "nlp = runtime.load_pipeline(runtime.model_name('en', runtime.Settings()),\n"
        "                            runtime.COMPONENTS['ner'], 'en')\n"
        "print([e.text for e in nlp('Tim Cook met Satya Nadella in Cupertino.').ents])\n"
        "import spacy.cli\n"  # the real package, once asked for
        "print(spacy.cli.download.__module__, callable(spacy.info))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=300).stdout.splitlines()
    assert out[0] == "False False False"
    assert out[1] == "['Tim Cook', 'Satya Nadella', 'Cupertino']"
    assert out[2] == "spacy.cli.download True"
