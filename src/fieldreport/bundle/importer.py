"""`bundle import`: verify everything first (reader.py), then write once.

All-or-nothing per bundle: the revisions, the reports' current state, the search index, the
attachments and the bundle log are written in one transaction after every check passed.
A bundle imported twice is a no-op that still yields a receipt; a revision older than the
report's current one goes into the history only; a skipped sequence number is recorded and
reported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.layout import REVISION_FORMAT
from fieldreport.bundle.reader import ReadBundle, read_bundle
from fieldreport.bundle.receipts import make_receipt
from fieldreport.crypto.minisign import MinisignError, PublicKey
from fieldreport.domain import parse_report
from fieldreport.errors import FieldReportError
from fieldreport.store import reports, trust
from fieldreport.store.chain import canonical_json, content_hash
from fieldreport.store.store import Store
from fieldreport.store.tables import ATTACHMENT, BUNDLE, REVISION, TRUSTED_DEVICE
from fieldreport.store.timeutil import utc_now


@dataclass
class ImportResult:
    path: Path
    bundle_id: str
    device_id: str
    sequence: int
    status: str  # "imported" or "duplicate"
    new_revisions: int = 0
    known_revisions: int = 0
    history_only: int = 0  # older than what the report already shows
    attachments: int = 0
    missing_before: int = 0  # sequence gap: bundles from this device not seen yet
    receipt: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Revision:
    id: str
    report_id: str
    number: int
    device_id: str
    created_at: str
    body: dict[str, Any]
    report: Any


def key_lookup(store: Store) -> Callable[[str], PublicKey]:
    def key_for_device(device_id: str) -> PublicKey:
        if device_id == store.device.device_id:
            return store.device.signing.public_key()
        with store.read() as conn:
            row = trust.find(conn, device_id)
        if row is None:
            raise BundleError(
                f"the bundle is signed by an unknown device ({device_id}); trust it first with "
                "'fieldreport trust add REQUEST.json'",
                reason="unknown-device",
            )
        if row.revoked_at:
            raise BundleError(
                f"the bundle is signed by a revoked device ({row.name}, {device_id})",
                reason="revoked-device",
            )
        try:
            return PublicKey.from_string(row.signing_key)
        except MinisignError:
            raise BundleError(
                f"the trusted key of {device_id} is invalid", reason="unknown-device"
            ) from None

    return key_for_device


def import_bundle(
    store: Store, path: Path, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    read = read_bundle(
        path,
        [store.device.identity],
        key_lookup(store),
        stage=store.files.store,
        discard=lambda blob: store.files.remove(blob.blob),
        progress=progress,
    )
    try:
        return _commit(store, path, read)
    except BaseException:
        for blob in read.staged.values():
            store.files.remove(blob.blob)
        raise


def _commit(store: Store, path: Path, read: ReadBundle) -> ImportResult:
    manifest = read.manifest
    result = ImportResult(
        path, manifest.bundle_id, manifest.device_id, manifest.sequence, "imported"
    )
    with store.read() as conn:
        seen = conn.execute(
            select(BUNDLE.c.id).where(BUNDLE.c.id == manifest.bundle_id, BUNDLE.c.direction == "in")
        ).first()
    if seen is not None:
        for blob in read.staged.values():
            store.files.remove(blob.blob)
        result.status = "duplicate"
        result.known_revisions = len(manifest.revisions)
        result.receipt = make_receipt(store, manifest, read.sha256, duplicate=True)
        return result
    revisions = [_parse_revision(read, rid) for rid in manifest.revisions]
    used_blobs: set[str] = set()
    with store.write() as conn:
        known = _known_revisions(conn, revisions)
        for rev in revisions:
            if rev.id in known:
                result.known_revisions += 1
                continue
            outcome = reports.import_revision(
                conn,
                revision_id=rev.id,
                report_id=rev.report_id,
                number=rev.number,
                device_id=rev.device_id,
                created_at=rev.created_at,
                body=rev.body,
                report=rev.report,
            )
            # After the report row exists (attachments reference it).
            result.attachments += _add_attachments(conn, rev, read, used_blobs)
            result.new_revisions += 1
            result.history_only += outcome == "history"
        result.missing_before = _record(conn, store, read)
    for sha, blob in read.staged.items():
        if sha not in used_blobs:
            store.files.remove(blob.blob)  # content we already had
    result.receipt = make_receipt(store, manifest, read.sha256, duplicate=False)
    return result


def _refuse(message: str) -> BundleError:
    return BundleError(
        f"the bundle holds an invalid revision: {message}", reason="invalid-revision"
    )


def _parse_revision(read: ReadBundle, revision_id: str) -> _Revision:
    try:
        doc = json.loads(read.reports[revision_id].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _refuse(f"{revision_id} is not UTF-8 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != REVISION_FORMAT:
        raise _refuse(f"{revision_id} is not a {REVISION_FORMAT} document")
    if doc.get("id") != revision_id:
        raise _refuse(f"{revision_id} carries another id")
    if doc.get("device_id") != read.manifest.device_id:
        raise _refuse(f"{revision_id} is attributed to another device than the signer")
    body, number = doc.get("body"), doc.get("number")
    report_id, created = doc.get("report_id"), doc.get("created_at")
    if not (
        isinstance(body, dict)
        and isinstance(number, int)
        and isinstance(report_id, str)
        and isinstance(created, str)
    ):
        raise _refuse(f"{revision_id} lacks body, number, report_id or created_at")
    if body.get("id") != report_id or body.get("revision") != number:
        raise _refuse(f"{revision_id}: body does not match its report id and number")
    try:
        report = parse_report(body, allow_store_fields=True)
    except FieldReportError as exc:
        raise _refuse(f"{revision_id}: {exc}") from None
    expected = content_hash(report_id, number, doc["device_id"], created, canonical_json(body))
    if doc.get("content_hash") != expected:
        raise _refuse(f"{revision_id}: content does not match its hash")
    return _Revision(revision_id, report_id, number, doc["device_id"], created, body, report)


def _known_revisions(conn: Any, revisions: list[_Revision]) -> set[str]:
    ids = [r.id for r in revisions]
    rows = conn.execute(
        select(REVISION.c.id, REVISION.c.content_hash).where(REVISION.c.id.in_(ids))
    ).all()
    by_id = {r.id: r for r in revisions}
    for row in rows:
        rev = by_id[row.id]
        again = content_hash(
            rev.report_id, rev.number, rev.device_id, rev.created_at, canonical_json(rev.body)
        )
        if again != row.content_hash:
            raise BundleError(
                f"revision {row.id} differs from the copy already stored; refusing the bundle",
                reason="conflict",
            )
    return {row.id for row in rows}


def _add_attachments(conn: Any, rev: _Revision, read: ReadBundle, used: set[str]) -> int:
    added = 0
    for att in rev.body.get("attachments", []):
        if conn.execute(select(ATTACHMENT.c.id).where(ATTACHMENT.c.id == att["id"])).first():
            continue
        blob = read.staged.get(att["sha256"])
        if blob is None:
            existing = conn.execute(
                select(ATTACHMENT).where(ATTACHMENT.c.sha256 == att["sha256"])
            ).first()
            if existing is None:
                raise BundleError(
                    f"attachment {att['id']} is neither in the bundle nor already here",
                    reason="tampered",
                )
            blob_name, key = existing.blob, bytes(existing.file_key)
        else:
            blob_name, key = blob.blob, blob.file_key
            used.add(att["sha256"])
        conn.execute(
            insert(ATTACHMENT).values(
                id=att["id"],
                report_id=rev.report_id,
                name=att["name"],
                media_type=att["media_type"],
                size=att["size"],
                sha256=att["sha256"],
                blob=blob_name,
                file_key=key,
                created_at=utc_now(),
            )
        )
        added += 1
    return added


def _record(conn: Any, store: Store, read: ReadBundle) -> int:
    manifest = read.manifest
    row = conn.execute(
        select(TRUSTED_DEVICE.c.last_sequence).where(
            TRUSTED_DEVICE.c.device_id == manifest.device_id
        )
    ).first()
    last = row.last_sequence if row else 0
    missing = max(0, manifest.sequence - last - 1)
    conn.execute(
        insert(BUNDLE).values(
            id=manifest.bundle_id,
            direction="in",
            device_id=manifest.device_id,
            sequence=manifest.sequence,
            sha256=read.sha256,
            previous=manifest.previous,
            created_at=manifest.created_at,
            recorded_at=utc_now(),
            revisions=len(manifest.revisions),
            size=read.size,
            missing_before=missing,
        )
    )
    if row is not None and manifest.sequence > last:
        conn.execute(
            update(TRUSTED_DEVICE)
            .where(TRUSTED_DEVICE.c.device_id == manifest.device_id)
            .values(last_sequence=manifest.sequence)
        )
    return missing
