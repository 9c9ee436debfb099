"""The compliance loop end to end over HTTP, on SQLite and on a real PostgreSQL.

Checks, an override accepted and one refused, a false-alarm report with its draft, the report in
every format with exact counts, a grep of the database for a checked codename, prune, and tune
producing an overlay that `guard rules test` holds.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")

from guard.audit.store import AuditStore  # noqa: E402
from guard.engine import Guard  # noqa: E402
from guard.serve.app import PackWatcher, ServerConfig, create_app  # noqa: E402
from guard.serve.compliance import Compliance  # noqa: E402
from tests.audit.conftest import SECRET, database_dump  # noqa: E402
from tests.audit.packs import LOOP_PACK  # noqa: E402
from tests.conftest import Run  # noqa: E402
from tests.serve.server_test import serving  # noqa: E402

WARN_DRAFT = "Lunch with the Globex team on Friday"
BLOCK_DRAFT = "Kestrel ships to beta testers Monday"
FALSE_ALARM = "Great to see the Falcon Nine launch today"
CLEAN = "Lovely morning, coffee and a walk"


def _server(pack: Path, store: AuditStore, users: dict[str, str] | None = None):
    def build() -> Guard:
        return Guard.from_files([str(pack)], nlp=False, today=dt.date(2026, 11, 2))

    compliance = Compliance(audit=store, secret=SECRET.encode(), users=users or {})
    return create_app(PackWatcher(build(), build), ServerConfig(compliance=compliance),
                      watch=False)


def _run_loop(base: str) -> dict[str, str]:
    """Four checks, two overrides, one false-alarm report; the check ids by draft."""
    ids = {}
    headers = {"Authorization": "Bearer alice-token-0123456789"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for draft in (WARN_DRAFT, BLOCK_DRAFT, FALSE_ALARM, CLEAN):
            answer = client.post("/v1/check", json={"text": draft})
            assert answer.status_code == 200, answer.text
            ids[draft] = answer.json()["check_id"]
            assert len(ids[draft]) == 32
        ok = client.post("/v1/override", json={"check_id": ids[WARN_DRAFT],
                                               "reason": "client approved the announcement"})
        assert ok.json() == {"check_id": ids[WARN_DRAFT], "accepted": True,
                             "reason": "client approved the announcement"}
        refused = client.post("/v1/override", json={"check_id": ids[BLOCK_DRAFT],
                                                    "reason": "ship it anyway"}).json()
        assert refused["accepted"] is False
        assert refused["refused"] == ("rule codename.kestrel may not be overridden "
                                      "(override: never)")
        report = client.post("/v1/feedback", json={
            "check_id": ids[FALSE_ALARM], "rule": "codename.falcon", "kind": "false-alarm",
            "note": "Falcon Nine is the rocket", "text": FALSE_ALARM})
        assert report.json() == {"check_id": ids[FALSE_ALARM], "recorded": True,
                                 "rule": "codename.falcon", "kind": "false-alarm"}
        # Refusals: unknown check, a rule that did not fire, a text that is not the draft.
        assert client.post("/v1/override", json={"check_id": "nope", "reason": "why not"}
                           ).status_code == 404
        wrong_rule = client.post("/v1/feedback", json={
            "check_id": ids[CLEAN], "rule": "codename.falcon", "kind": "false-alarm"})
        assert wrong_rule.status_code == 400
        assert "did not fire" in wrong_rule.json()["error"]["message"]
        other_text = client.post("/v1/feedback", json={
            "check_id": ids[FALSE_ALARM], "rule": "codename.falcon", "kind": "false-alarm",
            "text": FALSE_ALARM + "!"})
        assert other_text.status_code == 400
        assert client.post("/v1/override", json={"check_id": ids[WARN_DRAFT], "reason": ""}
                           ).status_code == 400
    return ids


def test_checks_overrides_feedback_report_prune_and_tune(
    audit_target: str, write_pack: Callable[..., Path], cli: Callable[..., Run],
    tmp_path: Path,
) -> None:
    pack = write_pack(LOOP_PACK, "acme.yaml")
    store = AuditStore(audit_target)
    with serving(_server(pack, store, {"alice-token-0123456789": "alice"})) as base:
        ids = _run_loop(base)
    stored = AuditStore(audit_target)
    record = stored.get_check(ids[BLOCK_DRAFT])
    assert record is not None
    assert (record["who"], record["verdict"], record["rules"], record["length"],
            record["text"]) == ("alice", "block", "codename.kestrel", len(BLOCK_DRAFT), None)
    assert record["text_hmac"].startswith("hmac-sha256:")
    # Nothing of a checked draft is in the database: not the codename, not the sentence.
    dump = database_dump(audit_target)
    assert b"Kestrel" not in dump and b"Globex" not in dump and b"beta testers" not in dump

    data = json.loads(cli("audit", "report", "--audit", audit_target, "--format", "json").out)
    assert data["checks"] == 4
    assert data["verdicts"] == {"allow": 1, "warn": 1, "block": 2}
    assert data["overrides"] == {"requested": 2, "accepted": 1}
    assert data["feedback"] == {"false-alarm": 1, "missed": 0}
    assert [(r["rule"], r["fires"], r["overrides"], r["false_alarms"]) for r in data["rules"]] == [
        ("codename.falcon", 1, 0, 1),  # the reported false alarm: noisiest
        ("client.globex", 1, 1, 0),  # overridden every time it fired
        ("codename.kestrel", 1, 0, 0),
    ]
    assert "period" not in data and "periods" not in data
    text = cli("audit", "report", "--audit", audit_target).out
    assert text.startswith("4 checks since the start: 1 allow, 1 warn, 2 block; 1/2 overrides "
                           "accepted; 1 false-alarm and 0 missed-leak reports\n")
    rows = list(csv.reader(io.StringIO(cli("audit", "report", "--audit", audit_target,
                                           "--format", "csv").out)))
    assert rows[1] == ["*", "4", "1", "", "1", "0"]
    assert rows[2] == ["codename.falcon", "1", "0", "0.0", "1", "0"]
    assert rows[3] == ["client.globex", "1", "1", "1.0", "0", "0"]
    page = cli("audit", "report", "--audit", audit_target, "--format", "html").out
    assert page.startswith("<!doctype html>") and "<svg" in page
    assert "<strong>4</strong> checks" in page and "http" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")  # self-contained: no CDN, no link

    # Tune: the reported draft becomes a pass example; `rules test` holds the overlay.
    overlay = tmp_path / "tuned.yaml"
    tuned = cli("rules", "tune", audit_target, "--rules", str(pack), "-o", str(overlay),
                "--no-nlp")
    assert tuned.code == 0, tuned.err
    assert "codename.falcon: 1 report(s); proposed allow: ['Falcon Nine']" in tuned.err
    assert FALSE_ALARM in overlay.read_text(encoding="utf-8")
    assert cli("rules", "test", str(overlay), "--no-nlp").code == 0
    assert cli("check", FALSE_ALARM, "--rules", str(overlay), "--no-nlp").code == 0
    assert cli("check", "Falcon ships Monday", "--rules", str(overlay), "--no-nlp").code == 1

    # Prune: two checks made "400 days ago" go, with their override and their report.
    with stored.engine.begin() as conn:
        old = dt.datetime.now() - dt.timedelta(days=400)
        for table in (stored.t.checks, stored.t.overrides, stored.t.feedback):
            key = table.c.id if table is stored.t.checks else table.c.check_id
            conn.execute(table.update().where(key.in_([ids[WARN_DRAFT], ids[FALSE_ALARM]]))
                         .values(at=old))
    stored.close()
    pruned = cli("audit", "prune", "--older-than", "365d", "--audit", audit_target)
    assert pruned.code == 0
    assert pruned.out.startswith("pruned 2 checks, 1 overrides, 1 feedback reports older than ")
    after = json.loads(cli("audit", "report", "--audit", audit_target, "--format", "json",
                           "--since", "30d").out)
    assert (after["checks"], after["verdicts"]) == (2, {"allow": 1, "warn": 0, "block": 1})
    assert after["feedback"] == {"false-alarm": 0, "missed": 0}


def test_cli_override_is_recorded(audit_target: str, write_pack: Callable[..., Path],
                                  cli: Callable[..., Run]) -> None:
    pack = str(write_pack(LOOP_PACK, "acme.yaml"))
    run = cli("check", WARN_DRAFT, "--rules", pack, "--no-nlp", "--audit", audit_target,
              "--fail-on", "warn", "--override", "client approved", "--today", "2026-11-02")
    assert run.code == 0  # the accepted override is the policy's own exception
    assert "; override accepted (client approved)" in run.err
    refused = cli("check", BLOCK_DRAFT, "--rules", pack, "--no-nlp", "--audit", audit_target,
                  "--override", "ship it anyway")
    assert refused.code == 1
    assert "override refused: rule codename.kestrel may not be overridden" in refused.err
    data = json.loads(cli("audit", "report", "--audit", audit_target, "--format", "json").out)
    assert (data["checks"], data["overrides"]) == (2, {"requested": 2, "accepted": 1})


def test_redacted_text_is_stored_only_when_the_policy_says(
    tmp_path: Path, write_pack: Callable[..., Path], cli: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GUARD_AUDIT_SECRET", SECRET)
    pack = str(write_pack(LOOP_PACK + "audit: {store_text: redacted}\n", "acme.yaml"))
    target = str(tmp_path / "a.db")
    run = cli("check", "Kestrel — 木曜日 ships 🚀", "--rules", pack, "--no-nlp", "--audit", target)
    check_id = run.err.split("recorded check ")[1].split(";")[0].strip()
    store = AuditStore(target)
    record = store.get_check(check_id)
    store.close()
    assert record is not None and record["text"] == "[codename.kestrel] — 木曜日 ships 🚀"
    assert b"Kestrel" not in database_dump(target)


def test_usage_errors(tmp_path: Path, cli: Callable[..., Run],
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GUARD_AUDIT", raising=False)
    monkeypatch.delenv("GUARD_AUDIT_SECRET", raising=False)
    run = cli("check", "hello", "--no-nlp", "--override", "because")
    assert (run.code, run.err) == (2, "guard: error: --override is recorded in the audit store: "
                                   "give --audit PATH_OR_URL or set GUARD_AUDIT\n")
    run = cli("check", "hello", "--no-nlp", "--audit", str(tmp_path / "a.db"))
    assert run.code == 2 and "needs a secret of 16+ characters in $GUARD_AUDIT_SECRET" in run.err
    run = cli("audit", "prune", "--older-than", "a year", "--audit", str(tmp_path / "a.db"))
    assert (run.code, run.err) == (2, "guard: error: --older-than 'a year' is not an age; write "
                                   "a number and a unit: 12h, 30d, 365d, 4w\n")
    run = cli("audit", "report", "--audit", "mysql://x@y/z")
    assert run.code == 2 and "'mysql://...' is not supported" in run.err
    run = cli("audit", "report", "--audit", str(tmp_path / "missing.db"))
    assert (run.code, run.err) == (2, f"guard: error: no audit store at '{tmp_path}/missing.db': "
                                   "give the file `guard serve --audit` writes to, or a "
                                   "postgresql:// URL\n")
    monkeypatch.setenv("GUARD_AUDIT_SECRET", SECRET)
    run = cli("check", "hi", "--no-nlp", "--audit", str(tmp_path / "missing" / "a.db"))
    assert run.code == 2 and "does not exist" in run.err
    run = cli("audit", "report", "--audit", "postgresql://guard:s3cret@127.0.0.1:1/x")
    assert run.code == 2 and "postgresql://***@127.0.0.1:1/x" in run.err
    assert "s3cret" not in run.err


def test_who_comes_from_the_token_file_or_the_trusted_header(
    tmp_path: Path, write_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    from guard.errors import UsageError
    from guard.serve.app import ServeSettings
    from guard.serve.compliance import load_tokens

    tokens = tmp_path / "tokens.yaml"
    tokens.write_text("alice: alice-token-0123456789\nscheduler: sched-token-0123456789\n",
                      encoding="utf-8")
    assert load_tokens(str(tokens)) == {"alice-token-0123456789": "alice",
                                        "sched-token-0123456789": "scheduler"}
    tokens.write_text("bob: short\n", encoding="utf-8")
    with pytest.raises(UsageError, match="the token of 'bob' must be text of 16"):
        load_tokens(str(tokens))
    monkeypatch.delenv("GUARD_AUDIT_SECRET", raising=False)
    with pytest.raises(UsageError, match="needs a secret of 16"):
        ServeSettings(audit=str(tmp_path / "a.db")).compliance()
    assert not (tmp_path / "a.db").exists()  # refused before touching the database

    monkeypatch.setenv("GUARD_AUDIT_SECRET", SECRET)
    pack = write_pack(LOOP_PACK, "acme.yaml")
    store = AuditStore(str(tmp_path / "b.db"))

    def build() -> Guard:
        return Guard.from_files([str(pack)], nlp=False)

    compliance = Compliance(audit=store, secret=SECRET.encode(),
                            users={"alice-token-0123456789": "alice"},
                            user_header="X-Forwarded-User")
    app = create_app(PackWatcher(build(), build), ServerConfig(compliance=compliance),
                     watch=False)
    with serving(app) as base, httpx.Client(base_url=base, timeout=30) as client:
        assert client.post("/v1/check", json={"text": CLEAN}).status_code == 401
        via_token = client.post("/v1/check", json={"text": CLEAN},
                                headers={"Authorization": "Bearer alice-token-0123456789"})
        via_proxy = client.post("/v1/check", json={"text": CLEAN}, headers={
            "Authorization": "Bearer alice-token-0123456789",
            "X-Forwarded-User": "zoe.martin@acme.example"})
    stored = AuditStore(str(tmp_path / "b.db"))
    assert stored.get_check(via_token.json()["check_id"])["who"] == "alice"
    assert stored.get_check(via_proxy.json()["check_id"])["who"] == "zoe.martin@acme.example"
    stored.close()
