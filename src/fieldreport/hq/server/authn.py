"""Who is calling: the signed-request check every device endpoint depends on.

Order matters: the body is read (bounded), the signature is checked against the enrolled
key, the nonce is recorded (a replay fails on the unique key, on any worker or app server),
and only then does the endpoint see the request. Nothing of the body is stored before.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from fastapi import Request
from sqlalchemy import Engine, bindparam, delete, func, select, update
from starlette.concurrency import run_in_threadpool

from fieldreport.crypto.minisign import MinisignError, PublicKey
from fieldreport.hq.server import db
from fieldreport.hq.server.blobs import BlobStore
from fieldreport.hq.server.config import MAX_CHUNK, RelayConfig
from fieldreport.hq.server.errors import RelayRefusal
from fieldreport.hq.server.schema import device, nonce, upload
from fieldreport.sync import auth

MAX_BODY = MAX_CHUNK + 64 * 1024
T = TypeVar("T")
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


async def signed(request: Request, work: Callable[[Caller], T]) -> T:
    """Check the request's signature, then run `work(caller)`, both in one worker thread
    (one hand-over per request: on a small relay it is a measurable part of the cost)."""
    body = await read_body(request)
    try:
        sig = auth.parse_headers(request.headers)
    except auth.AuthError as exc:
        raise RelayRefusal(401, exc.reason, str(exc)) from None
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    state = request.app.state

    def admitted() -> T:
        role = _check(state.engine, state.config, sig, request.method, target, body)
        return work(Caller(sig.device_id, role, body))

    return await run_in_threadpool(admitted)


# device id → (public key, role): both fixed at enrolment (enroll refuses other keys for a
# known id), so a worker may keep them. Revocation is read in the request's own transaction.
_KEYS: dict[str, tuple[PublicKey, str]] = {}


def _enrolled(engine: Engine, device_id: str) -> tuple[PublicKey, str]:
    cached = _KEYS.get(device_id)
    if cached is not None:
        return cached
    with db.read(engine) as conn:
        row = conn.execute(
            select(device.c.signing_key, device.c.role).where(device.c.device_id == device_id)
        ).first()
    if row is None:
        raise RelayRefusal(401, "unknown-device", "this device is not enrolled")
    try:
        found = (PublicKey.from_string(row.signing_key), str(row.role))
    except MinisignError:
        raise RelayRefusal(401, "unknown-device", "the enrolled key is unusable") from None
    _KEYS[device_id] = found
    return found


_RECENT_REQUESTS = (
    select(func.count())
    .select_from(nonce)
    .where(nonce.c.device_id == bindparam("device_id"), nonce.c.seen_at > bindparam("since"))
    .scalar_subquery()
    .label("recent")
)
_CALLER_STATE = select(device.c.revoked_at, device.c.last_contact_at, _RECENT_REQUESTS).where(
    device.c.device_id == bindparam("device_id")
)


def _check(
    engine: Engine,
    config: RelayConfig,
    sig: auth.RequestSignature,
    method: str,
    target: str,
    body: bytes,
) -> str:
    now = int(time.time())
    key, role = _enrolled(engine, sig.device_id)
    try:
        auth.check_time(sig, now, config.clock_window)
        auth.verify_request(sig, key, method, target, body)
    except auth.AuthError as exc:
        raise RelayRefusal(401, exc.reason, str(exc)) from None
    with db.write(engine, durable=False) as conn:
        # One statement for what is read: revocation, last contact and the requests of the
        # last minute (the rate limit); then the nonce. Round trips are the relay's cost.
        caller = conn.execute(_CALLER_STATE, {"device_id": sig.device_id, "since": now - 60}).one()
        if caller.revoked_at is not None:
            raise RelayRefusal(403, "revoked", "this device was revoked")
        fresh = db.insert_ignore(
            conn, nonce, {"device_id": sig.device_id, "nonce": sig.nonce, "seen_at": now}
        )
        if not fresh:
            raise RelayRefusal(401, "replay", "this request was already received (a replay)")
        if caller.last_contact_at is None or caller.last_contact_at < now - CONTACT_RESOLUTION:
            conn.execute(
                update(device)
                .where(
                    device.c.device_id == sig.device_id,
                    device.c.last_contact_at.is_(None) | (device.c.last_contact_at < now),
                )
                .values(last_contact_at=now)
            )
        recent = int(caller.recent) + 1  # this request included
    # Coordinators and analysts pull whole teams' bundles: a larger allowance.
    limit = config.rate_limit * (PULLER_FACTOR if role in ("coordinator", "analyst") else 1)
    if secrets.randbelow(HOUSEKEEPING_ODDS) == 0:  # no scheduler needed, on any worker
        housekeeping(engine, config)
    if recent > limit:
        raise RelayRefusal(429, "rate-limit", "too many requests from this device; slow down")
    return role


def prune_nonces(engine: Engine, window: int) -> None:
    """Forget nonces older than twice the clock window: a request signed that long ago is
    refused as stale anyway, so its nonce is no longer needed to spot a replay."""
    with db.write(engine) as conn:
        conn.execute(delete(nonce).where(nonce.c.seen_at < int(time.time()) - 2 * window))


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
