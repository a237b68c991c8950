"""What the outbox view shows: every revision written here and where it stands."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from fieldreport.store.tables import BUNDLE, OUTBOX, REPORT, REVISION


@dataclass(frozen=True)
class OutboxItem:
    revision_id: str
    report_id: str
    number: int
    title: str
    state: str  # pending, bundled, sent, received
    attempts: int
    last_error: str | None
    bundle_id: str | None
    updated_at: str


def items(conn: Connection, include_received: bool = False, limit: int = 500) -> list[OutboxItem]:
    stmt = (
        select(
            OUTBOX.c.revision_id,
            REVISION.c.report_id,
            REVISION.c.number,
            REPORT.c.title,
            OUTBOX.c.state,
            OUTBOX.c.attempts,
            OUTBOX.c.last_error,
            OUTBOX.c.bundle_id,
            OUTBOX.c.updated_at,
        )
        .join(REVISION, REVISION.c.id == OUTBOX.c.revision_id)
        .join(REPORT, REPORT.c.id == REVISION.c.report_id)
        .order_by(REVISION.c.seq.desc())
        .limit(limit)
    )
    if not include_received:
        stmt = stmt.where(OUTBOX.c.state != "received")
    return [OutboxItem(*row) for row in conn.execute(stmt).all()]


def counts(conn: Connection) -> dict[str, int]:
    rows = conn.execute(select(OUTBOX.c.state, func.count()).group_by(OUTBOX.c.state)).all()
    return {state: int(n) for state, n in rows}


def bundles(conn: Connection, limit: int = 50) -> list[dict[str, object]]:
    rows = conn.execute(select(BUNDLE).order_by(BUNDLE.c.recorded_at.desc()).limit(limit)).all()
    return [dict(r._mapping) for r in rows]
