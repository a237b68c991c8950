"""Uploads: create (or find), ask the offset, append checked chunks, store when complete.

No FastAPI here: the routes in routes_uploads.py call these with a connection-free engine so
that the logic is the same under any web framework and easy to read on its own.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, bindparam, select, update

from fieldreport.hq.server import db
from fieldreport.hq.server.blobs import BlobStore
from fieldreport.hq.server.errors import RelayRefusal
from fieldreport.hq.server.schema import bundle, device, mailbox, upload

HEX64 = re.compile(r"^[0-9a-f]{64}$")
UUID = re.compile(r"^[0-9a-f-]{36}$")
FORWARDERS = ("coordinator", "analyst")  # roles that may forward another device's bundle
MAILBOX_ROLES = ("coordinator", "analyst")  # roles that pull bundles


def parse_create(doc: Any, max_bundle: int) -> tuple[str, int, str, int]:
    if not isinstance(doc, dict):
        raise RelayRefusal(400, "bad-request", "the body must be a JSON object")
    sha, size, author, seq = (doc.get(k) for k in ("sha256", "size", "author", "sequence"))
    if not (isinstance(sha, str) and HEX64.match(sha)):
        raise RelayRefusal(400, "bad-request", "sha256 must be 64 lowercase hex digits")
    if not isinstance(author, str) or not UUID.match(author):
        raise RelayRefusal(400, "bad-request", "author must be a device id")
    for name, value in (("size", size), ("sequence", seq)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise RelayRefusal(400, "bad-request", f"{name} must be a positive integer")
    assert isinstance(size, int) and isinstance(seq, int)
    if size > max_bundle:
        raise RelayRefusal(413, "too-large", f"bundles are limited to {max_bundle} bytes")
    return sha, size, author, seq


def may_upload_for(caller_id: str, role: str, author: str) -> None:
    """A field device uploads its own bundles; coordinators and analysts may forward any."""
    if author != caller_id and role not in FORWARDERS:
        raise RelayRefusal(403, "not-author", "a field device may only upload its own bundles")


def check_author_enrolled(conn: Any, caller_id: str, author: str) -> None:
    if author != caller_id:
        known = conn.execute(select(device.c.device_id).where(device.c.device_id == author))
        if known.first() is None:
            raise RelayRefusal(403, "not-author", "the bundle's author is not enrolled")


def stored_doc(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The relay receipt of a `bundle` row (or of the values just inserted as one)."""
    return {
        "state": "stored",
        "sha256": fields["sha256"],
        "size": fields["size"],
        "stored_at": fields["stored_at"],
    }


def create(
    engine: Engine, caller_id: str, role: str, doc: Any, max_bundle: int
) -> tuple[int, dict[str, Any]]:
    sha, size, author, seq = parse_create(doc, max_bundle)
    may_upload_for(caller_id, role, author)
    now = int(time.time())
    with db.write(engine, durable=False) as conn:
        check_author_enrolled(conn, caller_id, author)
        stored = conn.execute(select(bundle).where(bundle.c.sha256 == sha)).first()
        if stored is not None:
            return 200, {"upload_id": None, "offset": size, **stored_doc(stored._mapping)}
        taken = conn.execute(
            select(bundle.c.sha256).where(bundle.c.author == author, bundle.c.sequence == seq)
        ).first()
        if taken is not None:
            raise RelayRefusal(
                409, "sequence-taken", "another bundle of this device has this sequence number"
            )
        mine = conn.execute(
            select(upload).where(
                upload.c.uploaded_by == caller_id, upload.c.sha256 == sha, upload.c.state == "open"
            )
        ).first()
        if mine is not None:
            if (mine.size, mine.author, mine.sequence) != (size, author, seq):
                raise RelayRefusal(409, "conflict", "an upload of this hash says otherwise")
            return 200, _open(mine.id, mine.received, size)
        upload_id = secrets.token_hex(16)
        conn.execute(
            upload.delete().where(upload.c.uploaded_by == caller_id, upload.c.sha256 == sha)
        )
        conn.execute(
            upload.insert().values(
                id=upload_id,
                uploaded_by=caller_id,
                sha256=sha,
                size=size,
                received=0,
                author=author,
                sequence=seq,
                state="open",
                created_at=now,
                updated_at=now,
            )
        )
    return 201, _open(upload_id, 0, size)


def _open(upload_id: str, received: int, size: int) -> dict[str, Any]:
    return {"upload_id": upload_id, "state": "open", "offset": received, "size": size}


def _load(engine: Engine, upload_id: str, caller_id: str) -> Any:
    with db.read(engine) as conn:
        row = conn.execute(select(upload).where(upload.c.id == upload_id)).first()
    if row is None or row.uploaded_by != caller_id:
        raise RelayRefusal(404, "no-upload", "no such upload for this device")
    return row


def status(engine: Engine, upload_id: str, caller_id: str) -> dict[str, Any]:
    row = _load(engine, upload_id, caller_id)
    return {"upload_id": row.id, "state": row.state, "offset": row.received, "size": row.size}


def append(
    engine: Engine,
    blobs: BlobStore,
    upload_id: str,
    caller_id: str,
    offset: int,
    checksum: str,
    data: bytes,
) -> dict[str, Any]:
    if hashlib.sha256(data).hexdigest() != checksum:
        # Checked before touching the database: a damaged chunk costs nothing but a reply.
        raise RelayRefusal(
            422,
            "bad-chunk",
            "the chunk's checksum does not match; send it again",
            **_offset_of(engine, upload_id, caller_id),
        )
    # Unknown or someone else's upload: refused before the lock, which creates the part file.
    _load(engine, upload_id, caller_id)
    with blobs.locked(upload_id) as fd:
        # Read again under the lock: another worker may be writing this upload.
        row = _load(engine, upload_id, caller_id)
        if row.state == "stored":
            blobs.discard(upload_id)  # the lock re-created an empty part file
            return {"upload_id": row.id, "offset": row.size, **_stored_row(engine, row.sha256)}
        if row.state != "open":
            blobs.discard(upload_id)
            raise RelayRefusal(410, "discarded", "this upload was discarded; create it again")
        if offset != row.received:
            raise RelayRefusal(
                409,
                "offset-mismatch",
                "the upload is elsewhere; resume there",
                offset=row.received,
            )
        if offset + len(data) > row.size:
            raise RelayRefusal(
                413, "too-large", "the chunk goes past the declared size", offset=row.received
            )
        received = offset + len(data)
        if data:
            blobs.write_at(fd, offset, data)
        if received < row.size:  # an empty chunk mid-upload changes nothing
            if data:
                with db.write(engine, durable=False) as conn:
                    conn.execute(
                        update(upload)
                        .where(upload.c.id == upload_id, upload.c.received == offset)
                        .values(received=received, updated_at=int(time.time()))
                    )
            return _open(upload_id, received, row.size)
        return _finish(engine, blobs, row, received)


def _offset_of(engine: Engine, upload_id: str, caller_id: str) -> dict[str, Any]:
    try:
        return {"offset": _load(engine, upload_id, caller_id).received}
    except RelayRefusal:
        return {}


def _finish(engine: Engine, blobs: BlobStore, row: Any, received: int) -> dict[str, Any]:
    """The last chunk is in: check the whole bundle, store it once, queue it, answer the
    relay receipt. Safe to run again after a crash at any point (every step is idempotent)."""
    if not blobs.has_bundle(row.sha256):
        if blobs.part_digest(row.id, received) != row.sha256:
            blobs.discard(row.id)
            with db.write(engine) as conn:
                conn.execute(update(upload).where(upload.c.id == row.id).values(state="discarded"))
            raise RelayRefusal(422, "bad-bundle", "the bundle's hash does not match; send it again")
        blobs.promote(row.id, row.sha256)
    blobs.discard(row.id)
    with db.write(engine) as conn:
        _added, doc = record_stored(
            conn, row.sha256, row.size, row.author, row.sequence, row.uploaded_by
        )
        conn.execute(
            update(upload)
            .where(upload.c.id == row.id)
            .values(state="stored", received=received, updated_at=int(time.time()))
        )
    return {"upload_id": row.id, "offset": row.size, **doc}


def record_stored(
    conn: Any, sha256: str, size: int, author: str, sequence: int, uploaded_by: str
) -> tuple[bool, dict[str, Any]]:
    """Record a bundle whose file is in place and queue it for its recipients; or find it
    already recorded. Returns (added, relay receipt); 409 when the author's sequence number
    belongs to another bundle. Both upload paths end here."""
    now = int(time.time())
    values = {
        "sha256": sha256,
        "size": size,
        "author": author,
        "sequence": sequence,
        "uploaded_by": uploaded_by,
        "stored_at": now,
    }
    if db.insert_ignore(conn, bundle, values):
        queue_for_recipients(conn, sha256, uploaded_by, author, now)
        return True, stored_doc(values)
    stored = conn.execute(select(bundle).where(bundle.c.sha256 == sha256)).first()
    if stored is None:  # the (author, sequence) pair went to another bundle
        raise RelayRefusal(
            409, "sequence-taken", "another bundle of this device has this sequence number"
        )
    return False, stored_doc(stored._mapping)


# Every enrolled, unrevoked coordinator or analyst but the bundle's uploader and author.
_RECIPIENTS = select(device.c.device_id, bindparam("sha256"), bindparam("queued_at")).where(
    device.c.role.in_(MAILBOX_ROLES),
    device.c.revoked_at.is_(None),
    device.c.device_id != bindparam("uploaded_by"),
    device.c.device_id != bindparam("author"),
)


def queue_for_recipients(conn: Any, sha256: str, uploaded_by: str, author: str, now: int) -> None:
    """One mailbox entry per recipient, in one statement: the bundle itself is stored once."""
    params = {"sha256": sha256, "queued_at": now, "uploaded_by": uploaded_by, "author": author}
    db.insert_from_select_ignore(
        conn, mailbox, ["device_id", "sha256", "queued_at"], _RECIPIENTS, params
    )


def _stored_row(engine: Engine, sha256: str) -> dict[str, Any]:
    with db.read(engine) as conn:
        row = conn.execute(select(bundle).where(bundle.c.sha256 == sha256)).one()
    return stored_doc(row._mapping)
