"""`bundle export`: every revision not yet acknowledged, in one bundle for the recipients."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from fieldreport.bundle.layout import attachment_path, report_path
from fieldreport.bundle.manifest import Entry, Manifest
from fieldreport.bundle.writer import Source, write_bundle
from fieldreport.crypto import age
from fieldreport.errors import FieldReportError
from fieldreport.ids import uuid7
from fieldreport.store import reports, settings
from fieldreport.store.store import Store
from fieldreport.store.tables import ATTACHMENT, BUNDLE, OUTBOX, REPORT, REVISION
from fieldreport.store.timeutil import utc_now
from fieldreport.trust.profile import parse_profile

STATE_RECEIVED = "received"
STATE_BUNDLED = "bundled"


@dataclass(frozen=True)
class ExportResult:
    bundle_id: str | None  # None: nothing to export
    path: Path | None
    sequence: int
    revisions: int
    attachments: int
    size: int
    sha256: str


def profile_recipients(store: Store) -> list[age.Recipient]:
    with store.read() as conn:
        raw = settings.get(conn, settings.PROFILE)
    if raw is None:
        raise FieldReportError(
            "no organisation profile: install one with 'fieldreport profile install FILE' "
            "(or name recipients with --recipient)"
        )
    return parse_profile(json.loads(raw)).recipient_objects()


def export_bundle(
    store: Store,
    out: Path,
    recipients: Sequence[age.Recipient] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    recipients = list(recipients) if recipients else profile_recipients(store)
    with store.read() as conn:
        rows = conn.execute(
            select(REVISION)
            .join(OUTBOX, OUTBOX.c.revision_id == REVISION.c.id)
            .where(OUTBOX.c.state != STATE_RECEIVED)
            .order_by(REVISION.c.seq)
        ).all()
        if not rows:
            return ExportResult(None, None, 0, 0, 0, 0, "")
        sources, attachment_count = _sources(conn, store, rows)
        sequence = int(settings.get(conn, settings.BUNDLE_SEQUENCE, "0") or 0) + 1
        previous = settings.get(conn, settings.BUNDLE_LAST_SHA256)
    manifest = Manifest(
        bundle_id=uuid7(),
        device_id=store.device.device_id,
        sequence=sequence,
        previous=previous,
        created_at=utc_now(),
        entries=tuple(s.entry for s in sources),
        revisions=tuple(r.id for r in rows),
    )
    written = write_bundle(out, recipients, store.device.signing, manifest, sources, progress)
    with store.write() as conn:
        ids = [r.id for r in rows]
        conn.execute(
            update(OUTBOX)
            .where(OUTBOX.c.revision_id.in_(ids), OUTBOX.c.state != STATE_RECEIVED)
            .values(state=STATE_BUNDLED, bundle_id=manifest.bundle_id, updated_at=utc_now())
        )
        report_ids = {r.report_id for r in rows}
        conn.execute(
            update(REPORT)
            .where(REPORT.c.id.in_(report_ids), REPORT.c.status == reports.STATUS_FINAL)
            .values(status="sent")
        )
        settings.put(conn, settings.BUNDLE_SEQUENCE, str(sequence))
        settings.put(conn, settings.BUNDLE_LAST_SHA256, written.sha256)
        conn.execute(
            insert(BUNDLE).values(
                id=manifest.bundle_id,
                direction="out",
                device_id=manifest.device_id,
                sequence=sequence,
                sha256=written.sha256,
                previous=previous,
                created_at=manifest.created_at,
                recorded_at=utc_now(),
                revisions=len(rows),
                size=written.size,
                missing_before=0,
            )
        )
    return ExportResult(
        manifest.bundle_id,
        out,
        sequence,
        len(rows),
        attachment_count,
        written.size,
        written.sha256,
    )


def _sources(conn: Any, store: Store, rows: Sequence[Any]) -> tuple[list[Source], int]:
    sources: list[Source] = []
    wanted: dict[str, str] = {}  # attachment id → sha256
    for row in rows:
        data = json.dumps(reports.revision_file(row), ensure_ascii=False, sort_keys=True).encode()
        entry = Entry(report_path(row.id), len(data), hashlib.sha256(data).hexdigest())
        sources.append(Source(entry, _constant(data)))
        for att in json.loads(row.body).get("attachments", []):
            wanted[att["id"]] = att["sha256"]
    seen: set[str] = set()
    if wanted:
        found = conn.execute(select(ATTACHMENT).where(ATTACHMENT.c.id.in_(list(wanted)))).all()
        for att in found:
            if att.sha256 in seen:
                continue
            seen.add(att.sha256)
            entry = Entry(attachment_path(att.sha256), att.size, att.sha256)
            sources.append(Source(entry, _decrypting(store, att.blob, bytes(att.file_key))))
        if len(found) < len(wanted):
            raise FieldReportError("an attachment listed in a report is missing; run 'doctor'")
    return sources, len(seen)


def _constant(data: bytes) -> Callable[[], Iterator[bytes]]:
    return lambda: iter((data,))


def _decrypting(store: Store, blob: str, key: bytes) -> Callable[[], Iterator[bytes]]:
    """The attachment's plaintext, decrypted chunk by chunk only while it is being packed."""
    return lambda: store.files.iter_plaintext(blob, key)
