"""`guard scan` input that used to be read wrong: mixed kinds, bad bytes, odd line breaks."""

from __future__ import annotations

import io
import json

from guard.sources.scanlines import read_items


def results(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_a_json_line_in_plain_input_is_an_error_not_raw_text(cli, falcon_pack, tmp_path):
    # Before, the first line decided alone: every JSON line was then checked as raw text,
    # where "\\u0046alcon" escapes hide the codename.
    (tmp_path / "posts.txt").write_text(
        'drafts for Monday\n{"id": "a", "text": "\\u0046alcon ships"}\nFalcon soon\n',
        encoding="utf-8",
    )
    run = cli("scan", "posts.txt", "--rules", falcon_pack)
    out = results(run.out)
    assert [r["id"] for r in out] == [1, 2, 3]
    assert out[0]["verdict"] == "allow"
    assert "a JSON object in plain-text input" in out[1]["error"]
    assert out[2]["verdict"] == "block"
    assert run.code == 1


def test_a_jsonl_file_is_jsonl_whatever_its_first_line(cli, falcon_pack, tmp_path):
    (tmp_path / "posts.jsonl").write_text(
        'drafts for Monday\n{"id": "a", "text": "\\u0046alcon ships"}\n', encoding="utf-8"
    )
    out = results(cli("scan", "posts.jsonl", "--rules", falcon_pack).out)
    assert "not valid JSON" in out[0]["error"]
    assert (out[1]["id"], out[1]["verdict"]) == ("a", "block")


def test_invalid_utf8_inside_a_line_is_that_lines_error(cli, falcon_pack, tmp_path):
    (tmp_path / "posts.jsonl").write_bytes(
        b'{"id": "a", "text": "Fal\xffcon"}\n{"id": "b", "text": "Falcon"}\n'
    )
    run = cli("scan", "posts.jsonl", "--rules", falcon_pack)
    out = results(run.out)
    assert out[0] == {"id": 1, "error": "line 1: not valid UTF-8 at byte 24 of the line "
                      "(invalid start byte); save the file as UTF-8"}
    assert (out[1]["id"], out[1]["verdict"]) == ("b", "block")
    assert "1 block, 1 error" in run.err


def test_unicode_line_separators_inside_json_do_not_split_the_line(cli, falcon_pack, tmp_path):
    line = {"id": "a", "text": "one\u2028two\u2029three\u0085Falcon"}
    (tmp_path / "posts.jsonl").write_text(
        json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    out = results(cli("scan", "posts.jsonl", "--rules", falcon_pack).out)
    assert len(out) == 1
    assert out[0]["verdict"] == "block" and out[0]["findings"][0]["start"] == 14


def test_a_lone_surrogate_is_an_error_result_and_the_output_file_is_written(
    cli, falcon_pack, tmp_path
):
    (tmp_path / "posts.jsonl").write_text(
        '{"id": "a", "text": "x \\ud800 y"}\n{"id": "\\udfff", "text": "Falcon"}\n',
        encoding="utf-8",
    )
    run = cli("scan", "posts.jsonl", "--rules", falcon_pack, "-o", "out.jsonl")
    out = results((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert "unpaired surrogate" in out[0]["error"]
    assert (out[1]["id"], out[1]["verdict"]) == (2, "block")
    assert run.code == 1


def test_duplicate_keys_in_a_json_line_are_refused(cli, falcon_pack, tmp_path):
    (tmp_path / "posts.jsonl").write_text(
        '{"id": "a", "text": "Falcon ships", "text": "hello"}\n', encoding="utf-8"
    )
    out = results(cli("scan", "posts.jsonl", "--rules", falcon_pack).out)
    assert out == [{"id": 1, "error": "line 1: key 'text' appears twice; keep one"}]


def test_a_5000_digit_integer_is_a_line_error(cli, falcon_pack, tmp_path):
    (tmp_path / "posts.jsonl").write_text(
        '{"id": ' + "9" * 5000 + ', "text": "hi"}\n{"id": "b", "text": "hi"}\n',
        encoding="utf-8",
    )
    out = results(cli("scan", "posts.jsonl", "--rules", falcon_pack).out)
    assert "not valid JSON" in out[0]["error"] and out[1]["verdict"] == "allow"


def test_scan_redact_masks_a_secret_past_the_length_limit(cli, falcon_pack, tmp_path):
    key = "AKIA" + "Q" * 16
    (tmp_path / "p.jsonl").write_text(
        json.dumps({"id": 1, "text": "x" * 290 + " " + key}) + "\n", encoding="utf-8"
    )
    run = cli("scan", "p.jsonl", "--rules", falcon_pack, "--redact")
    assert results(run.out)[0]["findings"][0]["rule"] == "length.limit"
    assert key not in run.out


def test_a_failed_scan_leaves_the_previous_output_whole(cli, falcon_pack, tmp_path, monkeypatch):
    import guard.commands.scan as scan

    (tmp_path / "out.jsonl").write_text("previous results\n", encoding="utf-8")
    (tmp_path / "p.jsonl").write_text('{"id": 1, "text": "hi"}\n', encoding="utf-8")

    def broken(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(scan, "_check_batch", broken)
    run = cli("scan", "p.jsonl", "--rules", falcon_pack, "-o", "out.jsonl")
    assert run.code != 0
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == "previous results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl", "p.jsonl", "pack.yaml"]


class _Recorder(io.BytesIO):
    """A stream that remembers how far it has been read."""

    furthest = 0

    def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        line = super().readline(size)
        self.furthest = self.tell()
        return line


def test_items_stream_one_line_at_a_time():
    stream = _Recorder(b"".join(b'{"id": %d, "text": "draft"}\n' % i for i in range(10_000)))
    items = read_items(stream, "posts.jsonl")
    first, _ = next(items)
    assert first.id == 0
    assert stream.furthest < 100  # one line read, not the whole input
