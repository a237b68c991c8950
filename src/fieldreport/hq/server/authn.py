"""Who is calling: the signed-request check every device endpoint depends on.

Order matters: the body is read (bounded), the signature is checked against the enrolled
key, the nonce is recorded (a replay fails on the unique key, on any worker or app server),
and only then does the endpoint see the request. Nothing of the body is stored before.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import Engine, delete, func, select, update
from starlette.concurrency import run_in_threadpool

from fieldreport.crypto.minisign import MinisignError, PublicKey
from fieldreport.hq.server import db
from fieldreport.hq.server.blobs import BlobStore
from fieldreport.hq.server.config import MAX_CHUNK, RelayConfig
from fieldreport.hq.server.errors import RelayRefusal
from fieldreport.hq.server.schema import device, nonce, upload
from fieldreport.sync import auth

MAX_BODY = MAX_CHUNK + 64 * 1024
PULLER_FACTOR = 10
HOUSEKEEPING_ODDS = 2000  # about once every 2,000 signed requests
STALE_UPLOAD_SECONDS = 7 * 24 * 3600
CONTACT_RESOLUTION = 30  # seconds: last contact is not rewritten on every request


@dataclass(frozen=True)
class Caller:
    device_id: str
    role: str
    body: bytes


async def read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise RelayRefusal(413, "too-large", "the request body is too large")
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise RelayRefusal(413, "too-large", "the request body is too large")
        chunks.append(chunk)
    return b"".join(chunks)


async def authenticate(request: Request) -> Caller:
    body = await read_body(request)
    try:
        sig = auth.parse_headers(request.headers)
    except auth.AuthError as exc:
        raise RelayRefusal(401, exc.reason, str(exc)) from None
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    state = request.app.state
    role = await run_in_threadpool(
        _check, state.engine, state.config, sig, request.method, target, body
    )
    return Caller(sig.device_id, role, body)


def _check(
    engine: Engine,
    config: RelayConfig,
    sig: auth.RequestSignature,
    method: str,
    target: str,
    body: bytes,
) -> str:
    now = int(time.time())
    with db.read(engine) as conn:
        row = conn.execute(
            select(device.c.signing_key, device.c.role, device.c.revoked_at).where(
                device.c.device_id == sig.device_id
            )
        ).first()
    if row is None:
        raise RelayRefusal(401, "unknown-device", "this device is not enrolled")
    if row.revoked_at is not None:
        raise RelayRefusal(403, "revoked", "this device was revoked")
    try:
        auth.check_time(sig, now, config.clock_window)
        key = PublicKey.from_string(row.signing_key)
        auth.verify_request(sig, key, method, target, body)
    except auth.AuthError as exc:
        raise RelayRefusal(401, exc.reason, str(exc)) from None
    except MinisignError:
        raise RelayRefusal(401, "unknown-device", "the enrolled key is unusable") from None
    with db.write(engine) as conn:
        fresh = db.insert_ignore(
            conn, nonce, {"device_id": sig.device_id, "nonce": sig.nonce, "seen_at": now}
        )
        if not fresh:
            raise RelayRefusal(401, "replay", "this request was already received (a replay)")
        recent = conn.execute(
            select(func.count())
            .select_from(nonce)
            .where(nonce.c.device_id == sig.device_id, nonce.c.seen_at > now - 60)
        ).scalar_one()
        conn.execute(
            update(device)
            .where(
                device.c.device_id == sig.device_id,
                (device.c.last_contact_at.is_(None))
                | (device.c.last_contact_at < now - CONTACT_RESOLUTION),
            )
            .values(last_contact_at=now)
        )
    # Coordinators and analysts pull whole teams' bundles: a larger allowance.
    limit = config.rate_limit * (PULLER_FACTOR if row.role in ("coordinator", "analyst") else 1)
    if secrets.randbelow(HOUSEKEEPING_ODDS) == 0:  # no scheduler needed, on any worker
        housekeeping(engine, config)
    if recent > limit:
        raise RelayRefusal(429, "rate-limit", "too many requests from this device; slow down")
    return str(row.role)


def prune_nonces(engine: Engine, window: int) -> int:
    """Forget nonces older than the clock window (a request that old is refused as stale)."""
    with db.write(engine) as conn:
        return int(
            conn.execute(
                delete(nonce).where(nonce.c.seen_at < int(time.time()) - 2 * window)
            ).rowcount
        )


def housekeeping(engine: Engine, config: RelayConfig) -> None:
    """Prune the replay cache; discard uploads left open for a week (and their bytes)."""
    prune_nonces(engine, config.clock_window)
    cutoff = int(time.time()) - STALE_UPLOAD_SECONDS
    with db.write(engine) as conn:
        stale = [
            r.id
            for r in conn.execute(
                select(upload.c.id).where(upload.c.state == "open", upload.c.updated_at < cutoff)
            )
        ]
        if stale:
            conn.execute(update(upload).where(upload.c.id.in_(stale)).values(state="discarded"))
    blobs = BlobStore(config.blob_dir)
    for upload_id in stale:
        blobs.discard(upload_id)
