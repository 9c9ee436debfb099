"""Compiled regular-expression programs kept in the user cache while a spaCy pipeline loads.

Loading the French pipeline spends ≈ 2.3 s CPU in four `re.compile` calls made when
`spacy.lang.fr.tokenizer_exceptions` is imported (character classes of thousands of letters,
which Python's `re` parses and optimises slowly), in every process that meets a French draft: a
cold check, each server, the parent of `guard scan --jobs`. What `re` builds is a program for its
C engine, handed over as plain data (`_sre.compile(pattern, flags, code, ...)`). While a pipeline
loads, a pattern that took long to compile has the arguments of that call stored on disk, keyed
by the Python build and the pattern; next time they go straight to `_sre.compile`, which checks
the program and returns the same Pattern, without the parse and optimise steps.

Only the CLI turns this on (`use(folder)`, the pack cache's folder; `GUARD_NO_CACHE=1` leaves it
off): the library writes nothing anywhere. A file that cannot be read, or an entry `_sre`
refuses, is ignored and the pattern compiled as usual. Writers never collide (a temporary file
renamed into place).
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]

try:  # Python 3.11+
    import re._compiler as _compiler
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
import contextlib
import hashlib
import marshal
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SLOW_S = 0.02  # CPU seconds: only patterns slower than this to compile are kept
_FOLDER: list[Path] = []  # set by `use`
_LOCK = threading.Lock()


def use(folder: Path | None) -> None:
    """Keep programs in `folder` from now on (None: keep nothing)."""
    _FOLDER[:] = [folder] if folder is not None else []


def _file() -> Path | None:
    if not _FOLDER:
        return None
    build = hashlib.sha256(f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}".encode()).hexdigest()
    return _FOLDER[0] / f"re-programs-{build[:16]}.marshal"


def _read(path: Path) -> dict[str, tuple[Any, ...]]:
    try:
        table = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if isinstance(k, str) and isinstance(v, tuple)}


def _write(path: Path, table: dict[str, tuple[Any, ...]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".re-programs.", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(table))
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    except (OSError, ValueError):
        pass  # a cache that cannot be written only costs the next load its time


def _key(pattern: str, flags: int) -> str:
    return hashlib.sha256(f"{flags}\0{pattern}".encode("utf-8", "surrogatepass")).hexdigest()


def _plain(value: Any) -> Any:
    """The value with int subclasses (re's named opcodes) as ints, so that marshal takes it."""
    if isinstance(value, bool) or value is None or type(value) in (int, str, bytes):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    raise ValueError(f"not plain data: {type(value).__name__}")


class _Recorder:
    """Stands in for `_sre` inside one `re._compiler.compile` call, to see its final call."""

    def __init__(self) -> None:
        self.args: tuple[Any, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)

    def compile(self, *args: Any) -> Any:
        self.args = args
        return _sre.compile(*args)


@contextlib.contextmanager
def cached() -> Iterator[None]:
    """Within this block, slow `re` compiles use and fill the program cache (when `use`d)."""
    path = _file()
    compiler: Any = _compiler
    if path is None or not (hasattr(compiler, "compile") and hasattr(compiler, "_sre")):
        yield
        return
    with _LOCK:
        table = _read(path)
        added: dict[str, tuple[Any, ...]] = {}
        original = compiler.compile

        def compile_cached(p: Any, flags: int = 0) -> Any:
            if not isinstance(p, str) or flags & re.DEBUG:
                return original(p, flags)
            key = _key(p, flags)
            args = table.get(key)
            if args is not None and args[:1] == (p,):
                try:
                    return _sre.compile(*args)
                except Exception:  # another build's program, or damaged: compile afresh
                    pass
            started = time.process_time()
            recorder = _Recorder()
            compiler._sre = recorder
            try:
                compiled = original(p, flags)
            finally:
                compiler._sre = _sre
            # Another thread compiling at the same time could have been seen instead: the
            # program is kept only if it is this pattern's.
            seen = recorder.args
            if time.process_time() - started >= SLOW_S and seen is not None and seen[:1] == (p,):
                with contextlib.suppress(ValueError):
                    added[key] = _plain(seen)
            return compiled

        compiler.compile = compile_cached
        try:
            yield
        finally:
            compiler.compile = original
        if added:
            _write(path, {**_read(path), **added})
