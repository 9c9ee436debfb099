"""`guard fix` and guard/fix.py: approved wordings and removals, checked again, honest leftovers."""

from __future__ import annotations

import pytest

from guard.engine import Guard
from guard.fix import fix, fix_dict
from guard.packs.loader import load_pack

KEY = "AKIAIOSFODNN7EXAMPLE"
PACK = """\
version: 1
name: acme
rules:
  - id: codename.falcon
    severity: critical
    terms: ["Project Falcon", "Falcon"]
    replace_with: our next release
    message: Internal project codename
    examples: {flag: ["Falcon ships"], pass: ["hello"]}
  - id: client.globex
    severity: critical
    terms: [Globex]
    message: A client name
    examples: {flag: ["Globex signed"], pass: ["hello"]}
"""


@pytest.fixture
def pack(write_pack):
    return write_pack(PACK)


@pytest.fixture
def guard(pack):
    return Guard(load_pack([str(pack), "secret"]), nlp=False)


def test_replace_with_puts_the_approved_wording_in_and_checks_again(guard):
    result = fix(guard, "Project Falcon ships Monday; Falcon beta too")
    assert result.text == "Our next release ships Monday; our next release beta too"
    assert [(e.rule, e.start, e.end, e.action) for e in result.edits] == [
        ("codename.falcon", 0, 14, "replace"), ("codename.falcon", 29, 35, "replace")]
    assert result.report.verdict == "allow" and result.report.findings == ()
    assert result.report.length.weighted == len(result.text)


def test_remove_deletes_a_secret_and_the_space_before_it(guard):
    result = fix(guard, f"deploy with {KEY}, then rotate")
    assert result.text == "deploy with, then rotate"
    assert [(e.rule, e.start, e.end, e.replacement) for e in result.edits] == [
        ("secret.aws-access-key", 11, 32, "")]
    assert result.report.verdict == "allow"


def test_what_no_rule_can_fix_is_said_with_offsets_into_the_rewritten_draft(guard, pack):
    result = fix(guard, "Falcon and Globex 🚀 déjà")
    assert result.text == "Our next release and Globex 🚀 déjà"
    assert result.report.verdict == "block"
    (left,) = result.unfixed
    assert (left.rule, left.start, left.end, left.text) == ("client.globex", 21, 27, "Globex")
    shape = fix_dict(result, guard.pack)
    assert shape["changed"] is True
    assert shape["unfixed"][0]["reason"] == ("the rule has no approved wording (replace_with) nor "
                                             "remove: rewrite it by hand")


def test_offsets_are_code_points_past_emoji_and_cjk(guard):
    result = fix(guard, "🚀🚀 機密 Falcon!")
    assert result.text == "🚀🚀 機密 our next release!"
    assert [(e.start, e.end) for e in result.edits] == [(6, 12)]


def test_a_look_alike_spelling_is_replaced_too(guard):
    result = fix(guard, "F\u0430lcon ships")  # a Cyrillic a
    assert result.text == "Our next release ships"


def test_a_clean_draft_comes_back_unchanged(guard):
    result = fix(guard, "Lovely morning, coffee and a walk")
    assert result.edits == () and result.text == "Lovely morning, coffee and a walk"


def test_the_length_is_reported_not_fixed(guard):
    draft = "Falcon " + "x" * 300
    shape = fix_dict(fix(guard, draft), guard.pack)
    assert shape["report"]["length"]["fits"] is False
    assert [u["reason"] for u in shape["unfixed"]] == [
        "the draft is longer than the platform allows: shorten it by hand"]


def test_cli_prints_the_rewritten_draft_and_exits_with_its_verdict(cli, pack):
    run = cli("fix", "--no-nlp", "--rules", pack, "Project Falcon ships")
    assert run.code == 0
    assert run.out == "Our next release ships\n"
    assert run.err == ("fixed: codename.falcon at 0-14: replaced with 'Our next release'\n"
                       "ALLOW (score 0); length 22/280 on x\n")
    left = cli("fix", "--no-nlp", "--rules", pack, "Falcon for Globex")
    assert left.code == 1 and left.out == "Our next release for Globex\n"
    assert ("not fixed: client.globex at 21-27 'Globex': the rule has no approved wording"
            in left.err)


def test_cli_json_from_a_file_and_from_stdin(cli, pack, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(f"key {KEY}", encoding="utf-8")
    run = cli("fix", "--no-nlp", "--rules", pack, "--rules", "secret", "-f", draft,
              "--format", "json")
    assert run.code == 0
    assert run.json()["text"] == "key" and run.json()["fixes"][0]["action"] == "remove"
    piped = cli("fix", "--no-nlp", "--rules", pack, "-", stdin=b"Falcon")
    assert piped.code == 0 and piped.out == "Our next release\n"


@pytest.mark.parametrize("args", [(), ("text", "-f", "file.txt")])
def test_cli_wants_exactly_one_draft(cli, pack, args):
    run = cli("fix", "--no-nlp", "--rules", pack, *args)
    assert run.code == 2 and "give the draft as an argument" in run.err
    assert "Traceback" not in run.err
