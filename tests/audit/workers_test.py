"""`guard serve --workers 2 --audit`: each forked worker opens its own connections to the store,
and every answered check is in it, on SQLite and on a real PostgreSQL. Loopback only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")

from guard.audit.store import AuditStore  # noqa: E402
from tests.audit.packs import LOOP_PACK  # noqa: E402
from tests.serve.processes_test import _port, _until, answers_health  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="--workers needs fork")


@pytest.mark.slow
def test_forked_workers_record_every_check(audit_target: str,
                                           write_pack: Callable[..., Path]) -> None:
    pack = write_pack(LOOP_PACK, "acme.yaml")
    port = _port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "guard", "serve", "--port", str(port), "--rules", str(pack),
         "--no-nlp", "--workers", "2", "--audit", audit_target],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ),
    )
    url = f"http://127.0.0.1:{port}"
    answers = []
    try:
        _until(lambda: answers_health(proc, url))
        for i in range(30):
            with httpx.Client(timeout=30) as client:  # fresh connections reach both workers
                answer = client.post(f"{url}/v1/check", json={"text": f"Kestrel ships in {i} days"})
            assert answer.status_code == 200, answer.text
            answers.append(answer.json())
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "2 worker processes" in err
    store = AuditStore(audit_target)
    stored = {row["id"]: row for row in store.rows(None)["checks"]}
    store.close()
    assert len(stored) == 30
    assert all(stored[a["check_id"]]["verdict"] == a["verdict"] == "block" for a in answers)
