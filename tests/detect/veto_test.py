"""A rule's `veto`: a learned scorer drops findings on drafts it reads as harmless (the marker
word rules of the default pack), a missing or broken model is a rule-file error with its place,
the model counts in the policy digest, training is deterministic, and a hashed pack leaves the
veto out with a note."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from guard import Guard
from guard.authoring.hashpack import hash_pack
from guard.detect.events.model import parse
from guard.errors import RulePackError
from guard.packs.loader import load_pack
from tests.scripts import ROOT, load_script

VETO_PACK = """\
    version: 1
    rules:
      - id: mine.confidential
        category: confidentiality-marker
        severity: medium
        terms: [confidential]
        veto: {model: MODEL}
"""


def pair() -> tuple[Guard, Guard]:
    """The default pack without its events rules, with and without the marker vetoes (the
    special-category scorer, whose veto is the decision, keeps its own)."""
    pack = load_pack(["default"])
    pack = replace(pack, rules=tuple(r for r in pack.rules if r.detector != "events"))
    bare = replace(pack, rules=tuple(replace(r, veto=None) if r.id.startswith("marker.") else r
                                     for r in pack.rules))
    return Guard(pack, nlp=False), Guard(bare, nlp=False)


@pytest.mark.parametrize("text, rule", [
    # ("free, anonymous" would now drop it before the veto: a helpline describing itself)
    ("our peer support line is kind, patient and confidential, open every evening",
     "marker.confidential-word"),
    ("the nurse said the test results are confidential and only go to my GP",
     "marker.confidential-word"),
])
def test_the_veto_quiets_talk_no_word_list_foresaw(text: str, rule: str) -> None:
    vetoed, bare = pair()
    assert [f.rule for f in bare.check(text).findings] == [rule]  # the rule alone fires
    report = vetoed.check(text)
    assert (report.verdict, list(report.findings)) == ("allow", [])


@pytest.mark.parametrize("text, verdict, hits", [
    # round twenty-seven: a label heading the draft is marker.heading-label's (no veto there);
    # the same label later in the draft is still marker.confidential-word's, and the veto
    # keeps it
    ("Confidential: the Q3 forecast is down 12% and the board meets Friday", "block",
     [("marker.heading-label", 0, 13), ("financial.deal-word", 21, 29),
      ("marker.figure", 38, 41)]),
    ("FYI, confidential: the Q3 forecast is down 12% and the board meets Friday", "block",
     [("marker.confidential-word", 5, 17), ("financial.deal-word", 26, 34),
      ("marker.figure", 43, 46)]),
    ("do not share outside the team: the rebrand launches on the 14th", "warn",
     [("marker.do-not-share", 0, 12)]),
    ("Document confidentiel, ne pas diffuser : la filiale de Lille est vendue", "block",
     [("marker.confidential-word", 9, 21), ("marker.confidential", 23, 38)]),
])
def test_a_carried_marker_stays(text: str, verdict: str, hits: list[tuple[str, int, int]]) -> None:
    report = pair()[0].check(text)
    assert (report.verdict, [(f.rule, f.start, f.end) for f in report.findings]) == (
        verdict, hits)


def test_a_missing_or_broken_veto_model_is_a_rule_file_error(tmp_path, write_pack) -> None:
    path = write_pack(VETO_PACK.replace("MODEL", "absent.json"))
    with pytest.raises(RulePackError) as err:
        load_pack([str(path)])
    first = err.value
    assert (first.rule_id, first.line, first.column) == ("mine.confidential", 7, 11)
    assert "cannot read the veto model 'absent.json'" in first.message
    assert "tools/train_veto.py" in first.hint
    (tmp_path / "broken.json").write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_pack([str(write_pack(VETO_PACK.replace("MODEL", "broken.json")))])
    assert "not an events model" in err.value.message
    events = (ROOT / "rules" / "events-model.json").read_text(encoding="utf-8")
    (tmp_path / "events.json").write_text(events, encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_pack([str(write_pack(VETO_PACK.replace("MODEL", "events.json")))])
    assert "has no 'leak' class" in err.value.message


def test_the_cli_names_the_place_and_exits_2(write_pack) -> None:
    path = write_pack(VETO_PACK.replace("MODEL", "absent.json"))
    run = subprocess.run([sys.executable, "-m", "guard", "check", "--no-nlp", "--rules",
                          str(path), "hello"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert f"{path}:7:11: mine.confidential: cannot read the veto model 'absent.json'" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_bad_threshold_is_refused(write_pack) -> None:
    path = write_pack(VETO_PACK.replace("{model: MODEL}", "{model: x.json, below: 2}"))
    with pytest.raises(RulePackError) as err:
        load_pack([str(path)])
    assert str(err.value).endswith("mine.confidential: rules.veto.below: 2 is above the maximum 1")


def test_the_model_counts_in_the_policy_digest(tmp_path, write_pack) -> None:
    model = json.loads((ROOT / "rules" / "marker-veto.json").read_text(encoding="utf-8"))
    (tmp_path / "v.json").write_text(json.dumps(model), encoding="utf-8")
    path = write_pack(VETO_PACK.replace("MODEL", "v.json"))
    before = load_pack([str(path)]).digest
    model["bias"][1] += 0.001
    (tmp_path / "v.json").write_text(json.dumps(model), encoding="utf-8")
    assert load_pack([str(path)]).digest != before


def test_a_hashed_pack_leaves_the_veto_out_with_a_note(tmp_path) -> None:
    out = tmp_path / "hashed.yaml"
    result = hash_pack(str(ROOT / "rules" / "confidentiality.yaml"), str(out), "salt")
    assert "veto" not in result.text
    assert any("'veto' left out" in note for note in result.notes)


def test_training_twice_writes_the_same_bytes_and_the_guard_reads_them() -> None:
    pytest.importorskip("sklearn", reason="scikit-learn (the [train] extra) trains the model")
    train = load_script("tools/train_veto.py")
    rows = train.all_rows()[::4]
    first, second = train.dump(train.fit(rows)), train.dump(train.fit(rows))
    assert first == second
    scorer = parse(json.loads(first), "small")
    assert scorer.classes == ("none", "leak") and scorer.chars == train.CHARS


def test_explain_shows_the_veto() -> None:
    run = subprocess.run([sys.executable, "-m", "guard", "explain", "marker.do-not-share"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0
    line = next(ln for ln in run.stdout.splitlines() if ln.startswith("  veto"))
    assert line.startswith("  veto        scorer marker-veto.json (sha256:")
    assert line.endswith("drops the finding when p(leak) < 0.1")
