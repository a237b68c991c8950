"""`bundle export`: every revision not yet acknowledged, in one bundle for the recipients."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, insert, literal_column, select, update

from fieldreport.bundle.layout import attachment_path, report_path
from fieldreport.bundle.manifest import Entry, Manifest
from fieldreport.bundle.writer import Source, write_bundle
from fieldreport.crypto import age
from fieldreport.errors import FieldReportError
from fieldreport.ids import uuid7
from fieldreport.release import release_gradually
from fieldreport.store import reports, settings
from fieldreport.store.store import Store
from fieldreport.store.tables import ATTACHMENT, BUNDLE, OUTBOX, REPORT, REVISION
from fieldreport.store.timeutil import utc_now
from fieldreport.trust.profile import parse_profile

STATE_RECEIVED = "received"
STATE_BUNDLED = "bundled"
BATCH = 500
# The report's status as a term SQLite cannot search an index by (the unary plus). With 500
# ids bound, the planner preferred ix_report_status to the primary key; every report being
# "final", each batch then scanned them all: 54 s to mark a 100k export sent, not 0.5 s.
_STATUS_NOT_INDEXED: ColumnElement[str] = literal_column(f"+{REPORT.c.status}")


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
    items: ColumnElement[bool] | None = None,
) -> ExportResult:
    """`items` narrows which outbox items go in (default: every one not yet received; sync
    passes "not already in a bundle waiting for upload")."""
    recipients = list(recipients) if recipients else profile_recipients(store)
    with store.read() as conn:
        sources, revision_ids, report_ids = _report_sources(conn, store, items)
        if not revision_ids:
            return ExportResult(None, None, 0, 0, 0, 0, "")
        attachments = _attachment_sources(conn, store, report_ids)
        sequence = int(settings.get(conn, settings.BUNDLE_SEQUENCE, "0") or 0) + 1
        previous = settings.get(conn, settings.BUNDLE_LAST_SHA256)
    sources = interleave(sources, attachments)
    manifest = Manifest(
        bundle_id=uuid7(),
        device_id=store.device.device_id,
        sequence=sequence,
        previous=previous,
        created_at=utc_now(),
        entries=tuple(s.entry for s in sources),
        revisions=tuple(revision_ids),
    )
    written = write_bundle(out, recipients, store.device.signing, manifest, sources, progress)
    # 100k sources and manifest entries freed at once would freeze the window: let go of
    # them in steps (the manifest's tuples first become lists, then the manifest goes).
    entries, revisions = list(manifest.entries), list(manifest.revisions)
    bundle_id, device_id, created_at = manifest.bundle_id, manifest.device_id, manifest.created_at
    del manifest
    release_gradually(sources, entries, revisions)
    with store.write() as conn:
        for start in range(0, len(revision_ids), BATCH):
            conn.execute(
                update(OUTBOX)
                .where(
                    OUTBOX.c.revision_id.in_(revision_ids[start : start + BATCH]),
                    OUTBOX.c.state != STATE_RECEIVED,
                )
                .values(state=STATE_BUNDLED, bundle_id=bundle_id, updated_at=utc_now())
            )
        ids = list(report_ids)  # in revision order (sorting 100k ids would hold the GIL)
        for start in range(0, len(ids), BATCH):
            conn.execute(
                update(REPORT)
                .where(
                    REPORT.c.id.in_(ids[start : start + BATCH]),
                    _STATUS_NOT_INDEXED == reports.STATUS_FINAL,
                )
                .values(status="sent")
            )
        settings.put(conn, settings.BUNDLE_SEQUENCE, str(sequence))
        settings.put(conn, settings.BUNDLE_LAST_SHA256, written.sha256)
        conn.execute(
            insert(BUNDLE).values(
                id=bundle_id,
                direction="out",
                device_id=device_id,
                sequence=sequence,
                sha256=written.sha256,
                previous=previous,
                created_at=created_at,
                recorded_at=utc_now(),
                revisions=len(revision_ids),
                size=written.size,
                missing_before=0,
            )
        )
    result = ExportResult(
        bundle_id, out, sequence, len(revision_ids), len(attachments), written.size, written.sha256
    )
    release_gradually(revision_ids, report_ids, attachments, ids)
    return result


_REVISION_FILE_COLUMNS = (
    REVISION.c.id,
    REVISION.c.report_id,
    REVISION.c.number,
    REVISION.c.device_id,
    REVISION.c.created_at,
    REVISION.c.content_hash,
    REVISION.c.body,
)


def _report_sources(
    conn: Any, store: Store, items: ColumnElement[bool] | None = None
) -> tuple[list[Source], list[str], dict[str, None]]:
    """One source per unacknowledged revision, streamed from the DB in batches.

    The manifest, which goes first, needs every file's size and hash: this pass computes
    them and keeps nothing else, and the packer fetches the files again when it reaches them
    (`_RevisionFiles`). Memory holds one batch of report files whatever the backlog."""
    sources: list[Source] = []
    revision_ids: list[str] = []
    report_ids: dict[str, None] = {}  # a set that keeps revision order (never sorted)
    result = conn.execute(
        select(*_REVISION_FILE_COLUMNS)
        .join(OUTBOX, OUTBOX.c.revision_id == REVISION.c.id)
        .where(OUTBOX.c.state != STATE_RECEIVED if items is None else items)
        .order_by(REVISION.c.seq)
        .execution_options(yield_per=BATCH)
    )
    files = _RevisionFiles(store, revision_ids)
    for row in result:
        data = reports.revision_file(row)
        entry = Entry(report_path(row.id), len(data), hashlib.sha256(data).hexdigest())
        sources.append(Source(entry, functools.partial(files.chunks, len(revision_ids), entry)))
        revision_ids.append(row.id)
        report_ids[row.report_id] = None
    return sources, revision_ids, report_ids


class _RevisionFiles:
    """The report files again, fetched BATCH at a time in export order as the packer asks
    for them; each must hash as the manifest says (revisions never change: if one did, or
    went away, the export stops rather than write a bundle the importer would refuse)."""

    def __init__(self, store: Store, revision_ids: list[str]) -> None:
        self._store = store
        self._ids = revision_ids  # filled by _report_sources, read once packing starts
        self._batch: dict[int, bytes] = {}

    def chunks(self, position: int, entry: Entry) -> Iterator[bytes]:
        data = self._batch.pop(position, None)
        if data is None:
            self._fetch(position)
            data = self._batch.pop(position, b"")
        if len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            raise FieldReportError(
                f"revision {self._ids[position]} changed while it was being exported; export again"
            )
        yield data

    def _fetch(self, first: int) -> None:
        ids = self._ids[first : first + BATCH]
        with self._store.read() as conn:
            rows = conn.execute(select(*_REVISION_FILE_COLUMNS).where(REVISION.c.id.in_(ids)))
            by_id = {row.id: reports.revision_file(row) for row in rows}
        self._batch = {first + offset: by_id[rid] for offset, rid in enumerate(ids) if rid in by_id}


def _attachment_sources(conn: Any, store: Store, report_ids: dict[str, None]) -> list[Source]:
    """Every attachment of the reports being sent (the importer skips what it already has),
    each once, decrypted from the store only while it is being packed."""
    sources: list[Source] = []
    seen: set[str] = set()
    ids = list(report_ids)
    for start in range(0, len(ids), BATCH):
        rows = conn.execute(
            select(ATTACHMENT.c.sha256, ATTACHMENT.c.size, ATTACHMENT.c.blob, ATTACHMENT.c.file_key)
            .where(ATTACHMENT.c.report_id.in_(ids[start : start + BATCH]))
            .order_by(ATTACHMENT.c.created_at)
        ).all()
        for att in rows:
            if att.sha256 in seen:
                continue
            seen.add(att.sha256)
            entry = Entry(attachment_path(att.sha256), att.size, att.sha256)
            sources.append(Source(entry, _decrypting(store, att.blob, bytes(att.file_key))))
    return sources


def interleave(report_files: list[Source], attachments: list[Source]) -> list[Source]:
    """Report files spread among the attachments, one attachment ahead of the bytes.

    The importer parses, checks and indexes report files in a thread of its own while the
    reader decrypts and stages attachments (import_writer.py). Reports all at the front would
    make the reader wait for the parser and then leave the parser idle; spread evenly, both
    run together. Before each attachment go the reports due by the end of it, so every report
    is out before the last attachment starts and the parser finishes while it streams.
    """
    total = sum(a.entry.size for a in attachments)
    if not attachments or not report_files or total == 0:
        return report_files + attachments
    ordered: list[Source] = []
    sent, through = 0, 0
    for attachment in attachments:
        through += attachment.entry.size
        due = len(report_files) * through // total
        ordered += report_files[sent:due]
        sent = due
        ordered.append(attachment)
    return ordered + report_files[sent:]


def _decrypting(store: Store, blob: str, key: bytes) -> Callable[[], Iterator[bytes]]:
    """The attachment's plaintext, decrypted chunk by chunk only while it is being packed."""
    return lambda: store.files.iter_plaintext(blob, key)
