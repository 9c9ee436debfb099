"""`guard rules tune` from a feedback file: plain packs get allow and examples; hashed, neither."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FALCON_PACK, Run

pytest.importorskip("sqlalchemy")

REPORTED = ["Great to see the Falcon Nine rocket launch today",
            "Falcon Nine rocket à Cap Canaveral 🚀 ce soir"]


def _feedback(tmp_path: Path, rule: str) -> Path:
    path = tmp_path / "feedback.jsonl"
    path.write_text("".join(json.dumps({"rule": rule, "kind": "false-alarm", "text": t},
                                       ensure_ascii=False) + "\n" for t in REPORTED),
                    encoding="utf-8")
    return path


def test_a_plain_rule_gets_an_allow_phrase_and_pass_examples(
    write_pack: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path
) -> None:
    pack = write_pack(FALCON_PACK, "acme.yaml")
    run = cli("rules", "tune", str(_feedback(tmp_path, "codename.falcon")), "--rules", str(pack),
              "-o", "tuned.yaml", "--no-nlp")
    assert run.code == 0, run.err
    assert run.err.splitlines()[0] == ("codename.falcon: 2 report(s); proposed allow: "
                                       "['Falcon Nine']; 2 draft(s) now pass, its examples "
                                       "still hold")
    tuned = (tmp_path / "tuned.yaml").read_text(encoding="utf-8")
    assert "extends:\n- acme.yaml\n" in tuned and all(t in tuned for t in REPORTED)
    assert cli("rules", "test", "tuned.yaml", "--no-nlp").code == 0


def test_a_hashed_rule_gets_exclude_words_and_no_term_in_clear(
    write_pack: Callable[..., Path], cli: Callable[..., Run], tmp_path: Path
) -> None:
    write_pack(FALCON_PACK, "plain.yaml")
    assert cli("rules", "hash", "plain.yaml", "-o", "hashed.yaml").code == 0
    rule = next(line.split("id: ")[1] for line in (tmp_path / "hashed.yaml").read_text(
        encoding="utf-8").splitlines() if "id: codename." in line)
    run = cli("rules", "tune", str(_feedback(tmp_path, rule)), "--rules", "hashed.yaml",
              "-o", "tuned.yaml", "--no-nlp")
    assert run.code == 0, run.err
    tuned = (tmp_path / "tuned.yaml").read_text(encoding="utf-8")
    assert "falcon" not in tuned.casefold()
    assert "exclude:\n    words:\n    - nine\n" in tuned
    for draft in REPORTED:
        assert cli("check", draft, "--rules", "tuned.yaml", "--no-nlp").code == 0
    assert cli("check", "Falcon beta ships Monday", "--rules", "tuned.yaml", "--no-nlp").code == 1


def test_nothing_to_learn_from_says_why(write_pack: Callable[..., Path], cli: Callable[..., Run],
                                       tmp_path: Path) -> None:
    pack = write_pack(FALCON_PACK, "acme.yaml")
    path = tmp_path / "fb.jsonl"
    path.write_text('{"rule": "codename.falcon", "kind": "false-alarm", "text": null}\n',
                    encoding="utf-8")
    run = cli("rules", "tune", str(path), "--rules", str(pack), "--no-nlp")
    assert run.code == 1
    assert run.err == ("codename.falcon: 1 report(s); no proposal: no reported draft to learn "
                       "from (reporters did not send the text)\nnothing to propose\n")
    path.write_text("{not json\n", encoding="utf-8")
    bad = cli("rules", "tune", str(path), "--rules", str(pack))
    assert bad.code == 2 and f"{path}:1:2: not JSON" in bad.err
