"""The events rules' cue index kept in the pack cache: a cold check reads it back instead of
building it from ≈ 1,500 cue words, finds exactly what a fresh build finds, and never uses an
entry that is corrupt or was built by other code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guard.detect.events import cues, gate
from guard.engine import Guard
from guard.packs import cache
from guard.packs.pack import bundled_dir

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"
DEFAULT = [str(bundled_dir() / "default.yaml")]


def _drafts() -> list[str]:
    texts = []
    for name in ("events-1.jsonl", "events-9.jsonl"):
        with (HELDOUT / name).open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    # Awkward ones: curly apostrophes, ß (grows when casefolded), emoji, CJK, look-alikes.
    texts += [
        "On n\u2019a pas encore annoncé le plan social, 120 postes 🤫",
        "Die Straße: we\u2019re laying off 40% of staff next week, not public yet",
        "我们 will announce the acquisition of Globex on Friday 🤐",
        "\u0405eries C signed. $90M. Shh",
        "hello",
    ]
    return texts


def _next_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget every cue index and events gate built or read in this process."""
    monkeypatch.setattr(cues, "_READY", {})
    monkeypatch.setattr(gate, "_KNOWN", {})
    monkeypatch.setattr(gate, "_cue_sets", [])


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that has built no cue index yet (a cold `guard check`)."""
    _next_process(monkeypatch)


def _no_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self, groups):  # type: ignore[no-untyped-def]
        raise AssertionError("the cue index was built again")

    monkeypatch.setattr(cues.CueSet, "__init__", refuse)


def _entry() -> Path:
    (entry,) = Path(cache.cache_dir() or "").glob("pack-*.pickle")
    return entry


def test_a_cache_hit_reads_the_cue_index_and_finds_what_a_fresh_build_finds(
    fresh, monkeypatch
):
    drafts = _drafts()
    expected = Guard.from_files(DEFAULT, nlp=False).check_many(drafts)  # built from the words
    assert any(f.rule.startswith("event.") for r in expected for f in r.findings)
    cache.load_cached(DEFAULT)  # writes the entry
    _next_process(monkeypatch)
    _no_build(monkeypatch)
    got = Guard(cache.load_cached(DEFAULT), nlp=False).check_many(drafts)
    assert got == expected


def test_the_entry_holds_the_index_the_detector_uses(fresh, monkeypatch):
    cache.load_cached(DEFAULT)
    _next_process(monkeypatch)
    pack = cache.load_cached(DEFAULT)
    assert cues._READY == {}  # read only for a draft the events gates let through
    (ready,) = gate._cue_sets
    (groups,) = ready
    assert groups == cues.cue_set(groups).groups
    assert sum(len(words) for _, words in groups) > 1000
    assert any(r.events is not None for r in pack.rules)


def test_an_index_built_by_other_code_is_built_again(fresh, monkeypatch):
    cache.load_cached(DEFAULT)
    _next_process(monkeypatch)
    # The entry was written by another source of the events modules: its pack is still used,
    # its index and gates are not (they could hold another structure than this code reads).
    monkeypatch.setattr(gate, "_fingerprint", "0" * 64)
    pack = cache.load_cached(DEFAULT)
    assert cues._READY == {} and gate._KNOWN == {} and gate._cue_sets == []
    drafts = _drafts()
    assert Guard(pack, nlp=False).check_many(drafts) == Guard.from_files(
        DEFAULT, nlp=False
    ).check_many(drafts)


def test_no_source_to_fingerprint_means_no_index_from_the_cache(fresh, monkeypatch):
    monkeypatch.setattr(gate, "__file__", "/nonexistent/gate.py")
    monkeypatch.setattr(gate, "_fingerprint", None)
    assert gate.fingerprint() is None
    cache.load_cached(DEFAULT)
    _next_process(monkeypatch)
    cache.load_cached(DEFAULT)
    assert cues._READY == {} and gate._KNOWN == {} and gate._cue_sets == []


@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_a_flipped_byte_anywhere_in_the_entry_means_a_rebuild(fresh, monkeypatch, where):
    cache.load_cached(DEFAULT)
    entry = _entry()
    data = bytearray(entry.read_bytes())
    at = int(len(data) * where)
    data[at] ^= 0x01  # inside a cue word, a dict or the pack: it may still unpickle
    entry.write_bytes(bytes(data))
    _next_process(monkeypatch)
    loads = []
    real = cache._load
    monkeypatch.setattr(cache, "_load", lambda s: loads.append(s) or real(s))
    pack = cache.load_cached(DEFAULT)
    assert loads == [DEFAULT]  # read from the rule files again, not from the entry
    drafts = _drafts()
    assert Guard(pack, nlp=False).check_many(drafts) == Guard.from_files(
        DEFAULT, nlp=False
    ).check_many(drafts)
    assert cache._read(entry) is not None  # and the entry is whole again


def test_a_cue_word_added_to_the_rules_counts_after_the_cache_was_written(
    tmp_path, fresh, monkeypatch
):
    rules = tmp_path / "rules"
    rules.mkdir()
    for source in bundled_dir().iterdir():
        if source.is_file():
            (rules / source.name).write_bytes(source.read_bytes())
    pack_file = [str(rules / "default.yaml")]
    cache.load_cached(pack_file)
    events = rules / "events.yaml"
    text = events.read_text(encoding="utf-8")
    assert "words: [layoff*," in text
    # The rule file's digest changes: the pack and its index are built afresh from the words.
    events.write_text(text.replace("words: [layoff*,", "words: [zorblax, layoff*,", 1),
                      encoding="utf-8")
    _next_process(monkeypatch)
    pack = cache.load_cached(pack_file)
    ((_, cue), *_) = cues._READY.items()
    spans = cue.find(cues.fold("The Zorblax is not public yet"))
    assert [(s.group, s.text) for s in spans if s.text == "Zorblax"] == [
        ("kind:mnpi:layoff", "Zorblax")
    ]
    draft = "Heads up: the zorblax is not public yet, 300 people, keep it quiet 🤫"
    assert Guard(pack, nlp=False).check(draft) == Guard.from_files(pack_file, nlp=False).check(
        draft
    )
