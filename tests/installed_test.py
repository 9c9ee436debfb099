"""The installed `guard` command, as users and posting tools run it (a real process)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def guard_exe() -> str:
    beside = Path(sys.executable).with_name("guard")
    found = str(beside) if beside.exists() else shutil.which("guard")
    if not found:
        pytest.fail("the `guard` console script is not installed; run the README's install command")
    return found


def run(
    args: list[str], stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [guard_exe(), *args], input=stdin, capture_output=True, cwd=cwd, timeout=120, check=False
    )


def test_installed_check_blocks_and_allows(falcon_pack, tmp_path):
    blocked = run(
        ["check", "Project Falcon ships Monday", "--rules", str(falcon_pack), "--format", "json"]
    )
    assert blocked.returncode == 1, blocked.stderr
    assert json.loads(blocked.stdout)["verdict"] == "block"
    clean = run(["check", "-", "--rules", str(falcon_pack), "--format", "json"], stdin=b"All good")
    assert clean.returncode == 0 and json.loads(clean.stdout)["findings"] == []


def test_installed_broken_pack_exits_2_without_traceback(write_pack):
    pack = write_pack("version: 1\nrules:\n  - id: codename.falcon\n    term: [Falcon]\n")
    result = run(["check", "x", "--rules", str(pack)])
    assert result.returncode == 2
    err = result.stderr.decode()
    assert f"{pack}:4:5: codename.falcon: unknown key 'term'" in err and "Traceback" not in err


def test_installed_default_pack_from_any_folder(tmp_path):
    result = run(["check", "Internal only: draft pricing", "--format", "json"], cwd=tmp_path)
    assert result.returncode in (0, 1)
    report = json.loads(result.stdout)
    assert report["policy"]["name"] == "default" and report["findings"]


def test_invalid_utf8_on_stdin_exits_2():
    result = run(["check", "-"], stdin=b"\xff\xfe broken")
    assert result.returncode == 2 and b"UTF-8" in result.stderr
