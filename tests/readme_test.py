"""The README's two set-up commands are the ones CI runs, so they stay true."""

from __future__ import annotations

import re

from tests.scripts import ROOT


def setup_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_starts_with_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2
    assert "guard check" in commands[0] and "pip install ." in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_commands_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in setup_commands():
        assert command in ci
