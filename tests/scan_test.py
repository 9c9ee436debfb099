"""`guard scan`: many drafts in, one result per line out, in order, errors inline."""

from __future__ import annotations

import json


def results(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_scan_5000_jsonl_drafts_in_order_with_ids(cli, falcon_pack, tmp_path):
    lines = [
        json.dumps(
            {"id": f"post-{i}", "text": f"Falcon update {i}" if i % 1000 == 7 else f"Hello {i}"}
        )
        for i in range(5000)
    ]
    (tmp_path / "posts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = cli("scan", "posts.jsonl", "--rules", falcon_pack)
    out = results(run.out)
    assert len(out) == 5000
    assert [r["id"] for r in out] == [f"post-{i}" for i in range(5000)]
    assert [r["id"] for r in out if r["verdict"] == "block"] == [
        f"post-{i}" for i in range(7, 5000, 1000)
    ]
    assert set(out[0]) >= {"id", "verdict", "score", "findings", "length"}
    assert run.code == 1
    assert "scanned 5000 drafts" in run.err and "5 block" in run.err


def test_scan_plain_lines_use_line_numbers(cli, falcon_pack, tmp_path):
    (tmp_path / "posts.txt").write_text("first post\n\nFalcon news\n", encoding="utf-8")
    out = results(cli("scan", "posts.txt", "--rules", falcon_pack).out)
    assert [(r["id"], r["verdict"]) for r in out] == [(1, "allow"), (3, "block")]


def test_bad_lines_become_error_results(cli, falcon_pack, tmp_path):
    (tmp_path / "posts.jsonl").write_text(
        '{"id": "a", "text": "fine"}\n{not json}\n{"id": "c"}\n{"id": "d", "text": "  "}\n[1]\n'
        '{"id": "f", "text": "fine too"}\n',
        encoding="utf-8",
    )
    run = cli("scan", "posts.jsonl", "--rules", falcon_pack)
    out = results(run.out)
    assert [r["id"] for r in out] == ["a", 2, "c", "d", 5, "f"]
    assert "error" in out[1] and "not valid JSON" in out[1]["error"]
    assert "'text' is missing" in out[2]["error"]
    assert "empty" in out[3]["error"]
    assert out[5]["verdict"] == "allow"
    assert run.code == 1  # a draft that could not be checked is not a pass
    assert "4 error" in run.err


def test_scan_output_file_and_stdin(cli, falcon_pack, tmp_path):
    run = cli(
        "scan",
        "-",
        "--rules",
        falcon_pack,
        "--output",
        "out.jsonl",
        stdin=b'{"id": 1, "text": "hello"}\n',
    )
    assert run.code == 0 and run.out == ""
    assert results((tmp_path / "out.jsonl").read_text(encoding="utf-8"))[0]["verdict"] == "allow"


def test_scan_redacts(cli, falcon_pack, tmp_path):
    (tmp_path / "p.jsonl").write_text('{"id": 1, "text": "Falcon soon"}\n', encoding="utf-8")
    run = cli("scan", "p.jsonl", "--rules", falcon_pack, "--redact")
    assert "Falcon" not in run.out


def test_scan_missing_input_exits_2(cli, falcon_pack):
    run = cli("scan", "nope.jsonl", "--rules", falcon_pack)
    assert run.code == 2 and "nope.jsonl" in run.err
