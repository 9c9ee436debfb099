"""What a cold `guard check --no-nlp` of a quiet draft loads (issue 15's cold-start target): not
spaCy, typer, pathlib, the YAML loader or `dataclasses` (guard.record builds the records), not
the events detector when no events gate opens, and not `regex` when no pattern runs and the
draft is ASCII (the default pack's choice between English and French reads an ASCII draft with
`re`, any other with `regex`). Fresh processes, the pack cache filled by a first run as on every
later call from a shell or pre-commit; nothing is timed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Prints the exit code and the modules the check loaded (not those the interpreter's start
# loaded already: an editable install's import finder brings pathlib, for one).
_COLD = (
    "import contextlib, io, json, sys\n"
    "started = set(sys.modules)\n"
    "from guard.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    code = main(['check', '--no-nlp', *sys.argv[1:]])\n"
    "print(json.dumps([code, sorted(set(sys.modules) - started)]))\n"
)
# The events detector's modules (the cue index's own, `cues`, is read with the pack cache).
EVENTS = ("guard.detect.events.detector", "guard.detect.events.secrecy",
          "guard.detect.events.features", "guard.detect.events.model")
NEVER = ("spacy", "typer", "click", "pathlib", "yaml", "guard.packs.loader", "guard.detect.nlp",
         "pydantic")
# Nor, for a quiet draft, `dataclasses` (≈ 38 M instructions with the `inspect` it brings): the
# records on that path are guard.record's. (The events detector's own still use dataclasses.)
RECORDS = ("dataclasses", "inspect")


def _cold(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    env = {"GUARD_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    if "PYTHONPATH" in os.environ:  # a work tree run against a shared environment's install
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    out = None
    for _ in range(2):  # the first run fills the pack cache, the second reads it
        out = subprocess.run([sys.executable, "-c", _COLD, *args], capture_output=True,
                             text=True, cwd=tmp_path, env=env)
        assert out.returncode == 0, out.stderr
    assert out is not None
    code, modules = json.loads(out.stdout)
    return code, set(modules)


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


def test_a_quiet_draft_loads_no_model_no_typer_no_events_detector_and_no_regex(tmp_path):
    code, modules = _cold(tmp_path, "hello")
    assert code == 0
    assert _loaded(modules, ("regex", *NEVER, *EVENTS, *RECORDS)) == []


def test_a_quiet_draft_outside_ascii_loads_regex_for_its_language(tmp_path):
    code, modules = _cold(tmp_path, "très bien")
    assert code == 0
    assert "regex" in modules
    assert _loaded(modules, NEVER + EVENTS + RECORDS) == []


def test_a_draft_that_opens_the_events_gate_loads_the_detector_and_is_checked(tmp_path):
    code, modules = _cold(tmp_path, "we're laying off 300 people next week, not public yet 🤫")
    assert code == 1  # blocked, as without the gate
    assert set(_loaded(modules, EVENTS[:3])) == set(EVENTS[:3])
    assert _loaded(modules, NEVER) == []


@pytest.fixture
def one_language_pack(tmp_path: Path) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_text(
        "version: 1\nname: acme\nsettings: {languages: [en]}\nrules:\n"
        "  - id: codename.falcon\n    category: codename\n    severity: critical\n"
        "    terms: [Project Falcon]\n"
        "  - id: secret.aws\n    category: secret\n    severity: critical\n"
        "    pattern: '\\bAKIA[A-Z0-9]{16}\\b'\n",
        encoding="utf-8",
    )
    return path


def test_a_quiet_draft_runs_no_pattern_and_loads_no_regex(tmp_path, one_language_pack):
    code, modules = _cold(tmp_path, "hello", "--rules", str(one_language_pack))
    assert code == 0
    assert _loaded(modules, ("regex", *NEVER)) == []


def test_a_pattern_that_may_match_loads_regex_and_blocks(tmp_path, one_language_pack):
    code, modules = _cold(tmp_path, "key AKIAABCDEFGHIJKLMNOP", "--rules", str(one_language_pack))
    assert code == 1
    assert "regex" in modules
