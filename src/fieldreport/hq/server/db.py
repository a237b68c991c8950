"""The relay's database: SQLite in the HQ folder by default, PostgreSQL with `--db`.

SQLite runs in WAL mode with a long busy timeout, and write transactions begin IMMEDIATE so
two workers never deadlock upgrading a read lock. PostgreSQL goes through psycopg 3; its
URL may be written `postgresql://…` (the driver name is added here). Neither URL is logged:
a PostgreSQL URL may hold a password.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from fieldreport.errors import UsageError

SQLITE_NAME = "relay.db"


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / SQLITE_NAME}"


def normalise_url(url: str) -> str:
    """`postgresql://…` → `postgresql+psycopg://…`; refuse other databases."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError("--db: not a database URL (postgresql://… or sqlite:///FILE)") from None
    backend = parsed.get_backend_name()
    if backend == "postgresql":
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if backend == "sqlite" and parsed.database:
        return url
    raise UsageError("--db: only postgresql://… and sqlite:///FILE are supported")


def make_engine(url: str, pool_size: int = 8) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"timeout": 60, "check_same_thread": False, "isolation_level": None},
            pool_size=pool_size,
            max_overflow=pool_size,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # No ping before each use (a round trip per request): after a database restart the first
    # request on a dead connection fails (the device retries) and the pool is renewed.
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=3600)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    for pragma in (
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",  # a bundle the relay said it stored must survive a crash
        "PRAGMA busy_timeout = 60000",
        "PRAGMA foreign_keys = ON",
    ):
        cursor.execute(pragma)
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


@contextlib.contextmanager
def write(engine: Engine, durable: bool = True) -> Iterator[Connection]:
    """One write transaction (IMMEDIATE on SQLite).

    `durable=False` commits without waiting for the disk (PostgreSQL's synchronous_commit
    off, SQLite's synchronous NORMAL in WAL mode): a crash may forget the last such commits,
    never corrupt anything. Only for what is safe to forget: a replay-cache entry, an upload
    created or an offset moved (the client asks again; the file is cut back to the offset).
    What the relay promises — a bundle stored, a receipt, an acknowledgement — is durable:
    its commit also flushes every earlier one (one log, in order)."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # On the driver's connection: SQLAlchemy would open a transaction first, and the
            # level may only change outside one.
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
            conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            if not durable and not sqlite:
                conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
            yield conn


@contextlib.contextmanager
def read(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn, conn.begin():
        yield conn


# Statements built once per database kind and reused: SQLAlchemy then finds their compiled
# form in its cache without rebuilding them, a good part of a small request's cost.
_BUILT: dict[tuple[str, ...], Any] = {}


def insert_ignore(conn: Connection, table: Any, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING on either database; True if a row was added.

    Asked through RETURNING: psycopg reports no row count for this statement."""
    key = (conn.dialect.name, table.name)
    stmt = _BUILT.get(key)
    if stmt is None:
        primary = next(iter(table.primary_key.columns))
        stmt = _BUILT[key] = (
            _dialect_insert(conn, table).on_conflict_do_nothing().returning(primary)
        )
    return conn.execute(stmt, values).first() is not None


def insert_from_select_ignore(
    conn: Connection, table: Any, columns: list[str], query: Any, params: dict[str, Any]
) -> None:
    """INSERT … SELECT … ON CONFLICT DO NOTHING on either database. `query` is the same
    select at every call (its variable parts are bind parameters, given in `params`)."""
    key = (conn.dialect.name, table.name, *columns)
    stmt = _BUILT.get(key)
    if stmt is None:
        built: Any = _dialect_insert(conn, table).from_select(columns, query)
        stmt = _BUILT[key] = built.on_conflict_do_nothing()
    conn.execute(stmt, params)


def _dialect_insert(conn: Connection, table: Any) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)
