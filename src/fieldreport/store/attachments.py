"""Attachment files: encrypted in 64 KiB STREAM chunks, streamed in and out.

On disk: `attachments/<random name>` = 16-byte nonce || STREAM(payload key). The payload key
is HKDF(file key, nonce) as in age, with a random 32-byte file key per attachment, kept in
the encrypted database. File names are random so they say nothing about the content. A file
is written to a temporary name, fsynced and renamed: a crash leaves either nothing or a whole
file (an orphan without a DB row is unreadable — its key was never committed — and doctor
removes it).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from fieldreport.crypto.stream import (
    CHUNK_SIZE,
    NONCE_SIZE,
    StreamWriter,
    iter_decrypt,
    payload_key,
)
from fieldreport.fsutil import PRIVATE_FILE_MODE, ensure_private_dir, fsync_dir


class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


@dataclass(frozen=True)
class StoredBlob:
    blob: str
    file_key: bytes
    size: int
    sha256: str


class AttachmentFiles:
    """The folder of encrypted attachment files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, blob: str) -> Path:
        if not blob.isalnum():  # names come from the DB; never let one escape the folder
            raise ValueError("invalid attachment blob name")
        return self.folder / blob

    def store(self, src: Readable, *, sync: bool = True, pipelined: bool = False) -> StoredBlob:
        """Encrypt everything readable from `src` into a new file; memory stays one chunk.

        `sync=False` (bundle import) skips the two fsyncs per file; the caller has them done by
        `background_sync()` before committing the rows that reference them. `pipelined`
        encrypts and writes in a second thread while this one reads (import: the reading side
        is itself decryption and decompression of the bundle).
        """
        ensure_private_dir(self.folder)
        blob = secrets.token_hex(16)
        file_key = secrets.token_bytes(32)
        nonce = secrets.token_bytes(NONCE_SIZE)
        digest = hashlib.sha256()
        final = self.path(blob)
        tmp = final.with_name(f".{blob}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(nonce)
                writer = StreamWriter(payload_key(file_key, nonce), out)
                if pipelined:
                    _pump_in_thread(src, digest, writer)
                else:
                    while chunk := src.read(CHUNK_SIZE):
                        digest.update(chunk)
                        writer.write(chunk)
                writer.close()
                out.flush()
                if sync:
                    os.fsync(out.fileno())
            tmp.replace(final)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            raise
        if sync:
            fsync_dir(self.folder)
        return StoredBlob(blob, file_key, writer.plaintext_bytes, digest.hexdigest())

    def fsync_one(self, blob: str) -> None:
        fd = os.open(self.path(blob), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def background_sync(self) -> BackgroundSync:
        return BackgroundSync(self)

    def iter_plaintext(self, blob: str, file_key: bytes) -> Iterator[bytes]:
        """Decrypted chunks, each authenticated before it is handed out."""
        with self.path(blob).open("rb") as src:
            nonce = src.read(NONCE_SIZE)
            yield from iter_decrypt(payload_key(file_key, nonce), src)

    def remove(self, blob: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(blob).unlink()

    def names_on_disk(self) -> set[str]:
        if not self.folder.exists():
            return set()
        return {p.name for p in self.folder.iterdir() if p.is_file()}


PUMP_READ = 4 * CHUNK_SIZE  # fewer, larger reads: less per-call work in the reading thread


def _pump_in_thread(src: Readable, digest: Any, writer: StreamWriter) -> None:
    """Read here; hash, encrypt and write in a helper thread, a few reads behind.

    The reading thread (bundle import: decrypting and decompressing the bundle) is the busy
    one, so everything that can move off it does; hashlib and file writes release the GIL.
    """
    pending: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
    failure: list[BaseException] = []

    def drain() -> None:
        while (chunk := pending.get()) is not None:
            if not failure:
                try:
                    digest.update(chunk)
                    writer.write(chunk)
                except BaseException as exc:  # re-raised in the reading thread
                    failure.append(exc)

    thread = threading.Thread(target=drain, name="attachment-writer", daemon=True)
    thread.start()
    try:
        while chunk := src.read(PUMP_READ):
            pending.put(chunk)
            if failure:
                break
    finally:
        pending.put(None)
        thread.join()
    if failure:
        raise failure[0]


class BackgroundSync:
    """fsyncs files written with sync=False in a thread of its own, one by one as they are
    finished, so an import's hundreds of fsyncs overlap with reading the rest of the bundle
    instead of queueing up before its commit. `finish()` waits for them and syncs the folder.
    """

    def __init__(self, files: AttachmentFiles) -> None:
        self._files = files
        self._pending: queue.Queue[str | None] = queue.Queue()
        self._failure: list[BaseException] = []
        self._count = 0
        self._thread = threading.Thread(target=self._run, name="attachment-sync", daemon=True)
        self._thread.start()

    def add(self, blob: str) -> None:
        self._count += 1
        self._pending.put(blob)

    def _run(self) -> None:
        while (blob := self._pending.get()) is not None:
            if not self._failure:
                try:
                    self._files.fsync_one(blob)
                except BaseException as exc:  # re-raised by finish()
                    self._failure.append(exc)

    def stop(self) -> None:
        """Wait for the thread to end (on refusal, the files are about to be removed)."""
        if self._thread.is_alive():
            self._pending.put(None)
            self._thread.join()

    def finish(self) -> None:
        self.stop()
        if self._failure:
            raise self._failure[0]
        if self._count:
            fsync_dir(self._files.folder)
