"""Small bundles in one request: `PUT /v1/bundles/{sha256}` with the whole bundle as body.

Most field bundles are small: a day of reports without photos is padded to 64 KiB. Sent
through the resumable path they cost two signed requests and half a dozen transactions
(create the upload, append, finish); here they cost one request and one durable
transaction. Nothing is weaker: the hash is checked before anything is written, the file
lands with an atomic rename before the database says it is stored, and a bundle that
arrives twice is stored once.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Engine

from fieldreport.hq.server import db
from fieldreport.hq.server.blobs import BlobStore
from fieldreport.hq.server.config import MAX_CHUNK
from fieldreport.hq.server.errors import RelayRefusal
from fieldreport.hq.server.ingest import (
    UUID,
    check_author_enrolled,
    may_upload_for,
    record_stored,
)

MAX_WHOLE = MAX_CHUNK  # larger bundles go through the resumable uploads


def parse_headers(author: str, sequence: str) -> tuple[str, int]:
    if not UUID.match(author):
        raise RelayRefusal(400, "bad-request", "X-FR-Author must be a device id")
    if not sequence.isdigit() or int(sequence) < 1:
        raise RelayRefusal(400, "bad-request", "X-FR-Sequence must be a positive integer")
    return author, int(sequence)


def put(
    engine: Engine,
    blobs: BlobStore,
    caller_id: str,
    role: str,
    sha256: str,
    author: str,
    sequence: int,
    data: bytes,
) -> tuple[int, dict[str, Any]]:
    """Store the bundle (201) or find it already stored (200); the answer is the relay
    receipt, as at the end of a resumable upload."""
    may_upload_for(caller_id, role, author)
    if not data:
        raise RelayRefusal(400, "bad-request", "the body must be the bundle")
    if len(data) > MAX_WHOLE:
        raise RelayRefusal(413, "too-large", "bundles over 8 MiB go through /v1/uploads")
    if hashlib.sha256(data).hexdigest() != sha256:
        raise RelayRefusal(422, "bad-bundle", "the bundle's hash does not match; send it again")
    if author != caller_id:  # a forward: its author must be enrolled before a byte is kept
        with db.read(engine) as conn:
            check_author_enrolled(conn, caller_id, author)
    # The file first: a row in `bundle` promises that its bytes are on disk. Should the
    # database refuse it below, the file stays, as after a resumable upload: ciphertext
    # named by its hash, which another upload of these bytes would take as its own.
    blobs.write_bundle(sha256, data)
    with db.write(engine) as conn:
        added, doc = record_stored(conn, sha256, len(data), author, sequence, caller_id)
    return (201 if added else 200), doc
