"""The project's own hygiene: ruff passes on the code, the tests, the benchmarks and the tools."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.scripts import ROOT


def test_ruff_is_clean():
    ruff = Path(sys.executable).with_name("ruff")
    exe = str(ruff) if ruff.exists() else shutil.which("ruff")
    if exe is None:
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    result = subprocess.run(
        [exe, "check", "guard", "tests", "benchmarks", "tools"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# Which stages each stage may import (guard.errors and guard.models are open to all). The folders
# read top-down as the pipeline: commands and serve over authoring, sources and report, over the
# engine, over detect, packs and length; a thread's joining and an image's reading (attachments)
# sit under the engine and import no other stage.
LAYERS: dict[str, set[str]] = {
    "guard.detect": {"guard.detect"},
    "guard.length": {"guard.length"},
    "guard.packs": {"guard.packs", "guard.detect", "guard.length.platforms"},
    "guard.score": set(),
    "guard.filters": {"guard.detect"},
    "guard.findings": {"guard.detect", "guard.filters", "guard.report"},
    "guard.report": {"guard.report", "guard.length", "guard.score"},
    "guard.thread": set(),
    "guard.attachments": {"guard.attachments"},
    "guard.engine": {"guard.detect", "guard.packs", "guard.length", "guard.report", "guard.score",
                     "guard.filters", "guard.findings", "guard.thread", "guard.attachments"},
    # The compliance loop: records, reports and tuning over the engine and the packs.
    "guard.audit": {"guard.audit", "guard.engine", "guard.packs", "guard.authoring",
                    "guard.detect", "guard.report"},
    "guard.fix": {"guard.engine", "guard.packs", "guard.report"},
    "guard.sources": {"guard.sources", "guard.detect", "guard.engine", "guard.report",
                      "guard.packs", "guard.length"},
}
# guard.record: the records' class decorator and `replace`; guard.cachedir: the cache folder.
OPEN = {"guard.errors", "guard.models", "guard.record", "guard.cachedir", "guard.digest"}


def _imports() -> dict[str, set[str]]:
    import ast

    graph: dict[str, set[str]] = {}
    for path in (ROOT / "guard").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("guard"):
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("guard"))
        graph[module] = found
    return graph


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_each_stage_imports_only_the_stages_below_it() -> None:
    wrong = []
    for module, targets in _imports().items():
        layer = next((p for p in LAYERS if _within(module, p)), None)
        if layer is None:
            continue
        allowed = LAYERS[layer] | {layer} | OPEN
        for target in targets:
            # `from guard import __version__`: Python imports the package root first anyway
            if target != "guard" and not any(_within(target, a) for a in allowed if a != "guard"):
                wrong.append(f"{module} -> {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycle_between_modules() -> None:
    graph = {m: {t for t in ts if t != "guard"} for m, ts in _imports().items()}
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node):], node]
        if node in done:
            return None
        for nxt in sorted(graph.get(node, ())):
            cycle = visit(nxt, [*path, node])
            if cycle:
                return cycle
        done.add(node)
        return None

    for module in sorted(graph):
        cycle = visit(module, [])
        assert cycle is None, " -> ".join(cycle)
