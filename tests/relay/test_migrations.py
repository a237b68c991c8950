"""The relay's Alembic migrations create exactly the tables schema.py describes, on SQLite
and on PostgreSQL (checked by Alembic's own model comparison)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from fieldreport.hq.server import db, migrate
from fieldreport.hq.server.schema import metadata


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migrations_match_the_schema(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        url = db.default_url(tmp_path)
    else:
        url = request.getfixturevalue("pg_cluster").create_database(f"m_{uuid.uuid4().hex[:10]}")
    engine = db.make_engine(url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        migrate.upgrade(engine)  # a second start is a no-op
        assert migrate.current_revision(engine) == migrate.head_revision()
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diffs == []
    finally:
        engine.dispose()
