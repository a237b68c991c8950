"""The HTTP endpoints of docs/relay-protocol.md. Thin: parse, call the logic, answer."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from fieldreport.hq.server import ingest, mailboxes, whole
from fieldreport.hq.server.authn import Caller, signed
from fieldreport.hq.server.errors import RelayRefusal

router = APIRouter(prefix="/v1")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
RANGE = re.compile(r"^bytes=(\d+)-$")
STREAM_CHUNK = 256 * 1024


def _json(caller: Caller) -> Any:
    try:
        return json.loads(caller.body or b"null")
    except (UnicodeDecodeError, ValueError):
        raise RelayRefusal(400, "bad-request", "the body is not JSON") from None


def _after(request: Request) -> int:
    value = request.query_params.get("after", "0")
    if not value.isdigit():
        raise RelayRefusal(400, "bad-request", "after must be a number")
    return int(value)


@router.get("/ping")
def ping() -> dict[str, Any]:
    return {"service": "fieldreport-relay", "protocol": 1, "time": int(time.time())}


@router.post("/uploads")
async def create_upload(request: Request) -> Response:
    state = request.app.state
    code, doc = await signed(
        request,
        lambda caller: ingest.create(
            state.engine, caller.device_id, caller.role, _json(caller), state.config.max_bundle
        ),
    )
    return JSONResponse(doc, status_code=code)


@router.get("/uploads/{upload_id}")
async def upload_status(upload_id: str, request: Request) -> dict[str, Any]:
    engine = request.app.state.engine
    return await signed(request, lambda caller: ingest.status(engine, upload_id, caller.device_id))


@router.patch("/uploads/{upload_id}")
async def append_chunk(upload_id: str, request: Request) -> dict[str, Any]:
    state = request.app.state

    def work(caller: Caller) -> dict[str, Any]:
        offset = request.headers.get("x-fr-offset", "")
        checksum = request.headers.get("x-fr-chunk-sha256", "")
        if not offset.isdigit() or not HEX64.match(checksum):
            raise RelayRefusal(400, "bad-request", "X-FR-Offset and X-FR-Chunk-SHA256 are required")
        return ingest.append(
            state.engine,
            state.blobs,
            upload_id,
            caller.device_id,
            int(offset),
            checksum,
            caller.body,
        )

    return await signed(request, work)


@router.put("/bundles/{sha256}")
async def put_bundle(sha256: str, request: Request) -> Response:
    state = request.app.state

    def work(caller: Caller) -> tuple[int, dict[str, Any]]:
        if not HEX64.match(sha256):
            raise RelayRefusal(400, "bad-request", "not a bundle hash")
        author, sequence = whole.parse_headers(
            request.headers.get("x-fr-author", ""), request.headers.get("x-fr-sequence", "")
        )
        return whole.put(
            state.engine,
            state.blobs,
            caller.device_id,
            caller.role,
            sha256,
            author,
            sequence,
            caller.body,
        )

    code, doc = await signed(request, work)
    return JSONResponse(doc, status_code=code)


@router.get("/mailbox")
async def mailbox(request: Request) -> dict[str, Any]:
    engine = request.app.state.engine
    items = await signed(request, lambda caller: mailboxes.pending(engine, caller.device_id))
    return {"items": items}


@router.post("/mailbox/{item_id}/ack")
async def ack(item_id: int, request: Request) -> dict[str, Any]:
    engine = request.app.state.engine

    def work(caller: Caller) -> None:
        doc = _json(caller)
        outcome = doc.get("outcome") if isinstance(doc, dict) else None
        if outcome not in ("imported", "refused"):
            raise RelayRefusal(400, "bad-request", "outcome must be imported or refused")
        mailboxes.ack(engine, caller.device_id, item_id, outcome)

    await signed(request, work)
    return {"id": item_id, "acked": True}


@router.get("/bundles/{sha256}")
async def download(sha256: str, request: Request) -> Response:
    state = request.app.state

    def work(caller: Caller) -> tuple[Path, int]:
        if not HEX64.match(sha256):
            raise RelayRefusal(400, "bad-request", "not a bundle hash")
        return mailboxes.bundle_for(state.engine, state.blobs, caller.device_id, sha256)

    path, size = await signed(request, work)
    start = 0
    wanted = request.headers.get("range")
    if wanted:
        match = RANGE.match(wanted)
        if match is None or int(match.group(1)) > size:
            raise RelayRefusal(416, "bad-range", "only 'bytes=N-' within the bundle is served")
        start = int(match.group(1))

    def stream() -> Iterator[bytes]:
        with path.open("rb") as handle:
            handle.seek(start)
            while chunk := handle.read(STREAM_CHUNK):
                yield chunk

    headers = {"Content-Length": str(size - start), "Accept-Ranges": "bytes"}
    if start:
        headers["Content-Range"] = f"bytes {start}-{size - 1}/{size}"
    return StreamingResponse(
        stream(),
        status_code=206 if start else 200,
        headers=headers,
        media_type="application/octet-stream",
    )


@router.post("/receipts")
async def post_receipt(request: Request) -> Response:
    engine = request.app.state.engine
    code, doc = await signed(
        request, lambda caller: mailboxes.post_receipt(engine, caller.device_id, _json(caller))
    )
    return JSONResponse(doc, status_code=code)


@router.get("/receipts")
async def receipts(request: Request) -> dict[str, Any]:
    engine = request.app.state.engine
    rows = await signed(
        request,
        lambda caller: mailboxes.receipts_for(engine, caller.device_id, _after(request)),
    )
    return {"receipts": rows}


@router.get("/advisories")
async def advisories(request: Request) -> dict[str, Any]:
    engine = request.app.state.engine
    rows = await signed(
        request, lambda _caller: mailboxes.advisories_after(engine, _after(request))
    )
    return {"advisories": rows}
