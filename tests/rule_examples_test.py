"""Every rule of every bundled pack has examples, and the engine treats each as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from guard.authoring.examples import run_examples
from guard.detect.registry import is_nlp
from guard.errors import GuardError
from guard.packs.loader import bundled_dir, load_pack

PACKS = sorted(bundled_dir().glob("*.yaml"))


def _param(path: Path) -> object:
    try:
        needs_nlp = any(is_nlp(r) for r in load_pack([str(path)]).rules)
    except GuardError:
        needs_nlp = False  # a broken pack fails in the test itself, not at collection
    return pytest.param(path, id=path.stem, marks=[pytest.mark.nlp] if needs_nlp else [])


def _own(path: Path) -> list[str]:
    pack = load_pack([str(path)])
    return [r.id for r in pack.rules
            if r.source is not None and Path(r.source.file).resolve() == path.resolve()]


@pytest.mark.parametrize("path", [_param(p) for p in PACKS])
def test_every_rule_has_examples(path):
    pack = load_pack([str(path)])
    own = set(_own(path))
    missing = [r.id for r in pack.rules
               if r.id in own and not (r.examples.flag and r.examples.passes)]
    assert not missing, f"{path.name}: rules without both flag and pass examples: {missing}"


@pytest.mark.parametrize("path", [_param(p) for p in PACKS])
def test_examples_behave_as_written(path):
    results = run_examples(load_pack([str(path)]))
    assert not results.skipped, results.skipped
    report = [
        f"{o.source}: {o.rule}: {o.expect} example {o.draft!r}: found {list(o.found) or 'nothing'}"
        for o in results.failures
    ]
    assert not report, "\n".join(report)


def test_rules_test_command_passes_on_the_default_pack(cli):
    run = cli("rules", "test", "default")
    assert run.code == 0, run.out
    assert " 0 failed" in run.out
