"""Writing a bundle: tar → zstd → age, as one stream into an atomically written file.

No plaintext ever touches the disk: attachments are decrypted from the store chunk by chunk
and go straight into the compressor, whose output goes straight into the age encryptor.
Memory stays flat whatever the bundle size.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import zstandard

from fieldreport.bundle.layout import MANIFEST, SIGNATURE, ZSTD_LEVEL
from fieldreport.bundle.manifest import Entry, Manifest
from fieldreport.bundle.tarstream import end_of_archive, write_member
from fieldreport.crypto import age
from fieldreport.crypto.minisign import SigningKey
from fieldreport.fsutil import atomic_writer


@dataclass(frozen=True)
class Source:
    """One file of the bundle: its manifest entry and how to produce its plaintext."""

    entry: Entry
    chunks: Callable[[], Iterator[bytes]]


class _HashingWriter:
    """Passes bytes through to the file while hashing them (the bundle's own SHA-256)."""

    def __init__(self, dst: Any) -> None:
        self._dst = dst
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes | bytearray | memoryview, /) -> int:
        self.digest.update(data)
        self.size += len(data)
        written: int = self._dst.write(data)
        return written

    def flush(self) -> None:
        self._dst.flush()


@dataclass(frozen=True)
class Written:
    sha256: str
    size: int


def write_bundle(
    out: Path,
    recipients: Sequence[age.Recipient],
    signing_key: SigningKey,
    manifest: Manifest,
    sources: Sequence[Source],
    progress: Callable[[int, int], None] | None = None,
) -> Written:
    """Write the bundle file; returns the SHA-256 and size of the file as written."""
    manifest_bytes = manifest.to_bytes()
    signature = signing_key.sign(manifest_bytes, trusted_comment=manifest.trusted_comment())
    signature_bytes = signature.encode()
    mtime = int(time.time())
    total = manifest.total_size()
    done = 0
    with atomic_writer(out) as handle:
        hashing = _HashingWriter(handle)
        encryptor = age.open_encrypt(recipients, hashing)
        compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True)
        # zstandard's stubs want IO[bytes]; the age writer has the write/flush it uses.
        packer: Any = compressor.stream_writer(
            cast(IO[bytes], encryptor), closefd=False, write_return_read=True
        )
        write_member(packer, MANIFEST, len(manifest_bytes), mtime, iter((manifest_bytes,)))
        write_member(packer, SIGNATURE, len(signature_bytes), mtime, iter((signature_bytes,)))
        for source in sources:
            write_member(packer, source.entry.path, source.entry.size, mtime, source.chunks())
            done += source.entry.size
            if progress:
                progress(done, total)
        packer.write(end_of_archive())
        packer.flush(zstandard.FLUSH_FRAME)
        packer.close()
        encryptor.close()
    return Written(sha256=hashing.digest.hexdigest(), size=hashing.size)
