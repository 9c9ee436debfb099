"""Shared fixtures: rule packs written to a temp folder, the CLI run in-process."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from guard.cli import main

FALCON_PACK = """\
version: 1
name: acme
rules:
  - id: codename.falcon
    category: codename
    severity: critical
    terms: ["Project Falcon", "Falcon"]
    allow: ["Falcon Heavy"]
    message: Internal project codename
    suggestion: say "our next release"
    examples:
      flag: ["Falcon beta ships to testers next week"]
      pass: ["Watched the Falcon Heavy launch tonight"]
"""


@dataclass
class Run:
    """The outcome of one in-process CLI run."""

    code: int
    out: str
    err: str

    def json(self) -> object:
        """stdout parsed as JSON."""
        return json.loads(self.out)


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a YAML pack (dedented) into the temp folder and return its path."""

    def write(text: str, name: str = "pack.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def falcon_pack(write_pack: Callable[..., Path]) -> Path:
    """A pack with one critical codename rule."""
    return write_pack(FALCON_PACK)


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., Run]:
    """Run `guard ...` in-process from an empty folder with no $GUARD_RULES."""
    monkeypatch.delenv("GUARD_RULES", raising=False)
    monkeypatch.chdir(tmp_path)

    def run(*args: str, stdin: bytes | None = None) -> Run:
        if stdin is not None:
            import io
            import sys

            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(autouse=True)
def _pack_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never write to the user's cache folder (subprocesses inherit the variable)."""
    monkeypatch.setenv("GUARD_CACHE_DIR", str(tmp_path_factory.mktemp("guard-cache")))
