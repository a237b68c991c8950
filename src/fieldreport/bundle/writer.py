"""Writing a bundle: tar → zstd → age, as one stream into an atomically written file.

No plaintext ever touches the disk: attachments are decrypted from the store chunk by chunk
and go straight into the compressor, whose output goes straight into the age encryptor.
Memory stays flat whatever the bundle size.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import zstandard

from fieldreport.bundle.layout import MANIFEST, SIGNATURE, ZSTD_LEVEL
from fieldreport.bundle.manifest import Entry, Manifest
from fieldreport.bundle.padding import skippable_frames
from fieldreport.bundle.tarstream import end_of_archive, write_member
from fieldreport.crypto import age
from fieldreport.crypto.minisign import SigningKey
from fieldreport.fsutil import atomic_writer


@dataclass(frozen=True)
class Source:
    """One file of the bundle: its manifest entry and how to produce its plaintext."""

    entry: Entry
    chunks: Callable[[], Iterator[bytes]]


class _HashingFile:
    """Hashes the bundle file (its own SHA-256) and writes it, in a thread of its own.

    hashlib and file writes release the GIL, so taking them off the encrypting thread lets
    them run beside ChaCha20 and the packing thread instead of after them.
    """

    def __init__(self, dst: Any) -> None:
        self._dst = dst
        self.digest = hashlib.sha256()
        self.size = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=16)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, name="bundle-file", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while (data := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self.digest.update(data)
                    self._dst.write(data)
                except BaseException as exc:  # reported through write() and finish()
                    self._error = exc

    def write(self, data: bytes | bytearray | memoryview, /) -> int:
        if self._error is not None:
            raise self._error
        chunk = bytes(data)  # the age writer hands over fresh bytes: no copy is made
        self.size += len(chunk)
        self._queue.put(chunk)
        return len(chunk)

    def flush(self) -> None:
        """Data reaches the file at `finish()`."""

    def finish(self) -> None:
        self.stop()
        if self._error is not None:
            raise self._error

    def stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()


class _EncryptingThread:
    """Encrypts, hashes and writes in a second thread what the compressor hands over.

    The calling thread reads and decrypts attachments and packs the tar; libzstd compresses
    in its own thread; this one seals the age payload, hashes and writes — the overlap that
    `tar | zstd | age` gets from three processes. The queue is short: memory stays a few
    chunks whatever the bundle size.
    """

    def __init__(self, recipients: Sequence[age.Recipient], dst: Any) -> None:
        self.file = _HashingFile(dst)
        try:
            self._encryptor = age.open_encrypt(recipients, self.file)
        except BaseException:
            self.file.stop()  # its thread would wait for data for ever
            raise
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=16)
        self._error: BaseException | None = None
        self.payload_size = 0  # plaintext handed over so far (the compressed tar)
        self._thread = threading.Thread(target=self._drain, name="bundle-writer", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while (data := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._encryptor.write(data)
                except BaseException as exc:  # reported to the packing thread
                    self._error = exc

    def write(self, data: bytes | bytearray | memoryview, /) -> int:
        if self._error is not None:
            raise self._error
        chunk = bytes(data)
        self._queue.put(chunk)
        self.payload_size += len(chunk)
        return len(chunk)

    def flush(self) -> None:
        """The compressor flushes on frame ends; the data reaches the file at `finish()`."""

    def finish(self) -> None:
        """Seal the last chunk once everything queued is encrypted and written."""
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
        self._encryptor.close()
        self.file.finish()

    def abandon(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self.file.stop()


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
    manifest_pieces = manifest.pieces()  # ~20 MB at 100k revisions: never one string
    signature = signing_key.sign_pieces(manifest_pieces, trusted_comment=manifest.trusted_comment())
    signature_bytes = signature.encode()
    mtime = int(time.time())
    total = manifest.total_size()
    with atomic_writer(out) as handle:
        sink = _EncryptingThread(recipients, handle)
        try:
            _pack(sink, manifest_pieces, signature_bytes, mtime, sources, progress, total)
            sink.finish()
        except BaseException:
            sink.abandon()
            raise
    return Written(sha256=sink.file.digest.hexdigest(), size=sink.file.size)


def _pack(
    sink: _EncryptingThread,
    manifest_pieces: list[bytes],
    signature_bytes: bytes,
    mtime: int,
    sources: Sequence[Source],
    progress: Callable[[int, int], None] | None,
    total: int,
) -> None:
    done = 0
    # threads=1: libzstd compresses in its own thread, outside the GIL.
    compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True, threads=1)
    # zstandard's stubs want IO[bytes]; the age writer has the write/flush it uses.
    packer: Any = compressor.stream_writer(
        cast(IO[bytes], sink), closefd=False, write_return_read=True
    )
    manifest_size = sum(len(piece) for piece in manifest_pieces)
    write_member(packer, MANIFEST, manifest_size, mtime, iter(manifest_pieces))
    write_member(packer, SIGNATURE, len(signature_bytes), mtime, iter((signature_bytes,)))
    for source in sources:
        write_member(packer, source.entry.path, source.entry.size, mtime, source.chunks())
        done += source.entry.size
        if progress:
            progress(done, total)
    packer.write(end_of_archive())
    packer.close()  # ends the one frame (a flush first would append an empty second frame)
    for piece in skippable_frames(sink.payload_size):
        sink.write(piece)
