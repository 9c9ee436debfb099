"""The `guard` command in-process: output, exit codes, and no traceback for user errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.packs.rulepack_test import BROKEN


def test_check_json_blocks_a_codename(cli, falcon_pack):
    draft = "Project Falcon ships Monday"
    run = cli("check", draft, "--rules", falcon_pack, "--format", "json")
    assert run.code == 1
    report = run.json()
    assert report["verdict"] == "block"
    finding = report["findings"][0]
    assert draft[finding["start"] : finding["end"]] == finding["text"] == "Project Falcon"
    assert set(report) >= {
        "verdict",
        "score",
        "thresholds",
        "language",
        "length",
        "findings",
        "policy",
    }
    assert set(finding) == {
        "rule",
        "category",
        "severity",
        "confidence",
        "start",
        "end",
        "text",
        "message",
        "suggestion",
        "evidence",
    }
    assert set(report["length"]) == {"platform", "weighted", "limit", "fits", "overflow_at"}
    assert report["length"]["weighted"] == len(draft) and report["length"]["limit"] == 280
    assert report["thresholds"] == {"warn": 40, "block": 70}
    assert finding["evidence"]["via"] == "exact"


def test_check_clean_draft_exits_0(cli, falcon_pack):
    run = cli("check", "Ships Monday, as planned", "--rules", falcon_pack, "--format", "json")
    assert run.code == 0
    assert run.json()["verdict"] == "allow" and run.json()["findings"] == []


def test_check_reads_stdin(cli, falcon_pack):
    blocked = cli(
        "check",
        "-",
        "--rules",
        falcon_pack,
        "--format",
        "json",
        stdin=b"Project Falcon ships Monday",
    )
    assert blocked.code == 1 and blocked.json()["verdict"] == "block"
    clean = cli("check", "-", "--rules", falcon_pack, "--format", "json", stdin=b"All good here")
    assert clean.code == 0 and clean.json()["verdict"] == "allow"


def test_check_reads_files(cli, falcon_pack, tmp_path):
    (tmp_path / "a.txt").write_text("Falcon is coming", encoding="utf-8")
    (tmp_path / "b.txt").write_text("nothing to see", encoding="utf-8")
    run = cli("check", "-f", "a.txt", "-f", "b.txt", "--rules", falcon_pack, "--format", "json")
    assert run.code == 1
    assert [(r["source"], r["verdict"]) for r in run.json()] == [
        ("a.txt", "block"),
        ("b.txt", "allow"),
    ]


def test_text_output_marks_the_span_and_length(cli, falcon_pack):
    run = cli("check", "Project Falcon ships Monday", "--rules", falcon_pack)
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0].startswith("BLOCK  score 90/100")
    assert "length 27/280" in lines[0]
    excerpt = next(i for i, line in enumerate(lines) if "| Project Falcon ships Monday" in line)
    carets = lines[excerpt + 1]
    assert carets.index("^") == lines[excerpt].index("Project") and carets.count("^") == 14
    assert "critical" in run.out and "codename.falcon" in run.out
    assert 'suggestion: say "our next release"' in run.out
    assert "\x1b[" not in run.out  # no colour when not on a terminal


def test_fail_on_warn(cli, write_pack):
    pack = write_pack("version: 1\nrules:\n  - id: r.x\n    severity: high\n    terms: [Osprey]\n")
    assert cli("check", "Osprey", "--rules", pack).code == 0
    assert cli("check", "Osprey", "--rules", pack, "--fail-on", "warn").code == 1


def test_redact_masks_text_and_normalized(cli, falcon_pack):
    run = cli(
        "check", "Project Falcon ships", "--rules", falcon_pack, "--format", "json", "--redact"
    )
    finding = run.json()["findings"][0]
    assert "Falcon" not in run.out
    assert finding["text"] == "******* ******"
    text_run = cli("check", "Project Falcon ships", "--rules", falcon_pack, "--redact")
    assert "Falcon" not in text_run.out


def test_redact_masks_a_secret_past_the_length_limit(cli, falcon_pack):
    # The length finding holds the text past the limit: a key there must not print in clear.
    key = "AKIA" + "Q" * 16
    draft = "x" * 290 + " " + key
    for fmt in ("json", "text"):
        run = cli("check", draft, "--rules", falcon_pack, "--format", fmt, "--redact")
        assert run.code == 1
        assert key not in run.out
    plain = cli("check", draft, "--rules", falcon_pack, "--format", "json")
    assert key in plain.json()["findings"][0]["text"]  # without --redact the author sees it


def test_redact_masks_a_match_that_looks_like_a_fingerprint(cli, write_pack):
    pack = write_pack("version: 1\nrules:\n  - id: r.x\n    severity: critical\n"
                      "    pattern: 'sha256:[0-9a-f]{12}'\n")
    run = cli("check", "leaked sha256:0123456789ab", "--rules", pack, "--format", "json",
              "--redact")
    assert "0123456789ab" not in run.out


def test_rules_are_stackable(cli, falcon_pack, write_pack):
    extra = write_pack(
        "version: 1\nrules:\n  - id: codename.osprey\n"
        "    severity: critical\n    terms: [Osprey]\n",
        "extra.yaml",
    )
    run = cli("check", "Osprey and Falcon", "-r", falcon_pack, "-r", extra, "--format", "json")
    assert {f["rule"] for f in run.json()["findings"]} == {"codename.falcon", "codename.osprey"}


def test_guard_rules_env_var_and_project_file(cli, falcon_pack, tmp_path, monkeypatch):
    (tmp_path / ".guard.yaml").write_text(falcon_pack.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("check", "Falcon", "--format", "json").json()["policy"]["name"] == "acme"
    other = tmp_path / "other.yaml"
    other.write_text("version: 1\nname: other\nrules: []\n", encoding="utf-8")
    monkeypatch.setenv("GUARD_RULES", str(other))
    run = cli("check", "Falcon", "--format", "json")
    assert run.code == 0 and run.json()["policy"]["name"] == "other"


@pytest.mark.parametrize(
    "name", ["yaml syntax", "unknown key", "two detectors", "duplicate id", "bad regex"]
)
def test_broken_packs_exit_2_with_file_line_and_rule(cli, write_pack, name):
    text, line, rule_id, words = BROKEN[name]
    pack = write_pack(text)
    run = cli("check", "anything", "--rules", pack)
    assert run.code == 2
    assert f"{pack}:{line}:" in run.err
    if rule_id:
        assert f": {rule_id}: " in run.err
    assert words in run.err
    assert "Traceback" not in run.err


def test_missing_rules_path_exits_2(cli):
    run = cli("check", "anything", "--rules", "missing.yaml")
    assert run.code == 2
    assert "missing.yaml" in run.err and "not found" in run.err


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["check"], None, "give the draft"),
        (["check", ""], None, "empty"),
        (["check", "-"], b"", "empty"),
        (["check", "-"], b"caf\xe9 au lait", "not valid UTF-8 at byte 3"),
        (["check", "-f", "no-such-file.txt"], None, "no such file"),
        (["check", "x", "--platform", "myspace"], None, "myspace"),
        (["check", "x", "--today", "tomorrow"], None, "YYYY-MM-DD"),
    ],
)
def test_user_errors_exit_2_without_traceback(cli, args, stdin, words):
    run = cli(*args, stdin=stdin)
    assert run.code == 2, run.err
    assert words in run.err
    assert "Traceback" not in run.err + run.out


def test_pattern_timeout_exits_3(cli, write_pack):
    pack = write_pack(
        "version: 1\nsettings: {pattern_timeout_ms: 50}\n"
        "rules:\n  - id: bad.re\n    pattern: '(a+)+b'\n"
    )
    run = cli("check", "a" * 3000, "--rules", pack, "--platform", "mastodon")
    assert run.code == 3
    assert "bad.re" in run.err and "NOT" not in run.err


def test_version(cli):
    run = cli("--version")
    assert run.code == 0 and run.out.startswith("tweet-guard ")


def test_control_characters_and_long_input(cli, falcon_pack):
    run = cli("check", "Falcon\x00\x07\x1b[31m red", "--rules", falcon_pack, "--format", "json")
    assert run.code == 1
    long_run = cli("check", "word " * 5000, "--rules", falcon_pack, "--format", "json")
    assert long_run.code == 1 and long_run.json()["length"]["fits"] is False
    assert json.loads(long_run.out)["score"] == 0


def test_text_excerpt_of_an_overlong_draft_stays_short(cli, falcon_pack):
    run = cli("check", "Great news 🎉 " * 40, "--rules", falcon_pack)
    assert run.code == 1
    excerpt = [line for line in run.out.splitlines() if " | " in line]
    assert excerpt and all(len(line) < 130 for line in excerpt)
    assert "text past the limit (from character" in run.out


def test_no_nlp_check_imports_neither_spacy_modules_nor_pydantic(tmp_path):
    # What a cold `guard check --no-nlp` pays for: no NLP stage, no pydantic (typer >= 0.29
    # coerces every option through pydantic, hence typer < 0.29 in pyproject.toml).
    script = (
        "import io, contextlib, sys\n"
        "from guard.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(['check', '--no-nlp', 'Project update: all good'])\n"
        "loaded = [m for m in sys.modules if m.startswith(('guard.detect.nlp', 'pydantic',"
        " 'spacy', 'yaml', 'guard.commands.scan', 'guard.serve', 'guard.audit'))]\n"
        # hashlib's OpenSSL start-up (3-8 ms): guard/sha.py hashes the pack cache without it
        "loaded += [m for m in ('hashlib', '_hashlib', 'hmac') if m in sys.modules]\n"
        "print(code, sorted(loaded))\n"
    )
    for _ in range(2):  # the first run fills the pack cache, the second reads it
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path
        )
        assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "0 []"


def test_the_audit_variable_is_spelt_alike_in_the_check_command_and_the_store():
    from guard.audit.store import ENV_VAR
    from guard.commands.audit_record import ENV_VAR as SPELT_IN_COMMANDS

    assert SPELT_IN_COMMANDS == ENV_VAR == "GUARD_AUDIT"


def test_console_entry_point_flushes_everything_before_its_fast_exit(tmp_path):
    draft = "Internal only: write to jane.doe@example.com " + "x" * 20_000
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from guard.cli import run; run()",
            "check",
            "-",
            "--no-nlp",
            "--format",
            "json",
        ],
        input=draft,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 1, out.stderr
    report = json.loads(out.stdout)  # the whole report arrived: nothing lost at exit
    assert report["verdict"] == "block"
    assert len(report["findings"]) == 3
