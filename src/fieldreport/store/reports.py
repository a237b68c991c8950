"""Writing and reading reports inside one connection/transaction.

One user action = one transaction: the revision (chained), the current-state row, the
full-text row and the outbox entry are written together or not at all (architecture.md,
principle 3). Callers open the transaction (`Store._write()`: BEGIN IMMEDIATE).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, text, update

from fieldreport.domain import Report, parse_report
from fieldreport.errors import NotFoundError
from fieldreport.ids import uuid7
from fieldreport.store.chain import (
    GENESIS,
    REVISION_FORMAT,
    canonical_json,
    chain_hash,
    content_hash,
)
from fieldreport.store.imported import ImportedRevision, report_row, search_words
from fieldreport.store.tables import ATTACHMENT, OUTBOX, REPORT, REVISION
from fieldreport.store.timeutil import utc_now

STATUS_FINAL = "final"
OUTBOX_PENDING = "pending"

INSERT_FTS = text(
    "INSERT INTO report_fts(rowid, report_id, title, body, place) "
    "VALUES (:num, :id, :title, :body, :place)"
)


@dataclass(frozen=True)
class SavedRevision:
    report_id: str
    revision: int
    revision_id: str


def _append_revision(
    conn: Connection,
    report_id: str,
    number: int,
    device_id: str,
    body: dict[str, Any],
    *,
    revision_id: str | None = None,
    created: str | None = None,
) -> str:
    """Append one row to the chained history; returns the revision id.

    Imported revisions keep the id and time their author gave them, so their content hash
    is the same on every machine.
    """
    head = conn.execute(
        select(REVISION.c.seq, REVISION.c.chain_hash).order_by(REVISION.c.seq.desc()).limit(1)
    ).first()
    seq = (head.seq + 1) if head else 1
    prev = head.chain_hash if head else GENESIS
    created = created or utc_now()
    body_json = canonical_json(body)
    content = content_hash(report_id, number, device_id, created, body_json)
    revision_id = revision_id or uuid7()
    conn.execute(
        insert(REVISION).values(
            seq=seq,
            id=revision_id,
            report_id=report_id,
            number=number,
            device_id=device_id,
            created_at=created,
            body=body_json,
            content_hash=content,
            prev_chain=prev,
            chain_hash=chain_hash(prev, seq, content),
        )
    )
    return revision_id


def _current_row_values(report: Report, body: dict[str, Any], device_id: str) -> dict[str, Any]:
    return {**report_row(report, body, device_id, canonical_json(body)), "updated_at": utc_now()}


def _index_text(
    conn: Connection, num: int, report_id: str, report: Report, *, replace: bool = True
) -> None:
    words = search_words(report)
    if replace:  # a new report has no row to remove (the save path stays one statement shorter)
        conn.execute(text("DELETE FROM report_fts WHERE rowid = :num"), {"num": num})
    conn.execute(
        INSERT_FTS,
        {"num": num, "id": report_id, **words},
    )


def _enqueue(conn: Connection, revision_id: str) -> None:
    now = utc_now()
    conn.execute(
        insert(OUTBOX).values(
            revision_id=revision_id,
            state=OUTBOX_PENDING,
            attempts=0,
            created_at=now,
            updated_at=now,
        )
    )


def create_report(conn: Connection, data: Mapping[str, Any], device_id: str) -> SavedRevision:
    report = parse_report(data)
    report_id = uuid7()
    body = {**report.to_dict(), "id": report_id, "revision": 1, "reported_at": utc_now()}
    body["attachments"] = []
    revision_id = _append_revision(conn, report_id, 1, device_id, body)
    values = _current_row_values(report, body, device_id)
    num = conn.execute(
        insert(REPORT).values(id=report_id, status=STATUS_FINAL, **values).returning(REPORT.c.num)
    ).scalar_one()
    _index_text(conn, num, report_id, report, replace=False)
    _enqueue(conn, revision_id)
    return SavedRevision(report_id, 1, revision_id)


def current_body(conn: Connection, report_id: str) -> tuple[int, dict[str, Any]]:
    row = conn.execute(select(REPORT.c.num, REPORT.c.body).where(REPORT.c.id == report_id)).first()
    if row is None:
        raise NotFoundError(f"no report with id {report_id}; 'fieldreport report list' shows them")
    return row.num, json.loads(row.body)


def revise_report(
    conn: Connection,
    report_id: str,
    device_id: str,
    changes: Mapping[str, Any] | None = None,
    attachments: list[dict[str, Any]] | None = None,
) -> SavedRevision:
    """A new revision of an existing report: new fields and/or new attachment list."""
    num, old = current_body(conn, report_id)
    fields = {
        k: v for k, v in old.items() if k not in ("id", "revision", "reported_at", "attachments")
    }
    if changes is not None:
        fields = dict(changes)
    report = parse_report(fields)
    number = int(old["revision"]) + 1
    body = {
        **report.to_dict(),
        "id": report_id,
        "revision": number,
        "reported_at": old["reported_at"],
        "attachments": attachments if attachments is not None else old.get("attachments", []),
    }
    revision_id = _append_revision(conn, report_id, number, device_id, body)
    conn.execute(
        update(REPORT)
        .where(REPORT.c.id == report_id)
        .values(status=STATUS_FINAL, **_current_row_values(report, body, device_id))
    )
    _index_text(conn, num, report_id, report)
    _enqueue(conn, revision_id)
    return SavedRevision(report_id, number, revision_id)


STATUS_RECEIVED = "received"
IMPORT_BATCH = 500


def import_revisions(conn: Connection, revisions: list[ImportedRevision]) -> dict[str, str]:
    """Add other devices' revisions in bulk (one statement per table, not per row).

    Returns revision id → "current" when it became its report's current state, "history"
    when a newer revision is current (a late or rolled-back revision is kept in the history,
    never shown as current).
    """
    if not revisions:
        return {}
    now = utc_now()
    head = conn.execute(
        select(REVISION.c.seq, REVISION.c.chain_hash).order_by(REVISION.c.seq.desc()).limit(1)
    ).first()
    seq = head.seq if head else 0
    prev = head.chain_hash if head else GENESIS
    rows = []
    for rev in revisions:
        seq += 1
        link = chain_hash(prev, seq, rev.content_hash)
        rows.append(
            (
                seq,
                rev.id,
                rev.report_id,
                rev.number,
                rev.device_id,
                rev.created_at,
                rev.body_json,
                rev.content_hash,
                prev,
                link,
            )
        )
        prev = link
    _insert_many(conn, REVISION.name, _REVISION_COLUMNS, rows)

    newest: dict[str, ImportedRevision] = {}
    for rev in revisions:
        if rev.report_id not in newest or rev.number > newest[rev.report_id].number:
            newest[rev.report_id] = rev
    existing: dict[str, tuple[int, int]] = {}
    ids = list(newest)
    for start in range(0, len(ids), IMPORT_BATCH):
        for row in conn.execute(
            select(REPORT.c.id, REPORT.c.num, REPORT.c.revision).where(
                REPORT.c.id.in_(ids[start : start + IMPORT_BATCH])
            )
        ):
            existing[row.id] = (row.num, row.revision)
    current: list[ImportedRevision] = [
        rev for rid, rev in newest.items() if rid not in existing or rev.number > existing[rid][1]
    ]
    fresh = [r for r in current if r.report_id not in existing]
    if fresh:
        row_columns = tuple(fresh[0].row)
        values = itemgetter(*row_columns)
        _insert_many(
            conn,
            REPORT.name,
            ("id", "status", *row_columns, "updated_at"),
            [(r.report_id, STATUS_RECEIVED, *values(r.row), now) for r in fresh],
        )
        for start in range(0, len(fresh), IMPORT_BATCH):
            batch = [r.report_id for r in fresh[start : start + IMPORT_BATCH]]
            for new_row in conn.execute(
                select(REPORT.c.id, REPORT.c.num).where(REPORT.c.id.in_(batch))
            ):
                existing[new_row.id] = (new_row.num, 0)  # 0: just inserted, not an update
    updated = [r for r in current if existing.get(r.report_id, (0, 0))[1] > 0]
    if updated:
        conn.execute(
            update(REPORT).where(REPORT.c.id == bindparam("rid")),
            [
                {
                    "rid": r.report_id,
                    "status": STATUS_RECEIVED,
                    **r.row,
                    "updated_at": now,
                }
                for r in updated
            ],
        )
    if current:
        # Only reports that were already here have index rows to replace (deleting from
        # FTS5 by rowid costs a lookup per row even when there is nothing to delete).
        nums = [existing[r.report_id][0] for r in updated]
        for start in range(0, len(nums), IMPORT_BATCH):
            conn.execute(
                text("DELETE FROM report_fts WHERE rowid IN (SELECT value FROM json_each(:nums))"),
                {"nums": json.dumps(nums[start : start + IMPORT_BATCH])},
            )
        _insert_many(
            conn,
            "report_fts",
            ("rowid", "report_id", "title", "body", "place"),
            [(existing[r.report_id][0], r.report_id, *_FTS_VALUES(r.words)) for r in current],
        )
    # "history": older than what this store already showed (a late or rolled-back revision);
    # a revision superseded by a newer one in the same batch is simply part of the update.
    before = {rid: number for rid, (_num, number) in existing.items() if number > 0}
    return {
        rev.id: "history" if before.get(rev.report_id, 0) >= rev.number else "current"
        for rev in revisions
    }


_REVISION_COLUMNS = (
    "seq",
    "id",
    "report_id",
    "number",
    "device_id",
    "created_at",
    "body",
    "content_hash",
    "prev_chain",
    "chain_hash",
)
_FTS_VALUES = itemgetter("title", "body", "place")


def _insert_many(
    conn: Connection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """One executemany straight to the driver. Import writes 10k rows per table in one go;
    SQLAlchemy's per-row parameter processing took as long as SQLite itself for them, and
    these columns (text and numbers) need none."""
    marks = ", ".join("?" * len(columns))
    # Table and column names are this module's constants, never data: values go as params.
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
    conn.exec_driver_sql(sql, rows)


def revision_file(row: Any) -> bytes:
    """A revision as it travels in a bundle (reports/<revision id>.json): canonical JSON
    (sorted keys, no spaces, UTF-8) assembled around the stored body, which is already
    canonical — no parsing and re-serialising of 10k narratives on export."""
    body: str = row.body
    return (
        '{"body":'
        + body
        + ',"content_hash":'
        + json.dumps(row.content_hash)
        + ',"created_at":'
        + json.dumps(row.created_at, ensure_ascii=False)
        + ',"device_id":'
        + json.dumps(row.device_id, ensure_ascii=False)
        + ',"format":"'
        + REVISION_FORMAT
        + '"'
        + ',"id":'
        + json.dumps(row.id)
        + ',"number":'
        + str(int(row.number))
        + ',"report_id":'
        + json.dumps(row.report_id)
        + "}"
    ).encode()


def resolve_id(conn: Connection, id_or_prefix: str) -> str:
    """A full report id from a full id or an unambiguous prefix (≥ 8 characters)."""
    candidate = id_or_prefix.strip().lower()
    if conn.execute(select(REPORT.c.id).where(REPORT.c.id == candidate)).first():
        return candidate
    if len(candidate) >= 8:
        matches = conn.execute(
            select(REPORT.c.id).where(REPORT.c.id.startswith(candidate, autoescape=True)).limit(2)
        ).all()
        if len(matches) == 1:
            return str(matches[0].id)
        if len(matches) > 1:
            raise NotFoundError(
                f"the id prefix {id_or_prefix!r} matches several reports; give more"
            )
    raise NotFoundError(f"no report with id {id_or_prefix!r}; 'fieldreport report list' shows them")


def report_document(row: Any) -> dict[str, Any]:
    """The public JSON of a report (contract.md): id, revision, status and the schema fields."""
    body: dict[str, Any] = json.loads(row.body)
    return {
        "id": row.id,
        "revision": row.revision,
        "status": row.status,
        **{k: v for k, v in body.items() if k not in ("id", "revision", "status")},
    }


def revisions_of(conn: Connection, report_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(
            REVISION.c.id,
            REVISION.c.number,
            REVISION.c.device_id,
            REVISION.c.created_at,
            REVISION.c.content_hash,
            OUTBOX.c.state,
        )
        .join(OUTBOX, OUTBOX.c.revision_id == REVISION.c.id, isouter=True)
        .where(REVISION.c.report_id == report_id)
        .order_by(REVISION.c.number)
    ).all()
    return [
        {
            "id": r.id,
            "number": r.number,
            "device_id": r.device_id,
            "created_at": r.created_at,
            "sha256": r.content_hash,
            "outbox": r.state,
        }
        for r in rows
    ]


def attachments_of(conn: Connection, report_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(ATTACHMENT)
        .where(ATTACHMENT.c.report_id == report_id)
        .order_by(ATTACHMENT.c.created_at)
    ).all()
    return [
        {"id": r.id, "name": r.name, "media_type": r.media_type, "size": r.size, "sha256": r.sha256}
        for r in rows
    ]


def count_reports(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(REPORT)).scalar_one())
