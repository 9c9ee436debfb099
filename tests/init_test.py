"""`guard init`: the starter pack loads, lints clean, and each example behaves as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from guard.engine import Guard
from guard.packs.loader import load_pack

MODEL_FREE = ("terms", "terms_file", "pattern")


def _starter(cli) -> Guard:
    run = cli("init")
    assert run.code == 0, run.err
    assert Path(".guard.yaml").is_file() and Path(".guard-clients.txt").is_file()
    return Guard.from_files([".guard.yaml"])


def _own_rules(guard: Guard):
    return [r for r in guard.pack.rules if r.source and r.source.file.endswith(".guard.yaml")]


def test_starter_has_one_rule_of_each_detector_over_default(cli):
    guard = _starter(cli)
    rules = _own_rules(guard)
    assert sorted(r.detector for r in rules) == sorted(
        ["terms", "terms_file", "pattern", "entity", "phrases"])
    assert all(r.examples.flag and r.examples.passes for r in rules)
    assert len(guard.pack.rules) > len(rules)  # extends: [default]
    assert "extends: [default]" in Path(".guard.yaml").read_text(encoding="utf-8")


def _examples_hold(guard: Guard, detectors: tuple[str, ...]) -> None:
    for rule in _own_rules(guard):
        if rule.detector not in detectors:
            continue
        for draft in rule.examples.flag:
            found = [f.rule for f in guard.check(draft).findings]
            assert rule.id in found, (rule.id, draft, found)
        for draft in rule.examples.passes:
            found = [f.rule for f in guard.check(draft).findings]
            assert rule.id not in found, (rule.id, draft, found)


def test_model_free_examples_flag_and_pass(cli):
    guard = _starter(cli)
    _examples_hold(Guard(guard.pack, nlp=False), MODEL_FREE)


@pytest.mark.nlp
def test_nlp_examples_flag_and_pass(cli):
    guard = _starter(cli)
    _examples_hold(guard, ("entity", "phrases"))
    run = cli("rules", "test", ".guard.yaml")
    assert run.code == 0, run.out


def test_init_refuses_to_overwrite_without_force(cli):
    assert cli("init").code == 0
    Path(".guard.yaml").write_text("version: 1\n", encoding="utf-8")
    again = cli("init")
    assert again.code == 2 and "--force" in again.err
    assert Path(".guard.yaml").read_text(encoding="utf-8") == "version: 1\n"
    assert cli("init", "--force").code == 0
    load_pack([".guard.yaml"])
    lint = cli("rules", "lint", ".guard.yaml")
    assert lint.code == 0 and "0 error(s), 0 warning(s)" in lint.out
