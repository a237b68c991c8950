"""Receipts: the importer's signed word that a bundle's revisions arrived.

Written by `bundle import` (beside the bundle, or where --receipt-out says), carried back by
USB or the relay, applied on the author's device by `receipt import`, which moves those
revisions from "sent" to "received".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from fieldreport.bundle.export import BATCH, STATE_RECEIVED
from fieldreport.bundle.layout import EXTENSION
from fieldreport.bundle.manifest import Manifest
from fieldreport.crypto.minisign import MinisignError, PublicKey
from fieldreport.crypto.signed_json import SignedDocumentError, sign_document, verify_document
from fieldreport.errors import FieldReportError
from fieldreport.store import trust
from fieldreport.store.reports import STATUS_RECEIVED
from fieldreport.store.store import Store
from fieldreport.store.tables import OUTBOX, REPORT, REVISION
from fieldreport.store.timeutil import utc_now

FORMAT = "fieldreport-receipt/1"
RECEIPT_SUFFIX = ".receipt.json"


def receipt_name(bundle: Path) -> str:
    """The receipt's file name for a bundle: `tonka-1.frb` → `tonka-1.receipt.json`."""
    return bundle.name.removesuffix(EXTENSION) + RECEIPT_SUFFIX


def make_receipt(
    store: Store, manifest: Manifest, bundle_sha256: str, duplicate: bool
) -> dict[str, Any]:
    doc = {
        "format": FORMAT,
        "status": "received",
        "bundle_id": manifest.bundle_id,
        "bundle_sha256": bundle_sha256,
        "from_device": manifest.device_id,
        "sequence": manifest.sequence,
        "revisions": list(manifest.revisions),
        "by_device": store.device.device_id,
        "by_signing_key": store.device.signing_key_string,
        "received_at": utc_now(),
        "duplicate": duplicate,
    }
    return sign_document(
        doc, store.device.signing, trusted_comment=f"{FORMAT} {manifest.bundle_id}"
    )


@dataclass(frozen=True)
class ReceiptResult:
    bundle_id: str
    by_device: str
    marked: int  # revisions newly marked received
    already: int


def _signer_key(store: Store, doc: dict[str, Any]) -> PublicKey:
    by_device = doc.get("by_device")
    with store.read() as conn:
        row = trust.find(conn, by_device) if isinstance(by_device, str) else None
    if row is None:
        raise FieldReportError(
            "the receipt is signed by a device this store does not trust; add it with "
            "'fieldreport trust add' or install the organisation profile that lists it"
        )
    if row.revoked_at:
        raise FieldReportError(f"the receipt is signed by a revoked device ({by_device})")
    try:
        return PublicKey.from_string(row.signing_key)
    except MinisignError as exc:
        raise FieldReportError(f"the trusted key of {by_device} is invalid: {exc}") from None


def apply_receipt(store: Store, doc: dict[str, Any]) -> ReceiptResult:
    if doc.get("format") != FORMAT:
        raise FieldReportError(f"not a FieldReport receipt (format {doc.get('format')!r})")
    key = _signer_key(store, doc)
    try:
        verify_document(doc, key)
    except SignedDocumentError:
        raise FieldReportError("the receipt's signature does not verify: it was altered") from None
    if doc.get("from_device") != store.device.device_id:
        raise FieldReportError("this receipt is for bundles of another device")
    revisions = doc.get("revisions")
    if not isinstance(revisions, list) or not all(isinstance(r, str) for r in revisions):
        raise FieldReportError("the receipt lists no revisions")
    marked = 0
    with store.write() as conn:  # one transaction, in batches: 100k ids are too many to bind
        for start in range(0, len(revisions), BATCH):
            batch = revisions[start : start + BATCH]
            marked += conn.execute(
                update(OUTBOX)
                .where(OUTBOX.c.revision_id.in_(batch), OUTBOX.c.state != STATE_RECEIVED)
                .values(state=STATE_RECEIVED, updated_at=utc_now(), last_error=None)
            ).rowcount
            _refresh_report_status(conn, batch)
    return ReceiptResult(
        str(doc.get("bundle_id")), str(doc["by_device"]), marked, len(revisions) - marked
    )


def _refresh_report_status(conn: Any, revision_ids: list[str]) -> None:
    """A report is "received" once every revision it has in the outbox is.

    One statement per batch, not two per report: 100k reports one by one took 43 s."""
    reports_of_batch = select(REVISION.c.report_id).where(REVISION.c.id.in_(revision_ids))
    still_open = (
        select(OUTBOX.c.id)
        .join(REVISION, REVISION.c.id == OUTBOX.c.revision_id)
        .where(REVISION.c.report_id == REPORT.c.id, OUTBOX.c.state != STATE_RECEIVED)
        .exists()
    )
    conn.execute(
        update(REPORT)
        .where(REPORT.c.id.in_(reports_of_batch), ~still_open)
        .values(status=STATUS_RECEIVED)
    )
