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
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

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

    def store(self, src: Readable) -> StoredBlob:
        """Encrypt everything readable from `src` into a new file, durably; memory stays one
        chunk. (A bundle import stages its files with store/staging.py instead.)"""
        self.ensure_folder()
        new = self.create()
        digest = hashlib.sha256()
        try:
            while chunk := src.read(CHUNK_SIZE):
                digest.update(chunk)
                new.write(chunk)
        except BaseException:
            new.abandon()
            raise
        return new.commit(digest.hexdigest(), sync=True)

    def ensure_folder(self) -> None:
        """Create the folder, owner-only (once before writing files: not per file)."""
        ensure_private_dir(self.folder)

    def create(self, buffering: int = -1) -> NewFile:
        """A new attachment file to write into (the folder exists: `ensure_folder()`);
        `commit()` names it, `abandon()` drops it."""
        return NewFile(self, buffering)

    def fsync_one(self, blob: str) -> None:
        fd = os.open(self.path(blob), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

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


class NewFile:
    """An attachment file being written: plaintext in, encrypted to a temporary name.
    `commit()` renames it into place (a crash before leaves only a temporary file, unreadable
    without its key, which doctor removes). The caller hashes the plaintext: the importer
    does it in another thread."""

    def __init__(self, files: AttachmentFiles, buffering: int = -1) -> None:
        self.blob = secrets.token_hex(16)
        self._final = files.path(self.blob)
        self._tmp = self._final.with_name(f".{self.blob}.tmp")
        self._file_key = secrets.token_bytes(32)
        fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        self._out = os.fdopen(fd, "wb", buffering=buffering)
        try:
            nonce = secrets.token_bytes(NONCE_SIZE)
            self._out.write(nonce)
            self._writer = StreamWriter(payload_key(self._file_key, nonce), self._out)
        except BaseException:
            self.abandon()
            raise

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self._writer.write(data)

    def commit(self, sha256: str, *, sync: bool) -> StoredBlob:
        """Seal and name the file (`sha256`: of the plaintext written). With `sync=False` the
        caller fsyncs it (and the folder) before anything that refers to it commits."""
        try:
            self._writer.close()
            self._out.flush()
            if sync:
                os.fsync(self._out.fileno())
            self._out.close()
            self._tmp.replace(self._final)
        except BaseException:
            self.abandon()
            raise
        if sync:
            fsync_dir(self._final.parent)
        return StoredBlob(self.blob, self._file_key, self._writer.plaintext_bytes, sha256)

    def abandon(self) -> None:
        """Drop the unfinished file."""
        with contextlib.suppress(OSError):
            self._out.close()
        with contextlib.suppress(FileNotFoundError):
            self._tmp.unlink()
