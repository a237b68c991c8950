"""Coordinator review: mark a report's current revision reviewed, or comment on it.

Reviews are the coordinator's own notes on their store: append-only rows (who, which
revision, when), never sent back to the author. A report counts as reviewed when its
*current* revision was marked; a later update from the field makes it "to review" again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select

from fieldreport.errors import UsageError
from fieldreport.ids import uuid7
from fieldreport.store.tables import REPORT, REVIEW
from fieldreport.store.timeutil import utc_now

MAX_COMMENT = 5000


@dataclass(frozen=True)
class ReviewEntry:
    id: str
    report_id: str
    revision: int
    device_id: str
    reviewed: bool
    comment: str
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "report_id": self.report_id,
            "revision": self.revision,
            "device_id": self.device_id,
            "reviewed": self.reviewed,
            "comment": self.comment,
            "created_at": self.created_at,
        }


def add(
    conn: Connection, report_id: str, device_id: str, *, reviewed: bool, comment: str = ""
) -> ReviewEntry:
    """Record a review of the report's current revision (`report_id` must be a full id)."""
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise UsageError(f"a review comment holds at most {MAX_COMMENT} characters")
    if not reviewed and not comment:
        raise UsageError("a comment cannot be empty")
    current = conn.execute(select(REPORT.c.revision).where(REPORT.c.id == report_id)).first()
    if current is None:
        raise UsageError(f"no report with id {report_id!r}")
    entry = ReviewEntry(
        id=uuid7(),
        report_id=report_id,
        revision=int(current.revision),
        device_id=device_id,
        reviewed=reviewed,
        comment=comment,
        created_at=utc_now(),
    )
    conn.execute(insert(REVIEW).values(**entry.to_dict()))
    return entry


def history(conn: Connection, report_id: str) -> list[ReviewEntry]:
    rows = conn.execute(
        select(REVIEW).where(REVIEW.c.report_id == report_id).order_by(REVIEW.c.id)
    ).all()
    return [
        ReviewEntry(
            id=r.id,
            report_id=r.report_id,
            revision=int(r.revision),
            device_id=r.device_id,
            reviewed=bool(r.reviewed),
            comment=r.comment,
            created_at=r.created_at,
        )
        for r in rows
    ]


def reviewed_revisions(conn: Connection, report_ids: Iterable[str]) -> dict[str, int]:
    """For each report that was ever marked reviewed: the latest revision marked."""
    ids = list(report_ids)
    found: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        for row in conn.execute(
            select(REVIEW.c.report_id, func.max(REVIEW.c.revision))
            .where(REVIEW.c.report_id.in_(batch), REVIEW.c.reviewed.is_(True))
            .group_by(REVIEW.c.report_id)
        ):
            found[str(row[0])] = int(row[1])
    return found
