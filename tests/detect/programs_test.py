"""The cache of compiled regular-expression programs used while spaCy pipelines load."""

from __future__ import annotations

import marshal
import re
from pathlib import Path

import pytest

from guard.detect.nlp import programs

PATTERN = r"(?i)\b(?P<word>[a-zàâçéèêëîïôûùüÿœ]+)-(?:t-)?(?:ils?|elles?|on)\b"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(programs, "SLOW_S", 0.0)  # keep every pattern, however quick
    programs.use(tmp_path)
    yield tmp_path
    programs.use(None)


def _fresh(pattern: str, flags: int = 0) -> re.Pattern[str]:
    re.purge()  # past re's own in-process cache
    return re.compile(pattern, flags)


def test_a_program_kept_once_is_given_back_without_parsing_the_pattern_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with programs.cached():
        first = _fresh(PATTERN, re.UNICODE)
    assert len(list(folder.glob("re-programs-*.marshal"))) == 1

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    parser = getattr(re, "_parser", None) or __import__("sre_parse")  # 3.11+ / 3.10
    monkeypatch.setattr(parser, "parse", no_parse)
    with programs.cached():
        again = _fresh(PATTERN, re.UNICODE)
    text = "Viendra-t-il demain ? Peut-on venir, dit-elle."
    assert [m.span() for m in again.finditer(text)] == [m.span() for m in first.finditer(text)]
    assert again.groupindex == first.groupindex == {"word": 1}
    assert again.pattern == PATTERN and again.flags == first.flags


def test_nothing_is_written_unless_the_cli_asked(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(programs, "SLOW_S", 0.0)
    programs.use(None)
    with programs.cached():
        _fresh(PATTERN)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content", [b"", b"garbage", marshal.dumps(["not", "a", "table"])])
def test_an_unreadable_file_is_ignored_and_rewritten(folder: Path, content: bytes) -> None:
    with programs.cached():
        _fresh(PATTERN)
    (path,) = folder.glob("re-programs-*.marshal")
    path.write_bytes(content)
    with programs.cached():
        compiled = _fresh(PATTERN)
    assert compiled.search("Peut-on") is not None
    assert isinstance(marshal.loads(path.read_bytes()), dict)


def test_a_damaged_program_is_refused_and_the_pattern_compiled_afresh(folder: Path) -> None:
    with programs.cached():
        _fresh(PATTERN)
    (path,) = folder.glob("re-programs-*.marshal")
    table = marshal.loads(path.read_bytes())
    table = {key: (args[0], args[1], [999999] * len(args[2]), *args[3:])
             for key, args in table.items()}
    path.write_bytes(marshal.dumps(table))
    with programs.cached():
        compiled = _fresh(PATTERN)
    assert compiled.search("dit-elle").group("word") == "dit"


def test_a_bad_pattern_is_still_the_caller_s_error(folder: Path) -> None:
    with programs.cached(), pytest.raises(re.error):
        _fresh("(unclosed")
