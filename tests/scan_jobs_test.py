"""`guard scan --jobs 2`: the same output, byte for byte, as one job (forked workers that
inherit the parent's rules and models, batches handed out as workers come free)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

DRAFTS = [
    "Lovely morning in Paris, coffee and a walk by the river before work.",
    "Call me on +1 415 555 0100 about the launch next week",
    "Our deploy key AKIAIOSFODNN7EXAMPLE is in the wiki, don't share",
    "Internal only: write to jane.doe@example.com before the launch",
    "Des licenciements sont prévus avant l'annonce officielle",
    "",
    "We're laying off 200 people next month before anyone knows",
]


@pytest.mark.parametrize("nlp", [False, pytest.param(True, marks=pytest.mark.nlp)])
def test_two_jobs_write_what_one_job_writes(tmp_path, nlp):
    posts = tmp_path / "posts.jsonl"
    lines = [json.dumps({"id": i, "text": DRAFTS[i % len(DRAFTS)]}) for i in range(700)]
    posts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.jsonl"
        args = ["scan", str(posts), "--jobs", str(jobs), "-o", str(out)]
        done = subprocess.run(
            [sys.executable, "-m", "guard", *args, *([] if nlp else ["--no-nlp"])],
            capture_output=True, text=True, cwd=tmp_path,
        )
        assert done.returncode == 1, done.stderr  # some drafts block
        assert "scanned 700 drafts" in done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") == 700


def test_a_worker_that_dies_stops_the_scan_with_exit_3(tmp_path):
    # The pool starts a new worker, but the batch the dead one held never comes back: the scan
    # says so and writes nothing (it used to wait for ever).
    posts = tmp_path / "posts.jsonl"
    lines = [json.dumps({"id": i, "text": DRAFTS[i % len(DRAFTS)]}) for i in range(2000)]
    posts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    prelude = (
        "import os, sys\n"
        "import guard.commands.scan as scan\n"
        "real = scan._work\n"
        "def work(job):\n"
        "    if any(item.id == 700 for item in job[0]):\n"
        "        os._exit(9)\n"
        "    return real(job)\n"
        "scan._work = work\n"
        "from guard.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-c", prelude, "scan", str(posts), "--jobs", "2", "--no-nlp",
         "-o", str(out)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert done.returncode == 3, done.stderr
    assert "worker process of the scan ended unexpectedly (exit code 9)" in done.stderr
    assert "NOT all checked" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["posts.jsonl"]  # no partial file either
