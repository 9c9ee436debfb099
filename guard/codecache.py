"""The user cache folder, and the methods of guard's dataclasses compiled once and kept there.

Defining a dataclass writes the source of its `__init__`, `__repr__`, `__eq__`, `__hash__`,
`__setattr__` and `__delattr__` and compiles each with `exec`: for guard's thirty-odd frozen
classes that is ≈ 15 ms of every cold `guard check` (more than the check). The source is the
same on every run, so its bytecode can be kept: while installed, dataclasses' own
`_create_fn` is replaced by a copy that executes the code object compiled from the very same
text (looked up by that text, so an edited class is compiled afresh), for guard's modules only.
The classes and their behaviour are exactly those the plain decorator makes.

Only the Python whose `_create_fn` this copy was taken from (3.11) gets it: on any other the
fingerprint differs and dataclasses run untouched. The CLI writes new entries at exit; the
library only reads the file (like the pack cache, `GUARD_NO_CACHE=1` turns it off); a file that
cannot be read is ignored. Writers never collide (a temporary file, then `os.replace`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import os
import sys
from types import CodeType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pathlib is not imported by a cold check: `cache_folder` gives a str
    from pathlib import Path

# What `dataclasses._create_fn` of CPython 3.11 refers to and holds: the copy below is of it.
_NAMES = ("MISSING", "join", "keys", "exec")
_TEXTS = ("", "_return_type", "->_return_type", ",", "\n", " def ", "(", ")", ":\n", ", ",
          "def __create_fn__(", "):\n", "\n return ", "__create_fn__")
_ORIGINAL = getattr(dataclasses, "_create_fn", None)
_codes: dict[str, CodeType] = {}  # function text -> its code
_used: set[str] = set()  # the texts this process asked for
_new = False  # some text was compiled here that the file lacks
# Edited classes leave old entries behind: past this many, the file keeps only this run's.
_MOST = 2000


def cache_dir() -> Path | None:
    """The user cache folder of tweet-guard, or None when caching is off (`GUARD_NO_CACHE`)."""
    from pathlib import Path

    folder = cache_folder()
    return None if folder is None else Path(folder)


def cache_folder() -> str | None:
    """`cache_dir` as a str: what a cold check uses, without importing pathlib (≈ 4 ms)."""
    if os.environ.get("GUARD_NO_CACHE", "").strip() not in ("", "0"):
        return None
    explicit = os.environ.get("GUARD_CACHE_DIR")
    if explicit:
        return explicit
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return os.path.join(xdg, "tweet-guard")
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return os.path.join(base, "tweet-guard", "Cache") if base else None
    home = os.path.expanduser("~")
    if sys.platform == "darwin":
        return os.path.join(home, "Library", "Caches", "tweet-guard")
    return os.path.join(home, ".cache", "tweet-guard")


def _file() -> str | None:
    folder = cache_folder()
    tag = sys.implementation.cache_tag
    return (None if folder is None or tag is None
            else os.path.join(folder, f"dataclass-code-{tag}.marshal"))


def _is_known(fn: Any) -> bool:
    code = getattr(fn, "__code__", None)
    return (
        code is not None
        and code.co_names == _NAMES
        and tuple(c for c in code.co_consts if isinstance(c, str)) == _TEXTS
        and code.co_varnames[:6] == ("name", "args", "body", "globals", "locals", "return_type")
    )


def install() -> None:
    """Serve guard's dataclass methods from the cache (a no-op on another Python)."""
    if _ORIGINAL is None or not _is_known(_ORIGINAL) or dataclasses._create_fn is _create_fn:
        return
    path = _file()
    if path is not None:
        try:
            with open(path, "rb") as fh:
                loaded = marshal.loads(fh.read())
        except (OSError, ValueError, EOFError, TypeError):
            loaded = None  # no file yet, or one this Python cannot read: compile as usual
        if isinstance(loaded, dict):
            _codes.update((k, v) for k, v in loaded.items()
                          if isinstance(k, str) and isinstance(v, CodeType))
    dataclasses._create_fn = _create_fn  # type: ignore[attr-defined]


def save() -> None:
    """Write the methods compiled in this process that the file lacks (the CLI, at exit)."""
    path = _file()
    if not _new or path is None:
        return
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        kept = _codes if len(_codes) <= _MOST else {k: _codes[k] for k in _used}
        with open(tmp, "wb") as fh:
            fh.write(marshal.dumps(kept))
        os.replace(tmp, path)
    except OSError:  # a read-only or full disk: the next run compiles again
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _create_fn(name, args, body, *, globals=None, locals=None,  # type: ignore[no-untyped-def]
               return_type=dataclasses.MISSING):
    # CPython 3.11's dataclasses._create_fn, line for line, but for the compile.
    if locals is None:
        locals = {}
    return_annotation = ""
    if return_type is not dataclasses.MISSING:
        locals["_return_type"] = return_type
        return_annotation = "->_return_type"
    args = ",".join(args)
    body = "\n".join(f"  {b}" for b in body)
    txt = f" def {name}({args}){return_annotation}:\n{body}"
    local_vars = ", ".join(locals.keys())
    txt = f"def __create_fn__({local_vars}):\n{txt}\n return {name}"
    ns: dict[str, Any] = {}
    # Compiled as `exec(txt)` in dataclasses.py compiles it: no __future__ flag of this module.
    if globals is not None and str(globals.get("__name__", "")).startswith("guard."):
        _used.add(txt)
        code = _codes.get(txt)
        if code is None:
            global _new
            code = _codes[txt] = compile(txt, "<string>", "exec", dont_inherit=True)
            _new = True
    else:
        code = compile(txt, "<string>", "exec", dont_inherit=True)
    exec(code, globals, ns)
    return ns["__create_fn__"](**locals)


install()  # on import: guard/__init__ imports this module before any other of guard's
