"""Packs that would have loaded and then allowed everything, hung, or read anything on disk."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from guard import Guard
from guard.errors import RulePackError, RulePackErrors, UsageError
from guard.packs.loader import discover, load_pack


def errors_of(path: Path) -> list[RulePackError]:
    with pytest.raises((RulePackError, RulePackErrors)) as info:
        load_pack([str(path)])
    exc = info.value
    return exc.errors if isinstance(exc, RulePackErrors) else [exc]


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_a_confidence_that_is_not_finite_is_refused_at_its_line(write_pack, value):
    path = write_pack(f"""\
        version: 1
        rules:
          - id: secret.aws
            severity: critical
            confidence: {value}
            terms: [AKIAEXAMPLE]
        """)
    [error] = errors_of(path)
    assert (error.line, error.column, error.rule_id) == (5, 17, "secret.aws")
    assert "expected a finite number" in error.describe()


def test_no_rule_files_is_an_error_not_an_empty_guard():
    with pytest.raises(UsageError, match="no rule files given"):
        Guard.from_files([])


@pytest.mark.parametrize("value", [":", "::", " : "])
def test_guard_rules_naming_no_file_is_an_error(monkeypatch, value):
    monkeypatch.setenv("GUARD_RULES", value)
    with pytest.raises(UsageError, match="names no rule file"):
        discover()


def test_guard_rules_naming_no_file_exits_2_on_the_command_line(cli, monkeypatch):
    monkeypatch.setenv("GUARD_RULES", ":")
    run = cli("check", "--no-nlp", "AKIAIOSFODNN7EXAMPLE")
    assert run.code == 2
    assert "$GUARD_RULES is set to ':' but names no rule file" in run.err


def test_an_alias_bomb_is_refused_fast(write_pack):
    text = 'version: 1\nrules:\n  - id: topic.x\n    entity: ORG\n    phrases:\n'
    text += '      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghi":
        text += f"      {name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    path = write_pack(text)
    started = time.process_time()
    [error] = errors_of(path)
    assert time.process_time() - started < 5  # 93 s and 3 GB before: a hang guard, not a timing
    assert "alias bomb" in error.describe()
    assert error.line == 6


def test_a_recursive_alias_is_refused(write_pack):
    path = write_pack("version: 1\nallow: &a [x, *a]\nrules: []\n")
    [error] = errors_of(path)
    assert "contains it" in error.describe() and error.line == 2


TERMS_RULE = """\
version: 1
rules:
  - id: client.names
    terms_file: {target}
"""


def test_a_terms_file_outside_the_pack_folder_is_refused(tmp_path):
    (tmp_path / "secret.txt").write_text("Falcon\n", encoding="utf-8")
    pack_dir = tmp_path / "pack"
    pack_dir.mkdir()
    path = pack_dir / "pack.yaml"
    path.write_text(TERMS_RULE.format(target="../secret.txt"), encoding="utf-8")
    [error] = errors_of(path)
    assert (error.line, error.column, error.rule_id) == (4, 17, "client.names")
    assert "outside the rule file's folder" in error.describe()


def test_a_terms_file_in_a_subfolder_loads(tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "clients.txt").write_text("Globex\n", encoding="utf-8")
    path = tmp_path / "pack.yaml"
    path.write_text(TERMS_RULE.format(target="lists/clients.txt"), encoding="utf-8")
    assert load_pack([str(path)]).rules[0].terms == ("Globex",)


def test_a_terms_file_that_is_a_fifo_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "clients.txt")
    path = tmp_path / "pack.yaml"
    path.write_text(TERMS_RULE.format(target="clients.txt"), encoding="utf-8")
    [error] = errors_of(path)
    assert "not a regular file" in error.describe()


def test_a_terms_file_that_links_to_a_device_is_refused(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    path = tmp_path / "pack.yaml"
    path.write_text(TERMS_RULE.format(target="zero.txt"), encoding="utf-8")
    [error] = errors_of(path)
    assert "outside the rule file's folder" in error.describe()


def test_a_huge_terms_file_is_refused(tmp_path):
    with (tmp_path / "clients.txt").open("wb") as fh:
        fh.truncate(5 * 1024 * 1024)
    path = tmp_path / "pack.yaml"
    path.write_text(TERMS_RULE.format(target="clients.txt"), encoding="utf-8")
    [error] = errors_of(path)
    assert "larger than 4 MiB" in error.describe()


@pytest.mark.parametrize("key", ["pattern", "exclude"])
def test_a_catastrophic_pattern_does_not_load(write_pack, key):
    rule = ("pattern: '^(a|aa)+$'" if key == "pattern"
            else "terms: [Falcon]\n    exclude: {patterns: ['^(a|aa)+$']}")
    path = write_pack(f"version: 1\nrules:\n  - id: internal.ticket\n    {rule}\n")
    [error] = errors_of(path)
    assert error.rule_id == "internal.ticket"
    assert "backtracks catastrophically" in error.describe()
    assert error.line == (4 if key == "pattern" else 5)


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ("entity: [PERSON, ORGANIZATION]", "unknown entity label 'ORGANIZATION'"),
        ("phrases: [[{LOWER: good}, {LOWERR: numbers}]]", "LOWERR"),
    ],
)
def test_a_rule_active_only_later_is_validated_today(write_pack, rule, problem):
    path = write_pack(f"""\
        version: 1
        rules:
          - id: later.rule
            active: {{from: 2027-01-01}}
            {rule}
          - id: codename.falcon
            terms: [Falcon]
        """)
    with pytest.raises(RulePackError) as info:
        Guard.from_files([str(path)], nlp=False, today=dt.date(2026, 11, 30))
    assert info.value.rule_id == "later.rule"
    assert problem in info.value.describe()


@pytest.mark.parametrize(
    ("text", "where", "opened"),
    [
        ("version: 1\nrules:\n  - id: a\n    terms: [Falcon, Heron\n  - id: b\n"
         "    terms: [x]\n", (5, 7), "the bracket '[' opened at line 4, column 12 is never closed"),
        ('version: 1\nrules:\n  - id: a\n    terms: ["Falcon, Heron]\n  - id: b\n'
         "    terms: [x]\n", (7, 1), "the quote '\"' opened at line 4, column 13 is never closed"),
    ],
)
def test_a_yaml_syntax_error_names_the_bracket_or_quote_left_open(write_pack, text, where,
                                                                  opened):
    [error] = errors_of(write_pack(text))
    assert (error.line, error.column) == where
    assert opened in error.describe()
