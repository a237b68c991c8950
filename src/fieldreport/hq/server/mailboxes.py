"""Mailboxes, downloads, receipts and advisories: what devices fetch from the relay."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, update

from fieldreport.bundle.receipts import FORMAT as RECEIPT_FORMAT
from fieldreport.crypto.minisign import MinisignError, PublicKey
from fieldreport.crypto.signed_json import SignedDocumentError, verify_document
from fieldreport.hq.server import db
from fieldreport.hq.server.blobs import BlobStore
from fieldreport.hq.server.errors import RelayRefusal
from fieldreport.hq.server.schema import advisory, bundle, device, mailbox, receipt

PAGE = 200


def pending(engine: Engine, device_id: str) -> list[dict[str, Any]]:
    with db.read(engine) as conn:
        rows = conn.execute(
            select(
                mailbox.c.id,
                mailbox.c.sha256,
                mailbox.c.queued_at,
                bundle.c.size,
                bundle.c.author,
                bundle.c.sequence,
            )
            .join(bundle, bundle.c.sha256 == mailbox.c.sha256)
            .where(mailbox.c.device_id == device_id, mailbox.c.acked_at.is_(None))
            .order_by(mailbox.c.id)
            .limit(PAGE)
        ).all()
    return [dict(r._mapping) for r in rows]


def ack(engine: Engine, device_id: str, item_id: int, outcome: str) -> None:
    with db.write(engine) as conn:
        found = conn.execute(
            select(mailbox.c.acked_at).where(
                mailbox.c.id == item_id, mailbox.c.device_id == device_id
            )
        ).first()
        if found is None:
            raise RelayRefusal(404, "no-item", "no such mailbox item for this device")
        if found.acked_at is None:
            conn.execute(
                update(mailbox)
                .where(mailbox.c.id == item_id)
                .values(acked_at=int(time.time()), outcome=outcome)
            )


def bundle_for(engine: Engine, blobs: BlobStore, device_id: str, sha256: str) -> tuple[Path, int]:
    """A stored bundle the caller may read: queued for it, or uploaded by it."""
    with db.read(engine) as conn:
        row = conn.execute(select(bundle).where(bundle.c.sha256 == sha256)).first()
        queued = conn.execute(
            select(mailbox.c.id).where(mailbox.c.device_id == device_id, mailbox.c.sha256 == sha256)
        ).first()
    if row is None or (queued is None and device_id not in (row.uploaded_by, row.author)):
        raise RelayRefusal(404, "no-bundle", "no such bundle for this device")
    return blobs.bundle(sha256), int(row.size)


def post_receipt(engine: Engine, device_id: str, doc: Any) -> tuple[int, dict[str, Any]]:
    if not isinstance(doc, dict) or doc.get("format") != RECEIPT_FORMAT:
        raise RelayRefusal(400, "bad-request", "not a FieldReport receipt")
    if doc.get("by_device") != device_id:
        raise RelayRefusal(403, "not-signer", "a device may only post its own receipts")
    sha = doc.get("bundle_sha256")
    with db.read(engine) as conn:
        key_text = conn.execute(
            select(device.c.signing_key).where(device.c.device_id == device_id)
        ).scalar_one()
        stored = conn.execute(select(bundle.c.author).where(bundle.c.sha256 == sha)).first()
    try:
        verify_document(doc, PublicKey.from_string(key_text))
    except (SignedDocumentError, MinisignError):
        raise RelayRefusal(
            422, "bad-signature", "the receipt's signature does not verify"
        ) from None
    if stored is None:
        raise RelayRefusal(404, "no-bundle", "the receipt names a bundle the relay never stored")
    if doc.get("from_device") != stored.author:
        raise RelayRefusal(422, "bad-request", "the receipt's author differs from the bundle's")
    with db.write(engine) as conn:
        added = db.insert_ignore(
            conn,
            receipt,
            {
                "sha256": sha,
                "for_device": stored.author,
                "by_device": device_id,
                "document": json.dumps(doc, ensure_ascii=False),
                "posted_at": int(time.time()),
            },
        )
    return (201 if added else 200), {"stored": True, "duplicate": not added}


def receipts_for(engine: Engine, device_id: str, after: int) -> list[dict[str, Any]]:
    with db.read(engine) as conn:
        rows = conn.execute(
            select(receipt.c.id, receipt.c.document)
            .where(receipt.c.for_device == device_id, receipt.c.id > after)
            .order_by(receipt.c.id)
            .limit(PAGE)
        ).all()
    return [{"id": r.id, "document": json.loads(r.document)} for r in rows]


def advisories_after(engine: Engine, after: int) -> list[dict[str, Any]]:
    with db.read(engine) as conn:
        rows = conn.execute(
            select(advisory.c.id, advisory.c.document)
            .where(advisory.c.id > after)
            .order_by(advisory.c.id)
            .limit(PAGE)
        ).all()
    return [{"id": r.id, "document": json.loads(r.document)} for r in rows]
