"""The smaller holes of issue 12: arguments, dates, languages and CRLF columns."""

from __future__ import annotations

import os

import pytest

KEY = "AKIAIOSFODNN7EXAMPLE"


def test_an_invalid_utf8_argument_is_refused_like_the_same_bytes_in_a_file(cli, falcon_pack,
                                                                             tmp_path):
    raw = b"caf\xe9 Falcon"
    argument = os.fsdecode(raw)  # how Python hands undecodable argv bytes to the program
    (tmp_path / "draft.txt").write_bytes(raw)
    by_arg = cli("check", argument, "--rules", falcon_pack)
    by_file = cli("check", "--file", "draft.txt", "--rules", falcon_pack)
    assert by_arg.code == by_file.code == 2
    assert "<argument>: not valid UTF-8 at byte 3" in by_arg.err
    assert "draft.txt: not valid UTF-8 at byte 3" in by_file.err


def test_an_argument_with_a_lone_surrogate_is_refused(cli, falcon_pack):
    run = cli("check", "Falcon \ud800", "--rules", falcon_pack)
    assert run.code == 2 and "unpaired surrogate" in run.err


@pytest.mark.parametrize("command", ["check", "scan"])
def test_an_unknown_language_is_refused_even_without_nlp(cli, falcon_pack, tmp_path, command):
    (tmp_path / "p.txt").write_text("hallo\n", encoding="utf-8")
    target = "hallo" if command == "check" else "p.txt"
    run = cli(command, target, "--rules", falcon_pack, "--lang", "de", "--no-nlp")
    assert run.code == 2
    assert "'de' is not a language the guard knows; use one of en, fr" in run.err


@pytest.mark.parametrize("value", ["20261130", "2026-W48-1", "2026-334", "2026-11-30T00:00"])
def test_today_takes_only_year_month_day(cli, falcon_pack, value):
    run = cli("check", "hello", "--rules", falcon_pack, "--today", value)
    assert run.code == 2
    assert f"--today '{value}' is not a date; write it as YYYY-MM-DD" in run.err


def test_hook_columns_hold_on_crlf_files(cli, tmp_path):
    path = tmp_path / "post.txt"
    path.write_bytes(f"Launch day!\r\nsecond line\r\nour key is {KEY} oops\r\n".encode())
    run = cli("hook", str(path), "--rules", "default")
    lines = [line for line in run.out.splitlines() if ": secret." in line]
    assert lines and all(line.startswith(f"{path}:3:12: secret.") for line in lines)
