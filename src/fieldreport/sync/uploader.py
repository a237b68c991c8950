"""One bundle to the relay, resumable: create (or find) the upload, ask where it stands,
send checked chunks from there. A cut link is retried at once while chunks keep getting
through; only a run of failures without progress gives up (the engine then backs off).
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldreport.sync import backoff
from fieldreport.sync.chunking import AdaptiveChunker
from fieldreport.sync.client import RelayClient, RelayRefused, Unreachable

MAX_FAILURES_WITHOUT_PROGRESS = 6
# Tried first in one request: every bundle is padded to at least 64 KiB, and a day of
# reports without photos stays under this (8 s at 256 kbit/s).
ONE_REQUEST_MAX = 256 * 1024


class Cancelled(Exception):
    """The user (or the application closing) asked sync to stop."""


@dataclass
class UploadStats:
    bytes_sent: int = 0  # every byte put on the wire as chunk payload, lost ones included
    chunks: int = 0
    failures: int = 0


def upload_bundle(
    client: RelayClient,
    path: Path,
    sha256: str,
    size: int,
    author: str,
    sequence: int,
    *,
    chunker: AdaptiveChunker | None = None,
    cancel: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
    stats: UploadStats | None = None,
    pause: Callable[[float], None] = time.sleep,
) -> dict[str, Any]:
    """Return the relay receipt ({"state": "stored", …}); raise Unreachable after repeated
    failures without progress, RelayRefused when the relay will not take it, Cancelled."""
    chunker = chunker or AdaptiveChunker()
    stats = stats if stats is not None else UploadStats()
    failures = 0
    upload_id: str | None = None
    offset = 0
    with path.open("rb") as bundle:
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            try:
                if upload_id is None and (
                    size <= chunker.size or (size <= ONE_REQUEST_MAX and failures == 0)
                ):
                    # Small: one request instead of create + append (after a failure only
                    # if it fits in a chunk; past that, resumable chunks).
                    bundle.seek(0)
                    doc = _send(
                        bundle.read(),
                        functools.partial(
                            client.put_bundle, sha256, author, sequence, timeout=60.0
                        ),
                        chunker,
                        stats,
                    )
                    if progress:
                        progress(size, size)
                    return doc
                if upload_id is None:
                    doc = client.create_upload(sha256, size, author, sequence)
                    if doc["state"] == "stored":
                        return doc
                    upload_id, offset = str(doc["upload_id"]), int(doc["offset"])
                if progress:
                    progress(offset, size)
                bundle.seek(offset)
                doc = _send(
                    bundle.read(chunker.size),
                    functools.partial(client.append, upload_id, offset, timeout=60.0),
                    chunker,
                    stats,
                )
                failures = 0
                if doc.get("state") == "stored":
                    if progress:
                        progress(size, size)
                    return doc
                offset = int(doc["offset"])
            except RelayRefused as exc:
                if exc.reason in ("offset-mismatch", "bad-chunk") and "offset" in exc.body:
                    offset = int(exc.body["offset"])  # resume where the relay stands
                elif exc.reason == "bad-signature":
                    # A chunk or a small bundle damaged in transit (the signature covers
                    # the body, so the relay notices before even comparing checksums).
                    chunker.failed()
                elif exc.reason in ("no-upload", "discarded", "bad-bundle"):
                    upload_id = None  # start the upload again
                else:
                    raise
                failures += 1
                stats.failures += 1
                if failures >= MAX_FAILURES_WITHOUT_PROGRESS:
                    raise
            except Unreachable:
                failures += 1
                stats.failures += 1
                chunker.failed()
                if failures >= MAX_FAILURES_WITHOUT_PROGRESS:
                    raise
                pause(backoff.jitter(min(8.0, 0.5 * 2**failures)))
                # After a cut the relay may hold more or less than we think: ask.
                if upload_id is not None:
                    try:
                        offset = int(client.upload_status(upload_id)["offset"])
                    except RelayRefused:
                        upload_id = None
                    except Unreachable:
                        pass


def _send(
    data: bytes,
    send: Callable[[bytes], dict[str, Any]],
    chunker: AdaptiveChunker,
    stats: UploadStats,
) -> dict[str, Any]:
    """One request carrying `data`, counted and timed for the chunk size. A chunk should
    take ~1 s; callers allow much longer before calling the link dead."""
    started = time.monotonic()
    stats.bytes_sent += len(data)
    stats.chunks += 1
    doc = send(data)
    chunker.measured(len(data), time.monotonic() - started)
    return doc
