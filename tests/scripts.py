"""Load a script from `benchmarks/` or `tools/` (folders that are not packages) as a module."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


@cache
def load_script(relative: str) -> ModuleType:
    """`load_script("tools/build_urls.py")`: the script's module, executed once per test run."""
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def rebuilt_differs(built: bytes, shipped: Path) -> str:
    """Empty when a rebuilt model file equals the shipped one; else a one-line reason.

    Comparing the digests, not the bytes, keeps a stale model a quick, readable failure: pytest's
    diff of two megabyte-long strings ran for over an hour on CI.
    """
    have = shipped.read_bytes()
    if built == have:
        return ""
    def sha(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()[:12]

    return (f"{shipped.name}: rebuilt {len(built):,} bytes sha256 {sha(built)}, shipped "
            f"{len(have):,} bytes sha256 {sha(have)}; retrain it with the tool and commit the file")
