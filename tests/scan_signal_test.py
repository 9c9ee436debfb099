"""`guard scan --jobs 2` stopped by SIGTERM: no traceback, no partial output under the name."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from tests.scripts import ROOT


def test_sigterm_during_a_parallel_scan_leaves_no_traceback_and_no_partial_file(tmp_path):
    source = tmp_path / "posts.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for i in range(40_000):
            fh.write(json.dumps({"id": i, "text": f"Draft {i} about our public launch"}) + "\n")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "guard", "scan", str(source), "--jobs", "2", "--no-nlp",
         "-r", "default", "-o", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "GUARD_RULES": ""},
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".part") for p in tmp_path.iterdir()):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the scan never started writing"
        time.sleep(0.05)
    time.sleep(1)  # the workers are busy now
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert proc.returncode != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["posts.jsonl"]
