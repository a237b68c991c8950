"""STREAM: chunked authenticated encryption, exactly as age v1's payload (C2SP age.md).

The plaintext is cut into 64 KiB chunks; each is sealed with ChaCha20-Poly1305 under one key,
with a 12-byte nonce made of an 11-byte big-endian chunk counter and a final-chunk flag byte
(0x01 on the last chunk, 0x00 otherwise). Reordering, truncating at a chunk boundary,
appending or dropping chunks all fail authentication.

Used for two things: the age payload (key = HKDF-SHA-256(file key, nonce, "payload")) and
attachment files in the store (same construction, per-file key kept in the encrypted DB).
Both directions work on file objects with constant memory: never the whole file at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE
NONCE_SIZE = 16  # the random nonce that precedes an age payload
_MAX_COUNTER = 2**88 - 1


class StreamError(Exception):
    """The encrypted stream is damaged, truncated, extended or was made with another key."""


def payload_key(file_key: bytes, nonce: bytes) -> bytes:
    """age's payload key: HKDF-SHA-256(ikm=file key, salt=nonce, info="payload")."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=nonce, info=b"payload").derive(file_key)


def _nonce(counter: int, last: bool) -> bytes:
    if counter > _MAX_COUNTER:
        raise StreamError("stream too long: chunk counter overflow")
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class StreamWriter:
    """A write-only file object: plaintext in, STREAM ciphertext out to `dst`.

    Buffers at most one chunk. `close()` seals the final chunk and must be called (or use it
    as a context manager); it does not close `dst`.
    """

    def __init__(self, key: bytes, dst: BinaryIO) -> None:
        if len(key) != 32:
            raise ValueError("STREAM key must be 32 bytes")
        self._aead = ChaCha20Poly1305(key)
        self._dst = dst
        self._buf = bytearray()
        self._counter = 0
        self._closed = False
        self.plaintext_bytes = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        if self._closed:
            raise ValueError("write to a closed StreamWriter")
        self._buf += data
        self.plaintext_bytes += len(data)
        # Keep the last full chunk buffered: only close() knows whether it is the final one.
        while len(self._buf) > CHUNK_SIZE:
            chunk = bytes(self._buf[:CHUNK_SIZE])
            del self._buf[:CHUNK_SIZE]
            self._dst.write(self._aead.encrypt(_nonce(self._counter, False), chunk, None))
            self._counter += 1
        return len(data)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._dst.write(self._aead.encrypt(_nonce(self._counter, True), bytes(self._buf), None))
        self._buf = bytearray()

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self._dst.flush()

    def __enter__(self) -> StreamWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        # On an exception the stream is left unfinished on purpose: a reader will refuse it.
        if exc[0] is None:
            self.close()


def _read_exactly(src: BinaryIO, n: int) -> bytes:
    parts: list[bytes] = []
    remaining = n
    while remaining:
        part = src.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def iter_decrypt(key: bytes, src: BinaryIO) -> Iterator[bytes]:
    """Yield plaintext chunks of a STREAM read from `src`, each one authenticated first.

    Raises StreamError as soon as a chunk fails; chunks yielded before that were genuine
    (the caller decides whether a partial result is of any use: for us it never is).
    """
    aead = ChaCha20Poly1305(key)
    counter = 0
    chunk = _read_exactly(src, ENCRYPTED_CHUNK_SIZE)
    while True:
        if len(chunk) < TAG_SIZE:
            raise StreamError("stream truncated: incomplete or missing final chunk")
        if len(chunk) < ENCRYPTED_CHUNK_SIZE:
            # A short chunk can only be the last one.
            plain = _open(aead, counter, chunk, last=True)
            if not plain and counter > 0:
                raise StreamError("stream has an empty final chunk after data")
            yield plain
            return
        following = _read_exactly(src, ENCRYPTED_CHUNK_SIZE)
        if not following:
            # A full chunk at EOF must be the last one (plaintext length a multiple of 64 KiB).
            yield _open(aead, counter, chunk, last=True)
            return
        yield _open(aead, counter, chunk, last=False)
        counter += 1
        chunk = following


def _open(aead: ChaCha20Poly1305, counter: int, chunk: bytes, *, last: bool) -> bytes:
    try:
        return aead.decrypt(_nonce(counter, last), chunk, None)
    except InvalidTag:
        if not last:
            # Distinguish "a final chunk followed by more data" for a clearer message.
            try:
                aead.decrypt(_nonce(counter, True), chunk, None)
            except InvalidTag:
                pass
            else:
                raise StreamError("stream has data after its final chunk") from None
        raise StreamError(f"stream chunk {counter} failed authentication") from None


class StreamReader:
    """A read-only file object over `iter_decrypt`: hands out plaintext as it is verified."""

    def __init__(self, key: bytes, src: BinaryIO) -> None:
        self._chunks = iter_decrypt(key, src)
        self._buf = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        while not self._eof and (n < 0 or len(self._buf) < n):
            try:
                self._buf += next(self._chunks)
            except StopIteration:
                self._eof = True
        if n < 0:
            out, self._buf = self._buf, b""
        else:
            out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def readinto(self, b: bytearray | memoryview) -> int:
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)
