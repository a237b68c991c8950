"""Integrity checks of an open store: SQLCipher pages, schema, audit chain, attachments.

Problems are things that are wrong (tampering, damage); notes are things doctor tidied or
that need no action (an unfinished temporary file left by a power cut).
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select, text

from fieldreport.store import migrate
from fieldreport.store.chain import ChainRow, verify_chain
from fieldreport.store.tables import ATTACHMENT, OUTBOX, REPORT, REVISION

if TYPE_CHECKING:
    from fieldreport.store.store import Store

ORPHAN_GRACE_SECONDS = 600


@dataclass
class DoctorReport:
    checks: dict[str, str] = field(default_factory=dict)  # name → "ok" or a short problem
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, check: str, problems: list[str]) -> None:
        self.checks[check] = "ok" if not problems else f"{len(problems)} problem(s)"
        self.problems.extend(f"{check}: {p}" for p in problems)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checks": self.checks,
            "problems": self.problems,
            "notes": self.notes,
            "counts": self.counts,
        }


def run(store: Store, *, verify_attachments: bool = True) -> DoctorReport:
    report = DoctorReport()
    with store.read() as conn:
        report.add("sqlcipher", _sqlcipher(conn))
        report.add("schema", _schema(store))
        report.add("audit chain", _chain(conn))
        report.add("reports", _reports(conn, store.device.device_id))
        report.add("search index", _fts(conn))
        report.counts = {
            "reports": int(conn.execute(select(func.count()).select_from(REPORT)).scalar_one()),
            "revisions": int(conn.execute(select(func.count()).select_from(REVISION)).scalar_one()),
            "attachments": int(
                conn.execute(select(func.count()).select_from(ATTACHMENT)).scalar_one()
            ),
        }
        attachment_rows = list(conn.execute(select(ATTACHMENT)).all())
    report.add("attachments", _attachments(store, attachment_rows, verify_attachments, report))
    return report


def _sqlcipher(conn: Connection) -> list[str]:
    problems: list[str] = []
    # cipher_integrity_check verifies every page's HMAC: it finds tampering with the file.
    for row in conn.exec_driver_sql("PRAGMA cipher_integrity_check").all():
        problems.append(str(row[0]))
    result = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
    if result != ["ok"]:
        problems.extend(result[:10])
    problems.extend(
        f"foreign key broken in {r[0]}" for r in conn.exec_driver_sql("PRAGMA foreign_key_check")
    )
    return problems


def _schema(store: Store) -> list[str]:
    current = migrate.current_revision(store.engine)
    head = migrate.head_revision()
    return [] if current == head else [f"schema at {current}, expected {head}"]


def _chain(conn: Connection) -> list[str]:
    rows = conn.execute(select(REVISION).order_by(REVISION.c.seq)).yield_per(1000)
    return verify_chain(
        ChainRow(
            seq=r.seq,
            report_id=r.report_id,
            number=r.number,
            device_id=r.device_id,
            created_at=r.created_at,
            body=r.body,
            content_hash=r.content_hash,
            prev_chain=r.prev_chain,
            chain_hash=r.chain_hash,
        )
        for r in rows
    )


def _reports(conn: Connection, device_id: str) -> list[str]:
    problems: list[str] = []
    latest = (
        select(REVISION.c.report_id, func.max(REVISION.c.number).label("number"))
        .group_by(REVISION.c.report_id)
        .subquery()
    )
    mismatched = conn.execute(
        select(REPORT.c.id)
        .join(latest, latest.c.report_id == REPORT.c.id, isouter=True)
        .where((latest.c.number.is_(None)) | (latest.c.number != REPORT.c.revision))
        .limit(10)
    ).all()
    problems.extend(f"report {r.id} does not match its latest revision" for r in mismatched)
    unqueued = conn.execute(
        select(func.count())
        .select_from(REVISION)
        .join(OUTBOX, OUTBOX.c.revision_id == REVISION.c.id, isouter=True)
        .where(REVISION.c.device_id == device_id, OUTBOX.c.id.is_(None))
    ).scalar_one()
    if unqueued:
        problems.append(f"{unqueued} revision(s) written here are missing from the outbox")
    return problems


def _fts(conn: Connection) -> list[str]:
    indexed = conn.execute(text("SELECT count(*) FROM report_fts")).scalar_one()
    reports = conn.execute(select(func.count()).select_from(REPORT)).scalar_one()
    if indexed != reports:
        return [f"{indexed} indexed for {reports} reports (rebuild with 'doctor --repair')"]
    return []


def _attachments(store: Store, rows: list[Any], verify: bool, report: DoctorReport) -> list[str]:
    problems: list[str] = []
    on_disk = store.files.names_on_disk()
    known = {r.blob for r in rows}
    for row in rows:
        if row.blob not in on_disk:
            problems.append(f"attachment {row.id} ({row.name}): file missing")
            continue
        if not verify:
            continue
        digest, size = hashlib.sha256(), 0
        try:
            for chunk in store.files.iter_plaintext(row.blob, bytes(row.file_key)):
                digest.update(chunk)
                size += len(chunk)
        except Exception as exc:  # a damaged file is a finding, not a crash
            problems.append(f"attachment {row.id} ({row.name}): {exc}")
            continue
        if digest.hexdigest() != row.sha256 or size != row.size:
            problems.append(f"attachment {row.id} ({row.name}): content does not match its hash")
    now = time.time()
    for name in sorted(on_disk - known):
        # Ciphertext whose key was never committed (a crash mid-attach): unreadable. Leave
        # recent ones alone: another process may be about to commit its row.
        path = store.files.folder / name
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > ORPHAN_GRACE_SECONDS:
                path.unlink()
                report.notes.append(f"removed an unreferenced attachment file ({name[:12]}…)")
                continue
        report.notes.append(f"unreferenced attachment file from an interrupted save ({name[:12]}…)")
    return problems
