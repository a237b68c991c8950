"""Drafts: the editor's unfinished work, autosaved every few seconds into the encrypted store
(never a temporary file) and offered again after a crash or a power cut."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from fieldreport.store.tables import DRAFT
from fieldreport.store.timeutil import utc_now

MAX_DRAFT_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Draft:
    id: str
    report_id: str | None
    fields: dict[str, Any]
    updated_at: str


def save(conn: Connection, draft_id: str, fields: dict[str, Any], report_id: str | None) -> None:
    body = json.dumps(fields, ensure_ascii=False)
    if len(body) > MAX_DRAFT_BYTES:
        raise ValueError("draft too large")
    values = {"body": body, "report_id": report_id, "updated_at": utc_now()}
    if conn.execute(select(DRAFT.c.id).where(DRAFT.c.id == draft_id)).first():
        conn.execute(update(DRAFT).where(DRAFT.c.id == draft_id).values(**values))
    else:
        conn.execute(insert(DRAFT).values(id=draft_id, **values))


def all_drafts(conn: Connection) -> list[Draft]:
    rows = conn.execute(select(DRAFT).order_by(DRAFT.c.updated_at.desc())).all()
    return [Draft(r.id, r.report_id, json.loads(r.body), r.updated_at) for r in rows]


def discard(conn: Connection, draft_id: str) -> None:
    conn.execute(delete(DRAFT).where(DRAFT.c.id == draft_id))
