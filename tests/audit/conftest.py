"""The audit store under test: a SQLite file, and a real PostgreSQL when one is reachable.

`.ci/run` installs and starts Debian's PostgreSQL and exports GUARD_TEST_POSTGRES_URL; without
it the PostgreSQL cases skip and say why (CI fails when they skip).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("sqlalchemy")
pytest.importorskip("alembic")

POSTGRES_ENV = "GUARD_TEST_POSTGRES_URL"
SECRET = "test-secret-0123456789abcdef"


def _reset_postgres(url: str) -> None:
    import sqlalchemy as sa

    from guard.audit.store import url_of

    engine = sa.create_engine(url_of(url))
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS feedback, overrides, checks, "
                                 "alembic_version CASCADE")
    except sa.exc.OperationalError as exc:
        pytest.fail(f"${POSTGRES_ENV} is set but PostgreSQL is not reachable: {exc.orig}")
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def audit_target(request: pytest.FixtureRequest, tmp_path: Path,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An empty audit store: a SQLite file path or the test PostgreSQL URL."""
    monkeypatch.setenv("GUARD_AUDIT_SECRET", SECRET)
    monkeypatch.delenv("GUARD_AUDIT", raising=False)
    if request.param == "sqlite":
        yield str(tmp_path / "audit.db")
        return
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url and os.environ.get("GUARD_REQUIRE_POSTGRES"):
        pytest.fail(f"GUARD_REQUIRE_POSTGRES is set but {POSTGRES_ENV} is not")
    if not url:
        pytest.skip(f"no PostgreSQL: set {POSTGRES_ENV}=postgresql://user:pass@host/db "
                    "(.ci/run installs Debian's postgresql and sets it)")
    if os.environ.get("GUARD_REQUIRE_POSTGRES"):
        import psycopg  # noqa: F401 - CI must not skip: a missing driver is a failure there
    pytest.importorskip("psycopg")
    _reset_postgres(url)
    yield url
    _reset_postgres(url)


def database_dump(target: str) -> bytes:
    """Everything the database holds, as bytes to grep: the SQLite files, or pg_dump's output."""
    if "://" not in target:
        return b"".join(p.read_bytes() for p in Path(target).parent.glob(Path(target).name + "*"))
    import shutil
    import subprocess

    exe = shutil.which("pg_dump")
    if exe is None:
        pytest.fail("pg_dump is missing: apt-get install postgresql-client")
    return subprocess.run([exe, "--data-only", f"--dbname={target}"], capture_output=True,
                          check=True).stdout
