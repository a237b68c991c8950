"""Encrypting and decrypting age files, streaming with constant memory."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from fieldreport.crypto.age import header
from fieldreport.crypto.age.armor import ArmorReader, ArmorWriter
from fieldreport.crypto.age.armor import detect as detect_armor
from fieldreport.crypto.age.errors import (
    AgeError,
    AgeHeaderError,
    AgeKeyError,
    AgeNoMatchError,
    AgePayloadError,
    AgeRecipientError,
)
from fieldreport.crypto.age.hybrid import STANZA_TYPE as HYBRID_TYPE
from fieldreport.crypto.age.hybrid import HybridIdentity, HybridRecipient
from fieldreport.crypto.age.scrypt import STANZA_TYPE as SCRYPT_TYPE
from fieldreport.crypto.age.scrypt import ScryptIdentity, ScryptRecipient
from fieldreport.crypto.age.source import Source
from fieldreport.crypto.age.stanza import FILE_KEY_SIZE, Identity, Recipient, Stanza
from fieldreport.crypto.stream import (
    CHUNK_SIZE,
    NONCE_SIZE,
    Readable,
    StreamError,
    StreamWriter,
    Writable,
    iter_decrypt,
    payload_key,
)

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


def _check_recipients(recipients: Sequence[Recipient]) -> None:
    if not recipients:
        raise AgeRecipientError("no recipients: an age file needs at least one")
    if any(isinstance(r, ScryptRecipient) for r in recipients) and len(recipients) > 1:
        raise AgeRecipientError("a passphrase must be the only recipient of a file")
    post_quantum = [isinstance(r, HybridRecipient) for r in recipients]
    if any(post_quantum) and not all(post_quantum):
        # A quantum attacker would just break the classical stanza: the mix is only as
        # strong as its weakest recipient, while looking post-quantum.
        raise AgeRecipientError(
            "refusing to mix post-quantum (age1pq1…) recipients with classical ones in one file"
        )


class AgeWriter:
    """Write-only file object: plaintext in, age file out to `dst` (header already written).

    `close()` seals the last chunk (and ends the armor) but leaves `dst` open. Leaving a
    `with` block on an exception does not finish the file, so a reader will refuse it.
    Deliberately not an io.IOBase: its finalizer would "finish" an abandoned file.
    """

    def __init__(self, stream: StreamWriter, armor_writer: ArmorWriter | None) -> None:
        self._stream = stream
        self._armor = armor_writer
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview, /) -> int:
        if self._closed:
            raise ValueError("write to a closed age writer")
        return self._stream.write(data)

    def flush(self) -> None:
        self._stream.flush()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._stream.close()
        if self._armor is not None:
            self._armor.close()
        self._stream.flush()

    def __enter__(self) -> AgeWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()


def open_encrypt(
    recipients: Iterable[Recipient], dst: Writable, *, armor: bool = False
) -> AgeWriter:
    """Start an age file on `dst` for `recipients`; write the plaintext to the result."""
    recipient_list = list(recipients)
    _check_recipients(recipient_list)
    file_key = os.urandom(FILE_KEY_SIZE)
    stanzas: list[Stanza] = []
    for recipient in recipient_list:
        stanzas.extend(recipient.wrap(file_key))
    nonce = os.urandom(NONCE_SIZE)
    armor_writer = ArmorWriter(dst) if armor else None
    sink: Writable = armor_writer if armor_writer is not None else dst
    sink.write(header.encode(stanzas, file_key) + nonce)
    return AgeWriter(StreamWriter(payload_key(file_key, nonce), sink), armor_writer)


def encrypt(
    recipients: Iterable[Recipient], src: Readable, dst: Writable, *, armor: bool = False
) -> None:
    """Encrypt all of `src` to `dst` (ASCII-armored with `armor=True`)."""
    writer = open_encrypt(recipients, dst, armor=armor)
    while block := src.read(CHUNK_SIZE):
        writer.write(block)
    writer.close()


def _unwrap_file_key(identities: Sequence[Identity], stanzas: tuple[Stanza, ...]) -> bytes:
    types = {s.type for s in stanzas}
    if SCRYPT_TYPE in types and len(stanzas) != 1:
        raise AgeHeaderError("an scrypt stanza must be the only stanza in the header")
    for identity in identities:
        file_key = identity.unwrap(stanzas)
        if file_key is not None:
            return file_key
    hint = ""
    if SCRYPT_TYPE in types and not any(isinstance(i, ScryptIdentity) for i in identities):
        hint = " (it is encrypted with a passphrase)"
    elif types == {HYBRID_TYPE} and not any(isinstance(i, HybridIdentity) for i in identities):
        hint = " (it is encrypted to post-quantum age1pq1… recipients only)"
    many = f" (none of {len(identities)} identities matched)" if len(identities) > 1 else ""
    raise AgeNoMatchError(f"the file is not addressed to this identity{many}{hint}")


class AgeReader(io.BufferedIOBase):
    """Read-only file object over an age payload: plaintext is released chunk by chunk,
    each chunk only once authenticated. Does not close the underlying source."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._buf = b""
        self._off = 0
        self._eof = False
        self._error: AgeError | None = None

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> bytes | None:
        # After a failure every later read fails too: a caller that swallowed the first
        # error must not then see a clean end of file.
        if self._error is not None:
            raise self._error
        if self._eof:
            return None
        try:
            return next(self._chunks)
        except StopIteration:
            self._eof = True
            return None
        except StreamError as exc:
            self._error = AgePayloadError(f"damaged age payload: {exc}")
            raise self._error from None
        except AgeError as exc:
            self._error = exc
            raise

    def iter_chunks(self) -> Iterator[bytes]:
        """Yield the remaining plaintext, one authenticated chunk at a time."""
        if self._off < len(self._buf):
            yield self._buf[self._off :]
            self._buf, self._off = b"", 0
        while (chunk := self._next_chunk()) is not None:
            yield chunk

    def read(self, size: int | None = -1, /) -> bytes:
        if self.closed:
            raise ValueError("read from a closed age reader")
        if size is None or size < 0:
            return b"".join(self.iter_chunks())
        parts: list[bytes] = []
        wanted = size
        while wanted > 0:
            if self._off >= len(self._buf):
                chunk = self._next_chunk()
                if chunk is None:
                    break
                self._buf, self._off = chunk, 0
                continue
            end = min(len(self._buf), self._off + wanted)
            parts.append(self._buf[self._off : end])
            wanted -= end - self._off
            self._off = end
        return b"".join(parts)

    def read1(self, size: int = -1, /) -> bytes:
        if self.closed:
            raise ValueError("read from a closed age reader")
        if self._off >= len(self._buf):
            chunk = self._next_chunk()
            if chunk is None:
                return b""
            self._buf, self._off = chunk, 0
        end = len(self._buf) if size < 0 else min(len(self._buf), self._off + size)
        out = self._buf[self._off : end]
        self._off = end
        return out

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        view = memoryview(buffer).cast("B")
        data = self.read(len(view))
        view[: len(data)] = data
        return len(data)


def open_decrypt(identities: Iterable[Identity], src: Readable) -> AgeReader:
    """Open an age file (binary or armored): the header is parsed and its MAC verified
    before this returns; the payload is then authenticated as it is read."""
    identity_list = list(identities)
    source = Source(src)
    if detect_armor(source):
        source = Source(ArmorReader(source))
    hdr = header.parse(source)
    if not identity_list:
        raise AgeKeyError("no identities to decrypt with")
    file_key = _unwrap_file_key(identity_list, hdr.stanzas)
    header.verify_mac(hdr, file_key)
    nonce = source.read(NONCE_SIZE)
    while len(nonce) < NONCE_SIZE and (more := source.read(NONCE_SIZE - len(nonce))):
        nonce += more
    if len(nonce) < NONCE_SIZE:
        raise AgeHeaderError("file ends before the payload nonce")
    return AgeReader(iter_decrypt(payload_key(file_key, nonce), source))


def decrypt(identities: Iterable[Identity], src: Readable, dst: Writable) -> None:
    """Decrypt `src` to `dst`. On AgePayloadError, `dst` holds the chunks that were
    authenticated before the damage: the caller must discard them."""
    reader = open_decrypt(identities, src)
    for chunk in reader.iter_chunks():
        dst.write(chunk)
