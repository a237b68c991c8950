"""Crash-safe, owner-only file writes: the shape of every key-file and bundle write.

A write goes to a 0600 temporary file in the same folder, is fsynced, renamed over the target,
and the folder is fsynced, so that after a power cut the target holds either the old or the new
content, never a mix and never nothing (electrum's storage.py is the model).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) owner-only; tighten an existing folder we own."""
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError, NotImplementedError):
        if os.name == "posix" and path.stat().st_mode & 0o077:
            path.chmod(PRIVATE_DIR_MODE)
    return path


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink in `path` durable (a no-op where folders cannot be opened)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file to write; on success it replaces `target` atomically and durably.

    On an exception the temporary file is removed and `target` is left untouched.
    """
    tmp = _temp_path(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)


def start_writeback(fd: int, offset: int, length: int) -> None:
    """Have the kernel start writing a range of a file to disk, without waiting for it.

    On Linux, POSIX_FADV_DONTNEED on dirty pages starts their write-back and lets the page
    cache drop them once written; a later fsync then has only the tail left. Elsewhere
    (macOS, Windows) there is no such call: the final fsync does all the work, as before.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is not None and length > 0:
        advise(fd, offset, length, os.POSIX_FADV_DONTNEED)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_writer(target) as handle:
        handle.write(data)


def destroy_file(path: Path) -> None:
    """Overwrite a small secret file with random bytes, fsync, then unlink it.

    Only for small files (key files): on SSDs and journaling file systems an overwrite is not
    a guarantee, which is why the real protection is crypto-erase of the wrapped key.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_WRONLY)
        try:
            os.write(fd, secrets.token_bytes(max(size, 1)))
            os.fsync(fd)
        finally:
            os.close(fd)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
