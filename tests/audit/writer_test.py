"""The server's record writer, on SQLite and on a real PostgreSQL: concurrent checks committed in
group, each answered with its own stored check_id; a record that cannot be written is a 503,
never an unrecorded answer; the writer recovers once the store does.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")

from guard.audit.store import RECORD_FIELDS, AuditStore  # noqa: E402
from guard.engine import Guard  # noqa: E402
from guard.serve.app import PackWatcher, ServerConfig, create_app  # noqa: E402
from guard.serve.compliance import Compliance  # noqa: E402
from tests.audit.conftest import SECRET  # noqa: E402
from tests.audit.packs import LOOP_PACK  # noqa: E402
from tests.serve.server_test import serving  # noqa: E402

DRAFTS = ["Lunch with the Globex team on Friday", "Kestrel ships to beta testers Monday",
          "Café crème et croissant ☕ avant le travail", "東京で新しいオフィスを開きました 🎉"]


def _app(pack: Path, store: AuditStore):  # type: ignore[no-untyped-def]
    def build() -> Guard:
        return Guard.from_files([str(pack)], nlp=False, today=dt.date(2026, 11, 2))

    compliance = Compliance(audit=store, secret=SECRET.encode())
    return create_app(PackWatcher(build(), build), ServerConfig(compliance=compliance),
                      watch=False)


def test_the_insert_follows_the_tables_column_order() -> None:
    from guard.audit import tables

    # Records are inserted as tuples: the table's columns must be the record's fields, in order.
    assert tuple(c.name for c in tables.checks.columns) == RECORD_FIELDS


def test_concurrent_checks_are_each_recorded_with_their_own_id(
    audit_target: str, write_pack: Callable[..., Path],
) -> None:
    store = AuditStore(audit_target)
    with serving(_app(write_pack(LOOP_PACK, "acme.yaml"), store)) as base:
        def check(i: int) -> tuple[str, dict]:
            with httpx.Client(base_url=base, timeout=30) as client:
                answer = client.post("/v1/check", json={"text": DRAFTS[i % len(DRAFTS)]})
            assert answer.status_code == 200, answer.text
            return DRAFTS[i % len(DRAFTS)], answer.json()

        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            answers = list(pool.map(check, range(48)))
    ids = [answer["check_id"] for _, answer in answers]
    assert len(set(ids)) == 48
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    stored = AuditStore(audit_target)
    for draft, answer in answers:
        record = stored.get_check(answer["check_id"])
        assert record is not None
        assert (record["verdict"], record["length"], record["text"]) == (
            answer["verdict"], len(draft), None)
    assert stored.rows(None)["checks"].__len__() == 48
    stored.close()


def test_a_check_that_cannot_be_recorded_is_a_503_and_the_writer_recovers(
    audit_target: str, write_pack: Callable[..., Path],
) -> None:
    from guard.audit import tables

    store = AuditStore(audit_target)
    with serving(_app(write_pack(LOOP_PACK, "acme.yaml"), store)) as base, \
            httpx.Client(base_url=base, timeout=30) as client:
        assert client.post("/v1/check", json={"text": DRAFTS[2]}).status_code == 200
        with store.engine.begin() as conn:  # the store breaks under the running server
            conn.exec_driver_sql("DROP TABLE checks" + (" CASCADE" if "://" in audit_target
                                                        else ""))
        failed = client.post("/v1/check", json={"text": DRAFTS[2]})
        assert failed.status_code == 503
        error = failed.json()["error"]
        assert error["code"] == "audit_failed"
        assert error["message"].endswith("the draft was not cleared: do not publish")
        assert "check_id" not in failed.json() and "verdict" not in failed.json()
        tables.checks.create(store.engine)  # the store is back: so are the answers
        again = client.post("/v1/check", json={"text": DRAFTS[3]})
        assert again.status_code == 200, again.text
        assert store.get_check(again.json()["check_id"])["length"] == len(DRAFTS[3])
