"""SQLCipher: keyed raw, pragmas in order, failing closed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fieldreport.errors import WrongPassphraseError
from fieldreport.store.engine import open_connection


def test_pragmas_are_applied(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "db", os.urandom(32), create=True)
    pragma = lambda name: conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("secure_delete") == 1
    assert pragma("temp_store") == 2  # MEMORY
    assert pragma("cipher_version")
    conn.execute("CREATE TABLE t(x)")
    conn.close()
    assert not (tmp_path / "db").read_bytes().startswith(b"SQLite format 3")


def test_wrong_key_fails_closed(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "db", os.urandom(32), create=True)
    conn.execute("CREATE TABLE t(x)")
    conn.close()
    with pytest.raises(WrongPassphraseError):
        open_connection(tmp_path / "db", os.urandom(32))


def test_a_plain_sqlite_file_is_not_opened_as_a_store(tmp_path: Path) -> None:
    import sqlite3

    plain = sqlite3.connect(tmp_path / "plain.db")
    plain.execute("CREATE TABLE t(x)")
    plain.commit()
    plain.close()
    with pytest.raises(WrongPassphraseError):
        open_connection(tmp_path / "plain.db", os.urandom(32))


def test_bad_key_length_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        open_connection(tmp_path / "db", b"short", create=True)


def test_a_missing_database_is_not_recreated(tmp_path: Path) -> None:
    """After a wipe, a late connection (a background job) must not make a new empty file."""
    from fieldreport.errors import StoreCorruptError

    with pytest.raises(StoreCorruptError, match="missing"):
        open_connection(tmp_path / "gone.db", os.urandom(32))
    assert not (tmp_path / "gone.db").exists()


def test_a_closed_store_refuses_work(store) -> None:  # type: ignore[no-untyped-def]
    from fieldreport.errors import FieldReportError

    store.close()
    with pytest.raises(FieldReportError, match="locked"):
        store.list_reports()


def test_a_store_made_by_init_does_not_recreate_its_wiped_database(tmp_path: Path) -> None:
    """The engine `init` made serves the whole session (and a duress unlock): its later
    connections must not re-create the file either."""
    from fieldreport.errors import StoreCorruptError
    from fieldreport.store.store import Store
    from tests.conftest import PASSPHRASE

    store = Store.init(tmp_path / "s", PASSPHRASE, key_type="x25519")
    store.engine.dispose()  # the pool's connections are gone: the next one opens the file
    for path in [store.layout.database, *store.layout.database_sidecars()]:
        path.unlink(missing_ok=True)
    with pytest.raises(StoreCorruptError, match="missing"), store.read():
        pass
    assert not store.layout.database.exists()
