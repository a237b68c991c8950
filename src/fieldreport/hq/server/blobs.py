"""The relay's blob folder: bundles being uploaded and bundles stored.

Layout: `uploads/<upload id>.part` while a bundle arrives, `bundles/<aa>/<sha256>` once it
is complete and its hash checked. A chunk is written at the offset the database holds (the
database is the truth: bytes past it, left by a crash between the write and the commit, are
cut off first), fsynced before the offset moves. A finished upload moves into place with a
rename and a folder fsync. A per-upload file lock keeps two workers, or two app servers on
one shared folder, from writing one upload at the same time.

The folder holds ciphertext only (age files), named by random ids and ciphertext hashes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from fieldreport.fsutil import atomic_write_bytes, ensure_private_dir, fsync_dir

READ_CHUNK = 1024 * 1024


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.uploads = root / "uploads"
        self.bundles = root / "bundles"

    def prepare(self) -> None:
        ensure_private_dir(self.uploads)
        ensure_private_dir(self.bundles)

    def part(self, upload_id: str) -> Path:
        return self.uploads / f"{upload_id}.part"

    def bundle(self, sha256: str) -> Path:
        return self.bundles / sha256[:2] / sha256

    @contextlib.contextmanager
    def locked(self, upload_id: str) -> Iterator[int]:
        """An exclusive lock on the upload's part file (created empty if missing)."""
        fd = os.open(self.part(upload_id), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield fd
        finally:
            os.close(fd)  # closing releases the lock

    @staticmethod
    def write_at(fd: int, offset: int, data: bytes) -> None:
        """Cut the part file to `offset` (the committed length), append, fsync."""
        os.ftruncate(fd, offset)
        view = memoryview(data)
        position = offset
        while view:
            written = os.pwrite(fd, view, position)
            view = view[written:]
            position += written
        os.fsync(fd)

    def part_digest(self, upload_id: str, length: int) -> str:
        digest = hashlib.sha256()
        with self.part(upload_id).open("rb") as handle:
            remaining = length
            while remaining > 0:
                chunk = handle.read(min(READ_CHUNK, remaining))
                if not chunk:
                    break
                digest.update(chunk)
                remaining -= len(chunk)
        return digest.hexdigest()

    def promote(self, upload_id: str, sha256: str) -> Path:
        """Move a checked part file to its place among the bundles (atomic, durable)."""
        target = self.bundle(sha256)
        ensure_private_dir(target.parent)
        part = self.part(upload_id)
        if part.exists():
            part.replace(target)
            fsync_dir(target.parent)  # the new name must survive; the old one may not
        return target

    def write_bundle(self, sha256: str, data: bytes) -> Path:
        """Put a whole checked bundle in place (atomic, durable); one already there stays."""
        target = self.bundle(sha256)
        if not target.is_file():
            ensure_private_dir(target.parent)
            atomic_write_bytes(target, data)
        return target

    def discard(self, upload_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.part(upload_id).unlink()

    def has_bundle(self, sha256: str) -> bool:
        return self.bundle(sha256).is_file()
