"""The outbox as the sync engine sees it: items, the bundles that carry them, and their
visible state (state, attempts, last error, next attempt) — nothing is ever silently stuck.

States of an item: pending (saved) → bundled (in a bundle file) → sent (the relay said
"stored") → received (an importer's signed receipt came back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update

from fieldreport.store.store import Store
from fieldreport.store.tables import BUNDLE, OUTBOX, REVISION
from fieldreport.store.timeutil import utc_now

PENDING = "pending"
BUNDLED = "bundled"
SENT = "sent"
RECEIVED = "received"


@dataclass(frozen=True)
class OutgoingBundle:
    bundle_id: str
    sha256: str
    size: int
    sequence: int
    attempts: int


def exportable(waiting_bundle_ids: list[str]) -> Any:
    """Items that need a (new) bundle: pending ones, and bundled ones whose bundle is not
    waiting here for upload (it went out on a USB stick, or its file was lost)."""
    return or_(
        OUTBOX.c.state == PENDING,
        and_(OUTBOX.c.state == BUNDLED, OUTBOX.c.bundle_id.not_in(waiting_bundle_ids)),
    )


def count_exportable(store: Store, waiting_bundle_ids: list[str]) -> int:
    with store.read() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(OUTBOX).where(exportable(waiting_bundle_ids))
            ).scalar_one()
        )


def bundles_waiting(store: Store, bundle_ids: list[str]) -> list[OutgoingBundle]:
    """Bundles with a file waiting for upload and items not yet past "bundled"."""
    if not bundle_ids:
        return []
    with store.read() as conn:
        rows = conn.execute(
            select(
                BUNDLE.c.id,
                BUNDLE.c.sha256,
                BUNDLE.c.size,
                BUNDLE.c.sequence,
                func.max(OUTBOX.c.attempts).label("attempts"),
            )
            .join(OUTBOX, OUTBOX.c.bundle_id == BUNDLE.c.id)
            .where(BUNDLE.c.id.in_(bundle_ids), OUTBOX.c.state == BUNDLED)
            .group_by(BUNDLE.c.id)
            .order_by(BUNDLE.c.sequence)
        ).all()
    return [OutgoingBundle(r.id, r.sha256, r.size, r.sequence, int(r.attempts or 0)) for r in rows]


def is_due(store: Store, bundle_id: str, now: datetime) -> bool:
    with store.read() as conn:
        later = conn.execute(
            select(func.min(OUTBOX.c.next_attempt_at)).where(
                OUTBOX.c.bundle_id == bundle_id, OUTBOX.c.state == BUNDLED
            )
        ).scalar_one()
    return later is None or datetime.fromisoformat(later) <= now


def mark_sent(store: Store, bundle_id: str) -> int:
    with store.write() as conn:
        return int(
            conn.execute(
                update(OUTBOX)
                .where(OUTBOX.c.bundle_id == bundle_id, OUTBOX.c.state == BUNDLED)
                .values(state=SENT, last_error=None, next_attempt_at=None, updated_at=utc_now())
            ).rowcount
        )


def mark_failed(
    store: Store,
    error: str,
    delay_seconds: float,
    bundle_id: str | None = None,
    states: tuple[str, ...] = (PENDING, BUNDLED),
) -> None:
    """Count an attempt and say why it failed and when the next one is (one bundle, or every
    waiting item when the relay could not be reached at all)."""
    when = (datetime.now(UTC) + timedelta(seconds=delay_seconds)).isoformat(timespec="seconds")
    condition: ColumnElement[bool] = OUTBOX.c.state.in_(states)
    if bundle_id is not None:
        condition = and_(condition, OUTBOX.c.bundle_id == bundle_id)
    with store.write() as conn:
        conn.execute(
            update(OUTBOX)
            .where(condition)
            .values(
                attempts=OUTBOX.c.attempts + 1,
                last_error=error[:300],
                next_attempt_at=when,
                updated_at=utc_now(),
            )
        )


def max_attempts(store: Store) -> int:
    """The most attempts any item not yet received has had (the backoff after a failed pass)."""
    with store.read() as conn:
        value = conn.execute(
            select(func.max(OUTBOX.c.attempts)).where(OUTBOX.c.state != RECEIVED)
        ).scalar_one()
    return int(value or 0)


def items(store: Store) -> list[dict[str, Any]]:
    """Every outbox item not yet received, with what the user must see."""
    with store.read() as conn:
        rows = conn.execute(
            select(
                OUTBOX.c.id,
                REVISION.c.report_id,
                OUTBOX.c.revision_id,
                OUTBOX.c.state,
                OUTBOX.c.attempts,
                OUTBOX.c.last_error,
                OUTBOX.c.next_attempt_at,
                OUTBOX.c.bundle_id,
            )
            .join(REVISION, REVISION.c.id == OUTBOX.c.revision_id)
            .where(OUTBOX.c.state != RECEIVED)
            .order_by(OUTBOX.c.id)
        ).all()
    return [dict(r._mapping) for r in rows]
