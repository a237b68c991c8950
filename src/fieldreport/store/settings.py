"""Small named values kept in the encrypted store (bundle sequence, the org profile…)."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from fieldreport.store.tables import SETTING

BUNDLE_SEQUENCE = "bundle.sequence"
BUNDLE_LAST_SHA256 = "bundle.last_sha256"
PROFILE = "profile"


def get(conn: Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute(select(SETTING.c.value).where(SETTING.c.key == key)).first()
    return str(row.value) if row else default


def put(conn: Connection, key: str, value: str) -> None:
    if conn.execute(select(SETTING.c.key).where(SETTING.c.key == key)).first():
        conn.execute(update(SETTING).where(SETTING.c.key == key).values(value=value))
    else:
        conn.execute(insert(SETTING).values(key=key, value=value))
