"""The HTTP endpoints of docs/relay-protocol.md. Thin: parse, call the logic, answer."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from fieldreport.hq.server import ingest, mailboxes
from fieldreport.hq.server.authn import Caller, authenticate
from fieldreport.hq.server.errors import RelayRefusal

router = APIRouter(prefix="/v1")
Signed = Annotated[Caller, Depends(authenticate)]
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
async def create_upload(request: Request, caller: Signed) -> Response:
    state = request.app.state
    code, doc = await run_in_threadpool(
        ingest.create,
        state.engine,
        caller.device_id,
        caller.role,
        _json(caller),
        state.config.max_bundle,
    )
    return JSONResponse(doc, status_code=code)


@router.get("/uploads/{upload_id}")
async def upload_status(upload_id: str, request: Request, caller: Signed) -> dict[str, Any]:
    return await run_in_threadpool(
        ingest.status, request.app.state.engine, upload_id, caller.device_id
    )


@router.patch("/uploads/{upload_id}")
async def append_chunk(upload_id: str, request: Request, caller: Signed) -> dict[str, Any]:
    offset = request.headers.get("x-fr-offset", "")
    checksum = request.headers.get("x-fr-chunk-sha256", "")
    if not offset.isdigit() or not HEX64.match(checksum):
        raise RelayRefusal(400, "bad-request", "X-FR-Offset and X-FR-Chunk-SHA256 are required")
    state = request.app.state
    return await run_in_threadpool(
        ingest.append,
        state.engine,
        state.blobs,
        upload_id,
        caller.device_id,
        int(offset),
        checksum,
        caller.body,
    )


@router.get("/mailbox")
async def mailbox(request: Request, caller: Signed) -> dict[str, Any]:
    items = await run_in_threadpool(mailboxes.pending, request.app.state.engine, caller.device_id)
    return {"items": items}


@router.post("/mailbox/{item_id}/ack")
async def ack(item_id: int, request: Request, caller: Signed) -> dict[str, Any]:
    doc = _json(caller)
    outcome = doc.get("outcome") if isinstance(doc, dict) else None
    if outcome not in ("imported", "refused"):
        raise RelayRefusal(400, "bad-request", "outcome must be imported or refused")
    await run_in_threadpool(
        mailboxes.ack, request.app.state.engine, caller.device_id, item_id, outcome
    )
    return {"id": item_id, "acked": True}


@router.get("/bundles/{sha256}")
async def download(sha256: str, request: Request, caller: Signed) -> Response:
    if not HEX64.match(sha256):
        raise RelayRefusal(400, "bad-request", "not a bundle hash")
    state = request.app.state
    path, size = await run_in_threadpool(
        mailboxes.bundle_for, state.engine, state.blobs, caller.device_id, sha256
    )
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
async def post_receipt(request: Request, caller: Signed) -> Response:
    code, doc = await run_in_threadpool(
        mailboxes.post_receipt, request.app.state.engine, caller.device_id, _json(caller)
    )
    return JSONResponse(doc, status_code=code)


@router.get("/receipts")
async def receipts(request: Request, caller: Signed) -> dict[str, Any]:
    rows = await run_in_threadpool(
        mailboxes.receipts_for, request.app.state.engine, caller.device_id, _after(request)
    )
    return {"receipts": rows}


@router.get("/advisories")
async def advisories(request: Request, _caller: Signed) -> dict[str, Any]:
    rows = await run_in_threadpool(
        mailboxes.advisories_after, request.app.state.engine, _after(request)
    )
    return {"advisories": rows}
