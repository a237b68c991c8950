"""SQLCipher connections and the SQLAlchemy engine over them.

The key goes in through a connect hook as a raw 256-bit key (`x'…'`: no PBKDF2 per
connection, and never in a URL where it could reach a log). The pragmas run in the order
security.md gives and the connection is refused unless SQLCipher answers and the key opens
the file — a plain SQLite build would otherwise silently write a clear-text database.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from fieldreport.errors import StoreCorruptError, WrongPassphraseError
from fieldreport.fsutil import PRIVATE_FILE_MODE

_PRAGMAS_AFTER_KEY = (
    "PRAGMA cipher_compatibility = 4",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 10000",
)


def open_connection(
    path: Path, data_key: bytes, *, plain: bool = False, create: bool = False
) -> Any:
    """A DB-API connection to the store, keyed and checked, or an exception.

    `plain=True` opens an unencrypted SQLite file with the same pragmas: only the benchmark
    baseline (performance.md P1) uses it.
    """
    # mode=rw: a store that was wiped must not be silently re-created by a late connection
    # (a background job finishing after a panic); only `init` creates the file.
    if create:
        create_database_file(path)
    uri = f"file:{quote(str(path.resolve()))}?mode=rw"
    try:
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlcipher3.OperationalError:
        raise StoreCorruptError(
            f"the store's database {path} is missing; it was wiped or moved"
        ) from None
    try:
        try:
            _configure(conn, data_key, plain)
        except sqlcipher3.DatabaseError:
            # SQLCipher answers "file is not a database" when the key does not match: the
            # first page fails its HMAC. Nothing was written.
            raise WrongPassphraseError(
                "the database does not open with this key: wrong key file or damaged store"
            ) from None
    except BaseException:
        conn.close()
        raise
    return conn


def create_database_file(path: Path) -> None:
    """An empty database file, owner-only from the start: SQLite would create it with the
    umask's mode, and gives its -wal and -shm files the mode of the database file."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE))


def _configure(conn: Any, data_key: bytes, plain: bool) -> None:
    if not plain:
        if len(data_key) != 32:
            raise ValueError("data key must be 32 bytes")
        # SQLCipher logs decryption failures to stderr; the caller reports them as one line.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    for pragma in _PRAGMAS_AFTER_KEY:
        if plain and "cipher" in pragma:
            continue
        conn.execute(pragma)
    if not plain:
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise StoreCorruptError("SQLCipher is not available: refusing to open the store")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreCorruptError(f"could not enable WAL journaling (got {mode})")


def make_engine(
    path: Path, data_key: bytes, *, plain: bool = False, create: bool = False
) -> Engine:
    """An engine whose every pooled connection is opened by `open_connection`.

    The driver runs in autocommit mode and we issue BEGIN ourselves (SQLAlchemy's recipe for
    pysqlite), so a write transaction can be BEGIN IMMEDIATE: it takes the write lock before
    reading the chain head, and two writers can never fork the revision chain.
    """
    if create:
        # Once, here: the pooled connections open the file read-write only, so a store that
        # was wiped while the engine lived is never re-created by a later connection.
        create_database_file(path)
    engine = create_engine(
        "sqlite://",
        module=sqlcipher3.dbapi2,
        creator=lambda: open_connection(path, data_key, plain=plain),
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
