"""The `events` rules through every surface: library, CLI, scan, the hook and `guard serve`."""

from __future__ import annotations

import json
import re
import textwrap

import pytest

import guard as guard_lib

LEAK = "we're laying off 200 people on Friday, not public yet"
SPAN = (6, 16)  # "laying off"


def test_library():
    report = guard_lib.Guard.from_files(["default"], nlp=False).check(LEAK)
    f = next(f for f in report.findings if f.rule == "event.mnpi")
    assert report.verdict == "block" and (f.start, f.end) == SPAN


def test_cli_check_blocks_and_explains(cli):
    run = cli("check", "--rules", "default", "--no-nlp", "--format", "json", LEAK)
    assert run.code == 1
    f = next(f for f in run.json()["findings"] if f["rule"] == "event.mnpi")
    assert (f["start"], f["end"], f["text"]) == (*SPAN, "laying off")
    assert f["evidence"]["via"] == "event" and f["evidence"]["normalized"] == "layoff"
    assert "nonpublic: not public yet" in f["evidence"]["context"]
    text = cli("check", "--rules", "events", LEAK).out
    assert re.search(r"via event, context: mnpi (0\.\d\d|1\.00)", text)
    assert "layoff: laying off" in text


def test_scan(cli, tmp_path):
    rows = [{"id": "a", "text": "Lovely morning, coffee and a walk"}, {"id": "b", "text": LEAK}]
    (tmp_path / "posts.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    run = cli("scan", "posts.jsonl", "--rules", "events")
    out = [json.loads(line) for line in run.out.splitlines() if line.strip()]
    assert [(r["id"], r["verdict"]) for r in out] == [("a", "allow"), ("b", "block")]
    assert run.code == 1


def test_hook_reports_file_line_and_column(cli, tmp_path):
    path = tmp_path / "post.md"
    path.write_text(textwrap.dedent(f"""\
        ---
        title: News
        ---
        Busy week.
        {LEAK}
        """), encoding="utf-8")
    run = cli("hook", str(path), "--rules", "events")
    assert run.code == 1
    assert any(line.startswith(f"{path}:5:7: event.mnpi") for line in run.out.splitlines())


def test_serve():
    pytest.importorskip("starlette")
    pytest.importorskip("uvicorn")
    httpx = pytest.importorskip("httpx")
    from guard.serve.app import PackWatcher, create_app
    from tests.serve.server_test import serving

    checker = guard_lib.Guard.from_files(["events"], nlp=False)
    app = create_app(PackWatcher(checker, lambda: checker))
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        body = client.post("/v1/check", json={"text": LEAK}).json()
    assert body["verdict"] == "block"
    f = body["findings"][0]
    assert (f["rule"], f["start"], f["end"]) == ("event.mnpi", *SPAN)


def test_explain_describes_the_kinds_the_cues_and_the_scorer(cli):
    run = cli("explain", "event.mnpi", "--rules", "events")
    assert run.code == 0
    assert "matches     events: layoff (" in run.out
    assert "scorer events-model.json (sha256:" in run.out


def test_a_bad_list_reference_is_exit_2_with_file_line_and_column(cli, tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "version: 1\nextends: [default]\nlists:\n  nonpublic: ['@nonpublic', '@hushhush']\n",
        encoding="utf-8")
    run = cli("check", "--rules", "mine.yaml", "hello")
    assert run.code == 2
    assert "mine.yaml:4:29: no list named 'hushhush'" in run.err
