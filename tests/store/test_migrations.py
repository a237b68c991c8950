"""Acceptance: Alembic head matches the models; a store from the first revision upgrades."""

from __future__ import annotations

import os
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import insert
from sqlmodel import SQLModel

from fieldreport.paths import StoreLayout
from fieldreport.store import device, doctor, migrate, reports, vault
from fieldreport.store.engine import make_engine
from fieldreport.store.store import Store
from fieldreport.store.tables import DEVICE
from tests.conftest import PASSPHRASE, minimal_report


def test_head_matches_the_models(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "db", os.urandom(32), create=True)
    migrate.upgrade(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": migrate.include_object})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()


def test_upgrade_from_the_first_revision_keeps_data(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    layout = StoreLayout(folder)
    key = vault.create(layout, PASSPHRASE)
    engine = make_engine(layout.database, key, create=True)
    migrate.upgrade(engine, "0001")
    keys = device.generate("field", "x25519")
    with engine.begin() as conn:
        conn.execute(insert(DEVICE).values(**keys.to_row()))
        saved = reports.create_report(conn, minimal_report(), keys.device_id)
    assert migrate.current_revision(engine) == "0001"
    engine.dispose()

    with Store.open(folder, PASSPHRASE) as store:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert [d["id"] for d in store.list_reports()] == [saved.report_id]
        store.add_report(minimal_report(title="after the upgrade"))
        result = doctor.run(store)
        assert result.ok, result.problems


def test_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    from alembic import command

    engine = make_engine(tmp_path / "db", os.urandom(32), create=True)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "base")
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()
