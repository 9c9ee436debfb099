"""A user cache of loaded packs, so that a cold `guard check` skips YAML, schema and regex checks.

An entry is keyed by the guard version, the Python version, the folder and the sources asked
for; it records a digest (BLAKE2b, `guard.digest`) of every file the pack was read from (rule
files, terms files, models) and is used only when each of them still has that content, so an
edited, moved or deleted file means a fresh load (whose errors are then reported as usual). A file
whose size and mtime are those recorded is not read again (`_stats`: git's index does the same).
Beside the pack it keeps what is derived from it on every cold run otherwise: the patterns'
prefilter literals and the events rules' cue index (used only when the source of the code that
built it is unchanged, `gate.fingerprint`). The file starts with the digest of the rest: an
entry that cannot be read back (torn, flipped, another format, another version) is ignored and
rebuilt. Writers never collide: each writes a temporary file in the cache folder and renames it
into place (`os.replace` is atomic). `GUARD_NO_CACHE=1` turns the cache off; `GUARD_CACHE_DIR`
moves it (default `$XDG_CACHE_HOME/tweet-guard`, else the platform's user cache folder). The
CLI uses the cache; the library (`Guard.from_files`) never writes anywhere.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guard import __version__
from guard.cachedir import cache_dir, cache_folder  # noqa: F401  (cache_dir: for callers)
from guard.detect import literals
from guard.digest import digest, hexdigest  # not hashlib: see guard/digest.py
from guard.packs.pack import Pack, bundled_folder, mark_validated, validate_nlp_rules
from guard.record import replace

if TYPE_CHECKING:  # a cold check reads its entry by str paths: pathlib is not imported
    from pathlib import Path

FORMAT = 8  # 2: the events rules' cue index, and a checksum before the pickle; 3: `unless`;
# 4: the secrecy grammar in the events rules (round eleven); 5: BLAKE2b digests, not SHA-256;
# 6: each pattern's top-level alternatives (the prefilter runs only those a draft can match);
# 7: each input's size and mtime (`_stats`); 8: the events rules' gates (`events.gate`)
_SETTLED_NS = 2_000_000_000  # a file older than this when the entry is built: see _stats
_SUM = 32  # the digest of the rest of the file, first


def load_cached(sources: Sequence[str]) -> Pack:
    """The pack of these sources, from the cache when every file it was read from is unchanged."""
    folder = cache_folder()
    if folder is None:
        return _load(sources)[0]
    entry = os.path.join(folder, f"pack-{_key(sources)}.pickle")
    pack = _read(entry)
    if pack is not None:
        return pack
    started = time.time_ns()
    pack, inputs = _load(sources)
    validate_nlp_rules(pack)  # before caching: an entry holds only a pack that passed
    _write(entry, pack, inputs, started)
    return pack


def _load(sources: Sequence[str]):  # type: ignore[no-untyped-def]
    from guard.packs.loader import load_pack_inputs

    return load_pack_inputs(sources)


def _key(sources: Sequence[str]) -> str:
    parts = [__version__, sys.version, os.getcwd(), bundled_folder(), *sources]
    return hexdigest("\0".join(parts).encode("utf-8", "surrogatepass"))[:32]


def _digest(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hexdigest(fh.read())
    except OSError:
        return None


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _stats(digests: Sequence[tuple[str, str | None]], started: int) -> dict[str, tuple[int, int]]:
    """The size and mtime of each input that had settled when the entry was built: on a later
    run, a file whose size and mtime are still these is taken as unchanged without reading it
    (the models are megabytes; digesting them was a tenth of a cold check). As git does with
    its index, a file modified less than two seconds before the entry was built is always
    digested again: a filesystem that keeps mtimes to the second could give an edit made just
    after the build the very same mtime."""
    out = {}
    for path, _ in digests:
        st = _stat(path)
        if st is not None and st[1] <= started - _SETTLED_NS:
            out[path] = st
    return out


def _mtime(path: str | Path) -> int:
    st = _stat(str(path))
    return sys.maxsize if st is None else st[1]


def _read(entry: str) -> Pack | None:
    try:
        with open(entry, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    try:
        # Checked before anything is unpickled: a torn or flipped byte anywhere means a rebuild.
        if digest(data[_SUM:]) != data[:_SUM]:
            return None
        record = pickle.loads(data[_SUM:])
        if (record["format"], record["version"], record["derivation"]) != (
            FORMAT,
            __version__,
            literals.DERIVATION,
        ):
            return None
        stats = record["stats"]
        compared = False  # some input was read and compared by content
        for path, known in record["inputs"]:
            settled = stats.get(path)
            if settled is None or _stat(path) != settled:
                if _digest(path) != known:
                    return None  # stale: a file changed since (or is gone)
                compared = True
        pack = record["pack"]
        if not isinstance(pack, Pack):
            return None
        if compared:
            _settle(entry, record)
        literals.prime(record["literals"])
        from guard.detect import alternatives  # the pattern detector imports it anyway

        alternatives.prime(record["alternatives"])
        if record["gates"]:  # a pack with events rules
            from guard.detect.events import gate

            code = record["events_code"]
            if code is not None and code == gate.fingerprint():  # else built afresh, as uncached
                gate.prime(record["gates"], record["cues"])
        mark_validated(pack)  # the entry was written only after the checks passed
        return pack
    except Exception:  # a corrupt or foreign entry is rebuilt, never trusted
        return None


def _settle(entry: str, record: dict[str, object]) -> None:
    """Record the size and mtime of inputs that were compared by content: those that have
    settled since the entry was built (a check run within two seconds of an install or an
    edit), and those with the same content under a new mtime (a reinstall, a checkout, a
    `touch`). Without this, every later check digests them again (the models are megabytes:
    ≈ 14 M instructions of a cold check)."""
    inputs = record["inputs"]
    assert isinstance(inputs, list)
    stats = _stats(inputs, time.time_ns())
    if stats != record["stats"]:
        _store(entry, {**record, "stats": stats})


def _events(pack: Pack) -> tuple[dict[object, object], dict[object, object] | None, str | None]:
    """The events rules' gates, their cue index and the fingerprint of the code that made
    both."""
    rules = [r for r in pack.rules if r.events is not None]
    if not rules:
        return {}, None, None
    from guard.detect.events import gate
    from guard.detect.events.detector import EventDetector, built_cues

    gates = EventDetector(rules).gates()
    return {gate.key(rules): gates}, dict(built_cues(pack.rules)), gate.fingerprint()


def _write(entry: str, pack: Pack, inputs: Sequence[Path], started: int) -> None:
    # Each file once: a model file named by several rules is among the inputs once per rule.
    inputs = list(dict.fromkeys(inputs))
    digests = [(str(p.resolve()), _digest(str(p))) for p in inputs]
    if any(d is None for _, d in digests) or any(_mtime(p) >= started for p in inputs):
        return  # a file changed while it was being read: its digest may not match the pack
    # What lint and explain keep from the YAML is not needed to check drafts.
    slim = replace(pack, raw={}, definitions={})
    # The patterns' prefilter literals too: deriving them costs more than reading them back.
    # And how each pattern splits into alternatives (the prefilter's keys), with their literals.
    from guard.detect import alternatives

    patterns = [r.pattern for r in pack.rules if r.pattern]
    splits = alternatives.known(patterns)
    derived = literals.known(
        source for p in patterns for source in (splits[p] or (p,))
    )
    # And the events rules' cue index, built from ≈ 1,500 cue words (the detector then takes
    # the same objects: built once here, not again), with the words of their gate.
    gates, cue_sets, events_code = _events(pack)
    record = {
        "format": FORMAT,
        "version": __version__,
        "inputs": digests,
        "stats": _stats(digests, started),
        "pack": slim,
        "literals": derived,
        "alternatives": splits,
        "derivation": literals.DERIVATION,
        "gates": gates,
        "cues": cue_sets,
        "events_code": events_code,
    }
    _store(entry, record)


def _store(entry: str, record: dict[str, object]) -> None:
    import tempfile  # only when writing

    try:
        folder = os.path.dirname(entry)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".pack-", suffix=".tmp")
        try:
            payload = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(fd, "wb") as fh:
                fh.write(digest(payload) + payload)
            os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only or full disk: the pack was loaded, only not cached
