"""`bundle import`: verify everything (reader.py) and write once (import_writer.py).

All-or-nothing per bundle: the revisions, the reports' current state, the search index, the
attachments and the bundle log are written in one transaction that commits only after every
check of the whole bundle passed; a refusal anywhere rolls it back and removes the staged
files. A bundle imported twice is a no-op that still yields a receipt; a revision older than
the report's current one goes into the history only; a skipped sequence number is recorded
and reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.import_writer import ImportWriter
from fieldreport.bundle.manifest import Manifest
from fieldreport.bundle.reader import Callbacks, read_bundle
from fieldreport.bundle.receipts import make_receipt
from fieldreport.crypto.minisign import MinisignError, PublicKey
from fieldreport.store import trust
from fieldreport.store.staging import AttachmentStager
from fieldreport.store.store import Store


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
    writers: list[ImportWriter] = []
    stager = AttachmentStager(store.files)

    def on_manifest(manifest: Manifest) -> None:
        writers.append(ImportWriter(store, manifest))

    def on_report(revision_id: str, data: bytes) -> None:
        writers[0].add(revision_id, data)

    calls = Callbacks(
        key_for_device=key_lookup(store),
        stager=stager,
        on_manifest=on_manifest,
        on_report=on_report,
        progress=progress,
    )
    try:
        read = read_bundle(path, [store.device.identity], calls)  # discards staged on refusal
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    try:
        # Staged files must be durable before the rows that reference them commit.
        stager.wait_durable()
        counts = writers[0].commit(read)
    except BaseException:
        writers[0].abort()
        stager.discard()
        raise
    manifest = read.manifest
    result = ImportResult(
        path,
        manifest.bundle_id,
        manifest.device_id,
        manifest.sequence,
        "duplicate" if counts.duplicate else "imported",
        new_revisions=counts.new_revisions,
        known_revisions=len(manifest.revisions) if counts.duplicate else counts.known_revisions,
        history_only=counts.history_only,
        attachments=counts.attachments,
        missing_before=counts.missing_before,
    )
    for sha, blob in read.staged.items():
        if sha not in counts.used_blobs:
            store.files.remove(blob.blob)  # content we already had, or a duplicate bundle
    result.receipt = make_receipt(store, manifest, read.sha256, duplicate=counts.duplicate)
    return result
