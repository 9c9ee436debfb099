"""`guard scan --jobs N` while the models load: a process forked before the load finds the
model-free hits of the first drafts (`guard.commands.scan_ahead`), the workers use them.

Nothing of it may show in the output: the hits found ahead are those the worker would find,
hits of another day's rules are not used, and when that process dies or sends nothing the
workers check every draft themselves. A model that cannot load still stops the scan (exit 3).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap

import pytest

from guard import Guard
from guard.commands.scan_ahead import Ahead
from guard.models import Hit, ModelFreeHits
from guard.packs.loader import load_pack

DRAFTS = [
    "Lovely morning in Paris, coffee and a walk by the river before work.",
    "Call me on +1 415 555 0100 about the launch next week",
    "Our deploy key AKIAIOSFODNN7EXAMPLE is in the wiki, don't share",
    "Internal only: write to jane.doe@example.com before the launch 🎉",
    "Des licenciements sont prévus avant l'annonce officielle, c'est confidentiel",
    "Project Falcon ships Monday — 東京 launch, \uff26\uff21\uff2c\uff23\uff2f\uff2e in full width",
    "Pr\u043eject Falcon (with a Cyrillic o) lands next week",
    "We're laying off 200 people next month before anyone knows",
    "word " * 200,
]
PACK = """\
version: 1
name: ahead
extends: [default]
rules:
  - id: codename.falcon
    category: codename
    severity: critical
    terms: [Project Falcon]
"""


def _guard(write_pack, **kwargs) -> Guard:
    return Guard(load_pack([str(write_pack(PACK))]), nlp=False, **kwargs)


def test_hits_found_ahead_give_the_reports_found_in_place(write_pack):
    guard = _guard(write_pack, today=dt.date(2026, 12, 1))
    ahead = _guard(write_pack, today=dt.date(2026, 12, 1)).model_free_ahead(DRAFTS)
    assert set(ahead.hits) == set(DRAFTS)
    assert any(ahead.hits.values())  # the phone, the key, the codename...
    assert guard.check_many(DRAFTS, ahead=ahead) == guard.check_many(DRAFTS)
    # Drafts it does not hold are checked in full, in their place.
    part = ModelFreeHits(ahead.day, {t: ahead.hits[t] for t in DRAFTS[::2]})
    assert guard.check_many(DRAFTS, ahead=part) == guard.check_many(DRAFTS)


def test_the_hits_found_ahead_are_what_the_worker_uses(write_pack):
    # A made-up hit stands in for the detectors: the path is taken, not merely allowed.
    guard = _guard(write_pack, today=dt.date(2026, 12, 1))
    text = "Nothing to see here"
    made_up = ModelFreeHits(dt.date(2026, 12, 1), {text: (Hit("codename.falcon", 0, 7, "term"),)})
    report = guard.check_many([text], ahead=made_up)[0]
    assert [(f.rule, f.start, f.end) for f in report.findings] == [("codename.falcon", 0, 7)]
    assert guard.check_many([text])[0].findings == ()


def test_hits_of_another_day_are_not_used(write_pack):
    guard = _guard(write_pack, today=dt.date(2026, 12, 1))
    text = "Nothing to see here"
    stale = ModelFreeHits(dt.date(2026, 11, 30), {text: (Hit("codename.falcon", 0, 7, "term"),)})
    assert guard.check_many([text], ahead=stale)[0].findings == ()


def test_drafts_that_cannot_be_checked_are_left_out(write_pack):
    guard = Guard(load_pack([str(write_pack("""\
        version: 1
        settings: {pattern_timeout_ms: 50}
        rules:
          - id: bad.regex
            pattern: '(a+)+b'
    """))]), nlp=False)
    runaway = "a" * 3000
    ahead = guard.model_free_ahead(["", "x" * 200_000, runaway, "fine draft"])
    assert set(ahead.hits) == {"fine draft"}
    # The worker meets the runaway draft itself and reports it as it always did.
    results = guard.check_each([runaway, "fine draft"], ahead=ahead)
    assert "time limit" in str(results[0])
    assert results[1].verdict == "allow"


def test_the_process_reads_the_file_and_stops_when_asked(tmp_path, write_pack):
    guard = _guard(write_pack)
    posts = tmp_path / "posts.jsonl"
    lines = [json.dumps({"id": i, "text": t}) for i, t in enumerate(DRAFTS)]
    lines += ["not json", json.dumps({"id": "t", "posts": ["a thread", "of two"]}), ""]
    posts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ahead = Ahead(guard, str(posts))
    assert ahead.finished.wait(60)
    found = ahead.collect()
    assert found is not None
    assert found.hits == guard.model_free_ahead(DRAFTS).hits


def test_a_process_that_dies_sends_nothing(tmp_path, write_pack, monkeypatch):
    import guard.commands.scan_ahead as scan_ahead

    def die(*args):
        raise MemoryError("killed")

    monkeypatch.setattr(scan_ahead, "_find", die)
    posts = tmp_path / "posts.jsonl"
    posts.write_text(json.dumps({"id": 1, "text": "hello"}) + "\n", encoding="utf-8")
    assert Ahead(_guard(write_pack), str(posts)).collect() is None


def _scan(tmp_path, jobs, *extra, env=None, prelude=""):
    out = tmp_path / f"out{jobs}.jsonl"
    code = textwrap.dedent(prelude) + "from guard.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", "import sys\n" + code, "scan", str(tmp_path / "posts.jsonl"),
         "--jobs", str(jobs), "-o", str(out), *extra],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300,
    )
    return done, out


def _posts(tmp_path):
    lines = [json.dumps({"id": i, "text": DRAFTS[i % len(DRAFTS)]}) for i in range(600)]
    (tmp_path / "posts.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.nlp
@pytest.mark.parametrize("fault", ["dies", "garbage"])
def test_two_jobs_write_what_one_job_writes_when_the_process_fails(tmp_path, fault):
    _posts(tmp_path)
    one, out_one = _scan(tmp_path, 1)
    assert one.returncode == 1, one.stderr
    # The process dies at once, or sends something that is not hits: every draft is checked.
    body = "os._exit(1)" if fault == "dies" else "send.send('not hits'); os._exit(0)"
    prelude = f"""\
        import os
        import guard.commands.scan_ahead as a
        def run(guard, path, stop, send, finished):
            stop.wait()
            {body}
        a._run = run
    """
    two, out_two = _scan(tmp_path, 2, prelude=prelude)
    assert two.returncode == 1, two.stderr
    assert "Traceback" not in two.stderr
    assert "scanned 600 drafts" in two.stderr
    assert out_two.read_bytes() == out_one.read_bytes()


@pytest.mark.nlp
def test_a_model_that_cannot_load_stops_the_scan(tmp_path):
    import os

    _posts(tmp_path)
    env = {**os.environ, "GUARD_MODEL_EN": "no_such_model_xx"}
    done, out = _scan(tmp_path, 2, env=env)
    assert done.returncode == 3, done.stderr
    assert "no_such_model_xx" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".out2.jsonl.*"))  # no partial output left behind
