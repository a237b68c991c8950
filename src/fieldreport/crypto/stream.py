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
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CHUNK_SIZE = 64 * 1024
TAG_SIZE = 16
ENCRYPTED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE
NONCE_SIZE = 16  # the random nonce that precedes an age payload
_MAX_COUNTER = 2**88 - 1


class Readable(Protocol):
    """What STREAM reads from: any binary file object (or look-alike) with read(n)."""

    def read(self, n: int = -1, /) -> bytes: ...


class Writable(Protocol):
    """What STREAM writes to: any binary file object (or look-alike) with write()."""

    def write(self, data: bytes, /) -> int: ...


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

    def __init__(self, key: bytes, dst: Writable) -> None:
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
        view = memoryview(data).cast("B")
        size, pos = len(view), 0
        while pos < size:
            # Keep the last full chunk buffered: only close() knows whether it is the final
            # one. Sliding through `view` keeps a large write linear, not quadratic.
            if len(self._buf) == CHUNK_SIZE:
                self._seal_middle(self._buf)
                self._buf.clear()
            if not self._buf:
                # Whole chunks followed by more data are sealed straight from the caller's
                # buffer: no copy (a gigabyte through here is two fewer copies of it).
                while size - pos > CHUNK_SIZE:
                    self._seal_middle(view[pos : pos + CHUNK_SIZE])
                    pos += CHUNK_SIZE
            take = min(CHUNK_SIZE - len(self._buf), size - pos)
            self._buf += view[pos : pos + take]
            pos += take
        self.plaintext_bytes += size
        return size

    def _seal_middle(self, chunk: bytes | bytearray | memoryview) -> None:
        self._dst.write(self._aead.encrypt(_nonce(self._counter, False), chunk, None))
        self._counter += 1

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._dst.write(self._aead.encrypt(_nonce(self._counter, True), bytes(self._buf), None))
        self._buf = bytearray()

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        flush = getattr(self._dst, "flush", None)
        if flush is not None:
            flush()

    def __enter__(self) -> StreamWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        # On an exception the stream is left unfinished on purpose: a reader will refuse it.
        if exc[0] is None:
            self.close()


def _read_exactly(src: Readable, n: int) -> bytes:
    parts: list[bytes] = []
    remaining = n
    while remaining:
        part = src.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def iter_decrypt(key: bytes, src: Readable) -> Iterator[bytes]:
    """Yield plaintext chunks of a STREAM read from `src`, each one authenticated first.

    Raises StreamError as soon as the stream proves bad; chunks yielded before that were
    genuine (the caller decides whether a partial result is of any use: for us it never is).
    The error can come after the final chunk was yielded, when data follows it.
    """
    aead = ChaCha20Poly1305(key)
    counter = 0
    while True:
        chunk = _read_exactly(src, ENCRYPTED_CHUNK_SIZE)
        if len(chunk) < ENCRYPTED_CHUNK_SIZE:
            # A short read means end of input: this can only be the final chunk.
            if not chunk:
                raise StreamError("stream truncated: the final chunk is missing")
            if len(chunk) < TAG_SIZE:
                raise StreamError("stream truncated: incomplete final chunk")
            plain = _open(aead, counter, chunk, last=True)
            if not plain and counter > 0:
                raise StreamError("stream has an empty final chunk after data")
            yield plain
            return
        # A full-size chunk is either a middle chunk or a full final chunk; no read-ahead
        # needed, as exactly one of the two nonces can authenticate it.
        try:
            plain = aead.decrypt(_nonce(counter, False), chunk, None)
            last = False
        except InvalidTag:
            plain = _open(aead, counter, chunk, last=True)
            last = True
        yield plain
        if last:
            if src.read(1):
                raise StreamError("stream has data after its final chunk")
            return
        counter += 1


def _open(aead: ChaCha20Poly1305, counter: int, chunk: bytes, *, last: bool) -> bytes:
    try:
        return aead.decrypt(_nonce(counter, last), chunk, None)
    except InvalidTag:
        raise StreamError(f"stream chunk {counter} failed authentication") from None


class StreamReader:
    """A read-only file object over `iter_decrypt`: hands out plaintext as it is verified."""

    def __init__(self, key: bytes, src: Readable) -> None:
        self._chunks = iter_decrypt(key, src)
        self._buf = b""
        self._off = 0
        self._eof = False
        self._error: StreamError | None = None

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        # A failure sticks: a caller that swallowed it must not then see a clean EOF.
        if self._error is not None:
            raise self._error
        # An offset into the current chunk, not re-slicing it, keeps small reads linear.
        parts: list[bytes] = []
        wanted = n
        while n < 0 or wanted > 0:
            if self._off >= len(self._buf):
                if self._eof:
                    break
                try:
                    self._buf = next(self._chunks)
                except StopIteration:
                    self._eof = True
                    break
                except StreamError as exc:
                    self._error = exc
                    raise
                self._off = 0
                continue
            end = len(self._buf) if n < 0 else min(len(self._buf), self._off + wanted)
            parts.append(self._buf[self._off : end])
            wanted -= end - self._off
            self._off = end
        return b"".join(parts)

    def readinto(self, b: bytearray | memoryview) -> int:
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)
