"""What the GUI shows about sync (no Qt): the outbox rows with their visible state, the
number still waiting, the time of the last pass that reached the relay, and "try now"."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, func, not_, or_, select, update

from fieldreport.store import settings
from fieldreport.store.store import Store
from fieldreport.store.tables import OUTBOX, REPORT, REVISION
from fieldreport.store.timeutil import utc_now
from fieldreport.sync import outbox

LAST_SYNC = "sync.last_success"
WAITING = (outbox.PENDING, outbox.BUNDLED)
REFUSED_PREFIX = "the relay refused"


def outbox_rows(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Outbox items not yet received, with their report's title and revision number: the
    `limit` newest when given (a table of 100k rows would hold the GUI thread for seconds)."""
    with store.read() as conn:
        rows = conn.execute(
            select(
                OUTBOX.c.id,
                REVISION.c.report_id,
                REPORT.c.title,
                REVISION.c.number,
                OUTBOX.c.state,
                OUTBOX.c.attempts,
                OUTBOX.c.last_error,
                OUTBOX.c.next_attempt_at,
            )
            .join(REVISION, REVISION.c.id == OUTBOX.c.revision_id)
            .join(REPORT, REPORT.c.id == REVISION.c.report_id, isouter=True)
            .where(OUTBOX.c.state != outbox.RECEIVED)
            .order_by(OUTBOX.c.id.desc())
            .limit(-1 if limit is None else limit)
        ).all()
    return [dict(r._mapping) for r in rows]


def waiting_count(store: Store) -> int:
    """Items not yet on the relay (pending or bundled)."""
    with store.read() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(OUTBOX).where(OUTBOX.c.state.in_(WAITING))
            ).scalar_one()
        )


def last_sync(store: Store) -> str | None:
    with store.read() as conn:
        return settings.get(conn, LAST_SYNC)


def record_sync(store: Store, when: str | None = None) -> str:
    """Remember the end of a pass that reached the relay (RFC 3339, UTC)."""
    when = when or utc_now()
    with store.write() as conn:
        settings.put(conn, LAST_SYNC, when)
    return when


def make_due(store: Store, *, keep_refused: bool = False) -> int:
    """Let the next pass try every waiting item now (the user asked, or the link came back).
    Attempts and last errors stay; with `keep_refused`, items the relay refused keep their
    wait (a refusal does not go away because the link did)."""
    condition: ColumnElement[bool] = OUTBOX.c.state.in_(WAITING)
    if keep_refused:
        condition = and_(
            condition,
            or_(
                OUTBOX.c.last_error.is_(None),
                not_(OUTBOX.c.last_error.startswith(REFUSED_PREFIX)),
            ),
        )
    with store.write() as conn:
        return int(
            conn.execute(
                update(OUTBOX)
                .where(condition, OUTBOX.c.next_attempt_at.is_not(None))
                .values(next_attempt_at=None)
            ).rowcount
        )
