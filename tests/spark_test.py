"""`guard scan --spark` and `guard.spark` on a local Spark (`local[2]`) agree with `guard scan`.

Needs pyspark (extra `[spark]`) and Java 17+; skipped without them, except in CI
(`GUARD_REQUIRE_SPARK=1`, set by .ci/run), where a skip would hide a broken install.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.sources.archives import tweet, x_zip

pytestmark = pytest.mark.slow


def _missing() -> str | None:
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e '.[spark]')"
    java = shutil.which("java")
    if java is None:
        return "java is not installed (apt-get install default-jre-headless)"
    version = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    if not any(f'version "{v}' in version.stderr for v in range(17, 40)):
        return f"Spark 4 needs Java 17+: {version.stderr.splitlines()[:1]}"
    return None


@pytest.fixture(scope="module")
def spark():
    reason = _missing()
    if reason:
        if os.environ.get("GUARD_REQUIRE_SPARK"):
            pytest.fail(f"GUARD_REQUIRE_SPARK is set but {reason}")
        pytest.skip(reason)
    from guard.spark import local_session

    session = local_session("local[2]")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


DRAFTS = [
    {"id": "a", "text": "Falcon beta ships to testers next week"},
    {"id": 2, "text": "Watched the Falcon Heavy launch tonight 🚀"},
    {"id": "c", "text": "Nouveau : le projet F4lc0n arrive, café ☕ compris"},
    {"id": "d", "text": "  "},
    {"id": "e", "text": "長い" * 200},
    {"text": "no id here, Project Falcon"},
    {"id": "g", "text": "👩🏽‍💻 " * 150},
    {"id": "h"},
    {"id": "t", "posts": ["Thread start, nothing here", "then Project", "Falcon ships 🚀"]},
    {"id": "u", "posts": ["ok", 3]},
]


def _jsonl(tmp_path, rows, bad_line=True):
    lines = [json.dumps(r, ensure_ascii=False) for r in rows * 40]
    if bad_line:
        lines.insert(5, "{not json")
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_scan_spark_on_local_2_agrees_result_for_result_with_scan(spark, cli, falcon_pack,
                                                                  tmp_path):
    path = _jsonl(tmp_path, DRAFTS)
    plain = cli("scan", path, "--rules", falcon_pack)
    on_spark = cli("scan", path, "--rules", falcon_pack, "--spark", "--master", "local[2]")
    assert _lines(on_spark.out) == _lines(plain.out)
    assert len(_lines(plain.out)) == 401
    assert on_spark.code == plain.code == 1
    assert "scanned 401 drafts" in on_spark.err and "on Spark (local[2])" in on_spark.err


def test_scan_spark_reads_archives_as_scan_does_and_writes_jsonl_to_a_file(
    spark, cli, falcon_pack, tmp_path
):
    items = [tweet(f"1{i:03d}", d.get("text") or "x", reply_to=["bob"], media=True)
             for i, d in enumerate(DRAFTS * 8)]
    zipped = x_zip(tmp_path / "archive.zip", items)
    plain = cli("scan", zipped, "--rules", falcon_pack)
    run = cli("scan", zipped, "--rules", falcon_pack, "--spark", "-o", "out.jsonl")
    assert run.out == ""
    got = _lines((tmp_path / "out.jsonl").read_text(encoding="utf-8"))
    assert got == _lines(plain.out)
    assert all(r.get("published") for r in got)


def test_scan_dataframe_keeps_ids_and_returns_the_fixed_schema(spark, falcon_pack, cli,
                                                               tmp_path):
    from guard.packs.loader import load_pack
    from guard.spark import scan_dataframe

    rows = [d for d in DRAFTS if isinstance(d.get("text"), str)]  # threads: not a column
    df = spark.createDataFrame([(str(d.get("id", i)), d["text"]) for i, d in enumerate(rows)],
                               "post_id string, body string")
    out = scan_dataframe(df, load_pack([str(falcon_pack)]), text="body", id="post_id")
    assert out.columns == ["id", "verdict", "score", "rules", "findings", "error", "result"]
    assert [f.dataType.simpleString() for f in out.schema.fields] == [
        "string", "string", "int", "array<string>", "string", "string", "string"
    ]
    got = {r["id"]: r for r in out.collect()}
    path = tmp_path / "same.jsonl"
    path.write_text("\n".join(json.dumps({"id": str(d.get("id", i)), "text": d["text"]})
                              for i, d in enumerate(rows)), encoding="utf-8")
    for expected in _lines(cli("scan", path, "--rules", falcon_pack).out):
        row = got[expected["id"]]
        assert json.loads(row["result"]) == expected
        assert (row["verdict"], row["score"]) == (expected.get("verdict"), expected.get("score"))
        assert json.loads(row["findings"] or "[]") == expected.get("findings", [])
    assert got["a"]["rules"] == ["codename.falcon"]
    assert got["d"]["error"] == "the draft is empty: there is nothing to check"


def test_parquet_in_and_parquet_out(spark, cli, falcon_pack, tmp_path):
    import pandas as pd

    rows = [{"id": f"p{i}", "text": t} for i, t in enumerate(
        ["Falcon soon", "hello", "Project Falcon ships", "bonjour à tous"] * 5)]
    pd.DataFrame(rows).to_parquet(tmp_path / "posts.parquet")
    run = cli("scan", "posts.parquet", "--rules", falcon_pack, "--spark", "--format", "parquet",
              "-o", "results")
    assert run.code == 1 and "scanned 20 drafts" in run.err and "10 block" in run.err
    back = pd.read_parquet(tmp_path / "results").sort_values("id")
    assert list(back.columns) == ["id", "verdict", "score", "rules", "findings", "error", "result"]
    verdicts = dict(zip(back["id"], back["verdict"], strict=True))
    assert verdicts["p0"] == "block" and verdicts["p1"] == "allow"


def test_spark_options_need_spark(cli, falcon_pack, tmp_path):
    path = _jsonl(tmp_path, DRAFTS[:1], bad_line=False)
    run = cli("scan", path, "--rules", falcon_pack, "--format", "parquet", "-o", "x")
    assert run.code == 2 and "--format parquet is written by Spark: add --spark" in run.err
    run = cli("scan", path, "--rules", falcon_pack, "--master", "local[2]")
    assert run.code == 2 and "--master names a Spark master: add --spark" in run.err
