"""The dataclass code cache: the same classes, method for method, with or without it; the CLI
writes it, the library only reads it; a damaged file is ignored and rewritten."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from guard import codecache

# Every method of every dataclass of guard's modules, as data: bytecode, constants, names,
# annotations and defaults (the same source compiled the same way gives the same values).
FINGERPRINT = r"""
import dataclasses, importlib, json, pkgutil, sys
import guard
from guard import codecache
compiled_by_import = codecache._new  # for `import guard` (the engine, its models)
for info in pkgutil.walk_packages(guard.__path__, "guard."):
    if ".nlp" in info.name or info.name.endswith("__main__") or info.name.startswith(
            ("guard.serve", "guard.spark")):
        continue  # optional extras (spaCy, the server, Spark) need not be installed here
    try:
        importlib.import_module(info.name)
    except ImportError:
        continue
out = {}
def code_of(fn):
    fn = getattr(fn, "__wrapped__", fn)
    c = fn.__code__
    consts = [x for x in c.co_consts if not hasattr(x, "co_code")]
    return [c.co_code.hex(), repr(consts), c.co_names, c.co_varnames, c.co_filename,
            repr(getattr(fn, "__annotations__", None)), repr(fn.__defaults__),
            repr(fn.__kwdefaults__)]
for name, module in sorted(sys.modules.items()):
    if not name.startswith("guard"):
        continue
    for value in vars(module).values():
        if dataclasses.is_dataclass(value) and isinstance(value, type) and value.__module__ == name:
            for meth in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__",
                         "__delattr__"):
                fn = value.__dict__.get(meth)
                if fn is not None and hasattr(getattr(fn, "__wrapped__", fn), "__code__"):
                    out[f"{name}.{value.__qualname__}.{meth}"] = code_of(fn)
print(json.dumps({"methods": out, "compiled_here": compiled_by_import,
                  "installed": dataclasses._create_fn is codecache._create_fn}))
"""


def _run(args: list[str], cache: Path | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    env.pop("GUARD_NO_CACHE", None)
    if cache is None:
        env["GUARD_NO_CACHE"] = "1"
    else:
        env["GUARD_CACHE_DIR"] = str(cache)
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          check=False, timeout=120)


def _cli(cache: Path) -> subprocess.CompletedProcess[str]:
    run = "import sys; sys.argv = ['guard', 'check', '--no-nlp', 'hello']; " \
          "from guard.cli import run; run()"
    return _run(["-c", run], cache)


def _file(cache: Path) -> Path:
    return cache / f"dataclass-code-{sys.implementation.cache_tag}.marshal"


pytestmark = pytest.mark.skipif(
    not codecache._is_known(codecache._ORIGINAL),
    reason="this Python's dataclasses are not the 3.11 ones the cache copies: it stays off",
)


def test_the_cli_writes_the_cache_and_the_classes_are_the_same_with_it(tmp_path):
    assert _cli(tmp_path).returncode == 0
    assert _file(tmp_path).is_file()
    cached = json.loads(_run(["-c", FINGERPRINT], tmp_path).stdout)
    # The genuine dataclasses: behind a wrapper, `_create_fn` is not the one the cache copies.
    untouched = "import dataclasses\n_o = dataclasses._create_fn\n" \
                "dataclasses._create_fn = lambda *a, **k: _o(*a, **k)\n"
    plain = json.loads(_run(["-c", untouched + FINGERPRINT], None).stdout)
    assert not cached["compiled_here"]  # `import guard`'s methods all came from the file
    assert cached["installed"] and not plain["installed"]
    assert len(plain["methods"]) > 150
    assert cached["methods"] == plain["methods"]


def test_importing_the_library_writes_nothing(tmp_path):
    assert _run(["-c", "import guard; from guard import Guard; Guard.default(nlp=False)"],
                tmp_path).returncode == 0
    assert not _file(tmp_path).exists()


@pytest.mark.parametrize("content", [b"", b"not marshal at all", b"\x00" * 64])
def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path, content):
    _file(tmp_path).write_bytes(content)
    result = _cli(tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("ALLOW")
    assert _file(tmp_path).read_bytes() != content
    assert not json.loads(_run(["-c", FINGERPRINT], tmp_path).stdout)["compiled_here"]


def test_a_cache_folder_that_cannot_be_written_changes_nothing(tmp_path):
    _file(tmp_path).mkdir(parents=True)  # a folder where the file would go: unreadable, unwritable
    result = _cli(tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert list(tmp_path.glob("*.tmp")) == []


def test_another_pythons_create_fn_is_left_alone():
    def _create_fn(name, args, body, *, globals=None, locals=None, return_type=None):
        return None

    assert not codecache._is_known(_create_fn)
    assert codecache._is_known(codecache._ORIGINAL)
