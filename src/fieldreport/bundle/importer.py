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
        stage=lambda src: store.files.store(src, sync=False, pipelined=True),
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
            select(BUNDLE.c.direction, BUNDLE.c.sha256, BUNDLE.c.device_id).where(
                BUNDLE.c.id == manifest.bundle_id
            )
        ).first()
    if seen is not None and seen.direction == "out":
        raise BundleError(
            "this bundle was exported by this device; there is nothing to import",
            reason="own-bundle",
        )
    if seen is not None and (seen.sha256, seen.device_id) != (read.sha256, manifest.device_id):
        raise BundleError(
            "another bundle with this bundle id was already imported; refusing this one "
            "(a device never reuses an id)",
            reason="conflict",
        )
    if seen is not None:
        for blob in read.staged.values():
            store.files.remove(blob.blob)
        result.status = "duplicate"
        result.known_revisions = len(manifest.revisions)
        result.receipt = make_receipt(store, manifest, read.sha256, duplicate=True)
        return result
    # Staged attachment files were written without fsync, one by one; make them durable
    # together, before the transaction that references them commits.
    store.files.sync([blob.blob for blob in read.staged.values()])
    used_blobs: set[str] = set()
    with store.write() as conn:
        ids = list(manifest.revisions)
        # Parsed batch by batch, just before writing: a large bundle never sits in memory as
        # Python objects. It is still one transaction: a bad revision anywhere rolls it all back.
        for start in range(0, len(ids), reports.IMPORT_BATCH):
            batch = [
                _parse_revision(read, rid) for rid in ids[start : start + reports.IMPORT_BATCH]
            ]
            known = _known_revisions(conn, batch)
            new = [rev for rev in batch if rev.id not in known]
            result.known_revisions += len(known)
            outcomes = reports.import_revisions(conn, new)
            result.new_revisions += len(new)
            result.history_only += sum(1 for o in outcomes.values() if o == "history")
            result.attachments += _add_attachments(conn, new, read, used_blobs)
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


def _parse_revision(read: ReadBundle, revision_id: str) -> reports.ImportedRevision:
    try:
        doc = json.loads(read.report_bytes(revision_id).decode("utf-8"))
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
        and not isinstance(number, bool)
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
    body_json = canonical_json(body)
    expected = content_hash(report_id, number, doc["device_id"], created, body_json)
    if doc.get("content_hash") != expected:
        raise _refuse(f"{revision_id}: content does not match its hash")
    return reports.ImportedRevision(
        id=revision_id,
        report_id=report_id,
        number=number,
        device_id=doc["device_id"],
        created_at=created,
        body=body,
        body_json=body_json,
        content_hash=expected,
        report=report,
    )


def _known_revisions(conn: Any, revisions: list[reports.ImportedRevision]) -> set[str]:
    by_id = {r.id: r for r in revisions}
    rows = conn.execute(
        select(REVISION.c.id, REVISION.c.content_hash).where(REVISION.c.id.in_(list(by_id)))
    ).all()
    for row in rows:
        if by_id[row.id].content_hash != row.content_hash:
            raise BundleError(
                f"revision {row.id} differs from the copy already stored; refusing the bundle",
                reason="conflict",
            )
    return {row.id for row in rows}


def _add_attachments(
    conn: Any, revisions: list[reports.ImportedRevision], read: ReadBundle, used: set[str]
) -> int:
    wanted: dict[str, tuple[str, dict[str, Any]]] = {}
    for rev in revisions:
        for att in rev.body.get("attachments", []):
            wanted.setdefault(att["id"], (rev.report_id, att))
    if not wanted:
        return 0
    have = {
        row.id
        for row in conn.execute(select(ATTACHMENT.c.id).where(ATTACHMENT.c.id.in_(list(wanted))))
    }
    missing_shas = {
        att["sha256"]
        for aid, (_, att) in wanted.items()
        if aid not in have and att["sha256"] not in read.staged
    }
    known_blobs: dict[str, tuple[str, bytes, int]] = {}
    if missing_shas:
        for row in conn.execute(
            select(
                ATTACHMENT.c.sha256, ATTACHMENT.c.blob, ATTACHMENT.c.file_key, ATTACHMENT.c.size
            ).where(ATTACHMENT.c.sha256.in_(list(missing_shas)))
        ):
            known_blobs[row.sha256] = (row.blob, bytes(row.file_key), row.size)
    rows = []
    for aid, (report_id, att) in wanted.items():
        if aid in have:
            continue
        staged = read.staged.get(att["sha256"])
        if staged is not None:
            if staged.size != att["size"]:
                raise BundleError(
                    f"attachment {aid} claims {att['size']} bytes; its file has {staged.size}",
                    reason="tampered",
                )
            blob_name, key = staged.blob, staged.file_key
            used.add(att["sha256"])
        elif att["sha256"] in known_blobs:
            blob_name, key, size = known_blobs[att["sha256"]]
            if size != att["size"]:
                raise BundleError(
                    f"attachment {aid} claims {att['size']} bytes; the same file here has {size}",
                    reason="tampered",
                )
        else:
            raise BundleError(
                f"attachment {aid} is neither in the bundle nor already here", reason="tampered"
            )
        rows.append(
            {
                "id": aid,
                "report_id": report_id,
                "name": att["name"],
                "media_type": att["media_type"],
                "size": att["size"],
                "sha256": att["sha256"],
                "blob": blob_name,
                "file_key": key,
                "created_at": utc_now(),
            }
        )
    if rows:
        conn.execute(insert(ATTACHMENT), rows)
    return len(rows)


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
