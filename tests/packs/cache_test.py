"""The user cache of loaded packs: used only while every source file is unchanged, rebuilt when
stale or corrupt, safe with concurrent writers, off with GUARD_NO_CACHE."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from guard.packs import cache
from guard.packs.loader import load_pack

PACK = """\
version: 1
name: cached
rules:
  - id: client.list
    category: client
    severity: high
    terms_file: clients.txt
  - id: secret.token
    category: secret
    severity: critical
    pattern: '\\bTOKEN-[0-9]{6}\\b'
"""


@pytest.fixture
def pack_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "clients.txt").write_text("Globex\n", encoding="utf-8")
    monkeypatch.setenv("GUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(folder)
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted((folder.parent / "cache").glob("*"))


def _no_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(sources):  # type: ignore[no-untyped-def]
        raise AssertionError("the pack was parsed again")

    monkeypatch.setattr(cache, "_load", refuse)


def test_second_load_comes_from_the_cache(pack_dir, monkeypatch):
    first = cache.load_cached(["pack.yaml"])
    assert first == load_pack(["pack.yaml"])
    assert [p.name.startswith("pack-") for p in _entries(pack_dir)] == [True]
    _no_loader(monkeypatch)
    assert cache.load_cached(["pack.yaml"]) == first


@pytest.mark.parametrize("edited", ["pack.yaml", "clients.txt"])
def test_an_edited_source_file_makes_the_entry_stale(pack_dir, edited):
    cache.load_cached(["pack.yaml"])
    path = pack_dir / edited
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Globex", "Initech").replace("TOKEN", "KEY"), encoding="utf-8")
    pack = cache.load_cached(["pack.yaml"])
    assert pack == load_pack(["pack.yaml"])
    rules = {r.id: r for r in pack.rules}
    if edited == "clients.txt":
        assert rules["client.list"].terms == ("Initech",)
    else:
        assert rules["secret.token"].pattern == r"\bKEY-[0-9]{6}\b"


def test_a_source_file_that_became_invalid_is_reported_not_served_from_cache(pack_dir):
    from guard.errors import RulePackError

    cache.load_cached(["pack.yaml"])
    (pack_dir / "pack.yaml").write_text(PACK.replace("severity: high", "severity: huge"))
    with pytest.raises(RulePackError) as err:
        cache.load_cached(["pack.yaml"])
    assert "pack.yaml:6:15: client.list: rules.severity:" in err.value.describe()


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05N."])
def test_a_corrupt_entry_is_ignored_and_rebuilt(pack_dir, garbage, monkeypatch):
    expected = cache.load_cached(["pack.yaml"])
    (entry,) = _entries(pack_dir)
    entry.write_bytes(garbage)
    assert cache.load_cached(["pack.yaml"]) == expected
    _no_loader(monkeypatch)  # the rebuilt entry is whole again
    assert cache.load_cached(["pack.yaml"]) == expected


def test_an_entry_of_another_version_is_not_trusted(pack_dir, monkeypatch):
    cache.load_cached(["pack.yaml"])
    (entry,) = _entries(pack_dir)
    monkeypatch.setattr(cache, "__version__", "9.9.9")
    # Same key (the entry's name), another version inside: reloaded from the files.
    monkeypatch.setattr(cache, "_key", lambda sources: entry.stem.removeprefix("pack-"))
    calls = []
    real = cache._load
    monkeypatch.setattr(cache, "_load", lambda s: calls.append(s) or real(s))
    cache.load_cached(["pack.yaml"])
    assert calls == [["pack.yaml"]]


def test_guard_no_cache_writes_nothing(pack_dir, monkeypatch):
    monkeypatch.setenv("GUARD_NO_CACHE", "1")
    assert cache.cache_dir() is None
    assert cache.load_cached(["pack.yaml"]) == load_pack(["pack.yaml"])
    assert _entries(pack_dir) == []


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("GUARD_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "tweet-guard"


def test_concurrent_writers_leave_one_whole_entry(pack_dir):
    script = textwrap.dedent(
        """
        from guard.packs.cache import load_cached
        pack = load_cached(["pack.yaml"])
        print(len(pack.rules))
        """
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ
        )
        for _ in range(6)
    ]
    outs = [p.communicate(timeout=120)[0].strip() for p in procs]
    assert outs == ["2"] * 6
    entries = _entries(pack_dir)
    assert len(entries) == 1 and entries[0].suffix == ".pickle"  # no temporary file left over
    assert cache._read(entries[0]) == load_pack(["pack.yaml"])


def test_cli_check_uses_the_cache_and_stays_exact(pack_dir, cli_here):
    first = cli_here("check", "call Globex re TOKEN-123456", "--rules", "pack.yaml")
    second = cli_here("check", "call Globex re TOKEN-123456", "--rules", "pack.yaml")
    assert first == second and first[0] == 1
    assert len(_entries(pack_dir)) == 1


@pytest.fixture
def cli_here(capsys):
    from guard.cli import main

    def run(*args: str):  # type: ignore[no-untyped-def]
        capsys.readouterr()
        code = main(list(args))
        return code, capsys.readouterr().out

    return run


def _settle(folder: Path) -> None:
    """Date the pack's files an hour back, as files installed or checked out long ago."""
    for path in folder.iterdir():
        past = path.stat().st_mtime_ns - 3600 * 10**9
        os.utime(path, ns=(past, past))


def test_settled_files_with_their_size_and_mtime_are_not_read_again(pack_dir, monkeypatch):
    _settle(pack_dir)
    first = cache.load_cached(["pack.yaml"])
    _no_loader(monkeypatch)

    def refuse(path):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{path} was digested again")

    monkeypatch.setattr(cache, "_digest", refuse)
    assert cache.load_cached(["pack.yaml"]) == first


def test_a_settled_file_edited_to_the_same_size_makes_the_entry_stale(pack_dir):
    _settle(pack_dir)
    cache.load_cached(["pack.yaml"])
    (pack_dir / "clients.txt").write_text("Globux\n", encoding="utf-8")  # same size, new mtime
    pack = cache.load_cached(["pack.yaml"])
    assert {r.id: r for r in pack.rules}["client.list"].terms == ("Globux",)


def test_a_file_written_just_before_the_entry_is_digested_every_time(pack_dir, monkeypatch):
    # An mtime kept to the second could not tell an edit made just after the build from the
    # file the build read: such a file is compared by content.
    cache.load_cached(["pack.yaml"])
    read = []
    digest = cache._digest
    monkeypatch.setattr(cache, "_digest", lambda path: read.append(Path(path).name) or digest(path))
    cache.load_cached(["pack.yaml"])
    assert sorted(read) == ["clients.txt", "pack.yaml"]


def test_files_that_settled_after_the_entry_are_not_read_again_once_compared(pack_dir,
                                                                             monkeypatch):
    # A check run right after an install or an edit builds its entry before the files have
    # settled; once they have, one check compares them by content and records them, and the
    # checks after it do not read them again.
    first = cache.load_cached(["pack.yaml"])
    _settle(pack_dir)  # two seconds later, as far as the files' mtimes go
    read = []
    digest = cache._digest
    monkeypatch.setattr(cache, "_digest", lambda path: read.append(Path(path).name) or digest(path))
    assert cache.load_cached(["pack.yaml"]) == first
    assert sorted(read) == ["clients.txt", "pack.yaml"]
    read.clear()
    _no_loader(monkeypatch)
    assert cache.load_cached(["pack.yaml"]) == first
    assert read == []
    assert len(_entries(pack_dir)) == 1  # rewritten in place, no temporary file left


def test_settled_files_redated_with_the_same_content_are_compared_once(pack_dir, monkeypatch):
    # A reinstall or a checkout writes the same files anew: their size and mtime no longer
    # match the entry's, so one check compares them by content and records the new ones; the
    # checks after it do not read them again.
    _settle(pack_dir)
    first = cache.load_cached(["pack.yaml"])
    for path in pack_dir.iterdir():
        if path.is_file():
            later = path.stat().st_mtime_ns + 60 * 10**9  # still settled, another mtime
            os.utime(path, ns=(later, later))
    read = []
    digest = cache._digest
    monkeypatch.setattr(cache, "_digest", lambda path: read.append(Path(path).name) or digest(path))
    _no_loader(monkeypatch)
    assert cache.load_cached(["pack.yaml"]) == first
    assert sorted(read) == ["clients.txt", "pack.yaml"]
    read.clear()
    assert cache.load_cached(["pack.yaml"]) == first
    assert read == []
    assert len(_entries(pack_dir)) == 1


def test_an_entry_refreshed_after_its_files_settled_still_sees_an_edit(pack_dir):
    cache.load_cached(["pack.yaml"])
    _settle(pack_dir)
    cache.load_cached(["pack.yaml"])  # records the settled files
    (pack_dir / "clients.txt").write_text("Globux\n", encoding="utf-8")  # same size, new mtime
    pack = cache.load_cached(["pack.yaml"])
    assert {r.id: r for r in pack.rules}["client.list"].terms == ("Globux",)
