"""The `events` detector: spans, kinds, cues in evidence, verdicts, lists and the model file."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from guard.engine import Guard
from guard.errors import RulePackError, RulePackErrors
from guard.packs.loader import bundled_dir, load_pack

LAYOFF = "we're laying off 200 people on Friday, not public yet"


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard.from_files(["events"], nlp=False)


def event(report, rule: str = "event.mnpi"):
    return next(f for f in report.findings if f.rule == rule)


def test_a_layoff_with_a_figure_and_a_date_blocks_with_its_kind_span_and_cues(guard):
    report = guard.check(LAYOFF)
    f = event(report)
    assert report.verdict == "block"
    assert (f.category, f.severity, f.evidence.via, f.evidence.normalized) == (
        "mnpi", "critical", "event", "layoff")
    assert (f.start, f.end, f.text) == (6, 16, "laying off")
    cues = f.evidence.context
    assert re.fullmatch(r"mnpi (0\.\d\d|1\.00)", cues[0])  # the scorer's probability
    assert {"own: we're", "layoff: laying off", "figure: 200", "ahead: Friday",
            "nonpublic: not public yet"} <= set(cues)
    assert f.suggestion.startswith("Say nothing about job cuts")


def test_spans_are_code_point_offsets_after_emoji_and_accents(guard):
    text = "🤫🤫 Entre nous : la direction prépare un plan social, 120 postes, annonce jeudi"
    f = event(guard.check(text))
    assert text[f.start:f.end] == "plan social" == f.text
    assert f.start == text.index("plan social")
    assert "nonpublic: Entre nous" in f.evidence.context
    assert "own: nous" not in f.evidence.context  # inside "Entre nous": the longer cue says it


def test_a_secret_without_figure_or_date_warns(guard):
    report = guard.check("Between us, the board is quietly shopping the company to buyers 🤐")
    f = event(report)
    assert report.verdict == "warn" and f.confidence == 0.5


def test_curly_apostrophes_match_straight_cues(guard):
    report = guard.check("we\u2019re laying off 200 people on Friday, not public yet")
    assert event(report).evidence.normalized == "layoff"
    assert "own: we\u2019re" in event(report).evidence.context


@pytest.mark.parametrize("text", [
    "Throwback to our IPO in 2015, what a day",
    "Acme announced this morning in a press release that it acquired Globex",
    "Lovely morning, coffee and a walk",
    "Incident response 101: if you see a ransom note, isolate first. Thread 🧵",
])
def test_public_news_throwbacks_and_explainers_pass(guard, text):
    assert guard.check(text).verdict == "allow"


@pytest.mark.parametrize(("text", "rule"), [
    ("we got hit by ransomware last night and customers haven't been told yet 🤫",
     "event.incident"),
    ("Notre base clients a fuité, 40 000 comptes, on n'a rien dit aux clients",
     "event.incident"),
    ("Our new tracker ships March 14, nobody outside knows yet 🤫", "event.roadmap"),
    ("On lance notre offre en Espagne en septembre, pas encore annoncé", "event.roadmap"),
])
def test_each_category_in_both_languages(guard, text, rule):
    report = guard.check(text)
    assert report.verdict in ("warn", "block")
    assert event(report, rule).category == rule.split(".")[1]


def copy_events(tmp_path: Path) -> Path:
    for name in ("events.yaml", "events-model.json"):
        shutil.copy(bundled_dir() / name, tmp_path / name)
    return tmp_path / "events.yaml"


def test_a_new_model_changes_the_policy_digest(tmp_path):
    path = copy_events(tmp_path)
    before = load_pack([str(path)]).digest
    assert before == load_pack(["events"]).digest  # where the file sits does not count
    model = json.loads((tmp_path / "events-model.json").read_text(encoding="utf-8"))
    model["bias"][0] += 0.001
    (tmp_path / "events-model.json").write_text(json.dumps(model), encoding="utf-8")
    assert load_pack([str(path)]).digest != before


def test_a_missing_or_broken_model_is_a_rule_file_error(tmp_path):
    path = copy_events(tmp_path)
    (tmp_path / "events-model.json").unlink()
    with pytest.raises(RulePackErrors) as err:
        load_pack([str(path)])
    first = err.value.errors[0]
    assert first.rule_id == "event.mnpi" and first.line is not None
    assert "cannot read the events model 'events-model.json'" in first.message
    (tmp_path / "events-model.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(RulePackErrors) as err:
        load_pack([str(path)])
    assert "not an events model" in err.value.errors[0].message


def test_an_unknown_list_is_named_with_its_place_and_a_suggestion(tmp_path, write_pack):
    copy_events(tmp_path)
    pack = write_pack("""\
        version: 1
        extends: [events.yaml]
        rules:
          - id: event.mine
            category: mnpi
            events:
              model: events-model.json
              nonpublic: ["@nonpublik"]
              kinds:
                merger: {words: [merger]}
        """, name="mine.yaml")
    with pytest.raises(RulePackError) as err:
        load_pack([str(pack)])
    e = err.value
    assert (Path(e.file).name, e.line, e.column, e.rule_id) == ("mine.yaml", 8, 19, "event.mine")
    assert e.message == "no list named 'nonpublik'" and e.hint == "did you mean '@nonpublic'?"


def test_a_pack_adds_to_a_bundled_list_and_the_events_rules_use_it(tmp_path, write_pack):
    copy_events(tmp_path)
    pack = write_pack("""\
        version: 1
        extends: [events.yaml]
        lists:
          nonpublic: ["@nonpublic", "hush hush"]
        """, name="mine.yaml")
    rule = load_pack([str(pack)]).rule("event.mnpi")
    assert "hush hush" in rule.events.nonpublic and "under wraps" in rule.events.nonpublic


def test_lists_that_refer_to_each_other_in_a_cycle_are_an_error(write_pack, tmp_path):
    copy_events(tmp_path)
    pack = write_pack("""\
        version: 1
        extends: [events.yaml]
        lists:
          a: ["@b"]
          b: ["@a"]
        """, name="mine.yaml")
    with pytest.raises(RulePackErrors) as err:
        load_pack([str(pack)])
    assert any("cycle" in e.message for e in err.value.errors)


def test_the_schema_knows_lists_and_events():
    from guard.packs.schema import json_schema

    schema = json_schema()
    assert "lists" in schema["properties"]
    rule = schema["properties"]["rules"]["items"]
    assert {"required": ["events"]} in rule["oneOf"]
    assert "kinds" in rule["properties"]["events"]["properties"]
