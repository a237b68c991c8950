"""The .minisig text: parsing, formatting and the BLAKE2b pre-hash.

    untrusted comment: <anything>
    base64(sig_alg(2) || key_id(8) || ed25519 signature(64))
    trusted comment: <anything>
    base64(ed25519 signature(64) over signature || trusted comment bytes)

sig_alg "ED" signs BLAKE2b-512(message) (minisign's default since 0.8), "Ed" signs the
message itself (legacy).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from ._codec import (
    KEY_ID_SIZE,
    SIG_ALG,
    SIG_ALG_PREHASHED,
    TRUSTED_PREFIX,
    UNTRUSTED_PREFIX,
    as_text,
    b64_decode_exact,
    b64_encode,
    split_lines,
)
from .errors import FormatError

SIGNATURE_SIZE = 64
_SIG_STRUCT_SIZE = 2 + KEY_ID_SIZE + SIGNATURE_SIZE
# Room for the longest comment lines minisign can read back (1 KiB + 8 KiB) plus the two
# base64 lines; anything bigger is not a signature, whatever it is.
MAX_SIGNATURE_TEXT_BYTES = 10 * 1024
CHUNK_SIZE = 64 * 1024


class BinaryReader(Protocol):
    """Anything with a binary read(size): open files, BytesIO, StreamReader."""

    def read(self, size: int = -1, /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class ParsedSignature:
    algorithm: bytes
    key_id: bytes
    signature: bytes
    untrusted_comment: str
    trusted_comment: str
    global_signature: bytes

    @property
    def prehashed(self) -> bool:
        return self.algorithm == SIG_ALG_PREHASHED


def parse_signature(text: str | bytes) -> ParsedSignature:
    text = as_text(text, what="signature", max_bytes=MAX_SIGNATURE_TEXT_BYTES)
    if not text.startswith(UNTRUSTED_PREFIX):
        raise FormatError("not a minisign signature: it should start with 'untrusted comment:'")
    if "\n" + TRUSTED_PREFIX not in text:
        # The usual way a signature gets mangled: only its first lines were copied.
        raise FormatError("signature has no 'trusted comment:' line")
    lines = split_lines(text, 4, what="signature")
    untrusted = lines[0][len(UNTRUSTED_PREFIX) :]
    sig_struct = b64_decode_exact(lines[1], _SIG_STRUCT_SIZE, what="signature line")
    if not lines[2].startswith(TRUSTED_PREFIX):
        raise FormatError("signature's third line should be its 'trusted comment:' line")
    trusted = lines[2][len(TRUSTED_PREFIX) :]
    global_signature = b64_decode_exact(lines[3], SIGNATURE_SIZE, what="global signature line")
    algorithm = sig_struct[:2]
    if algorithm not in (SIG_ALG, SIG_ALG_PREHASHED):
        raise FormatError(f"unsupported signature algorithm {algorithm.decode('latin-1')!r}")
    return ParsedSignature(
        algorithm=algorithm,
        key_id=sig_struct[2 : 2 + KEY_ID_SIZE],
        signature=sig_struct[2 + KEY_ID_SIZE :],
        untrusted_comment=untrusted,
        trusted_comment=trusted,
        global_signature=global_signature,
    )


def format_signature(
    *,
    algorithm: bytes,
    key_id: bytes,
    signature: bytes,
    untrusted_comment: str,
    trusted_comment: str,
    global_signature: bytes,
) -> str:
    return (
        f"{UNTRUSTED_PREFIX}{untrusted_comment}\n"
        f"{b64_encode(algorithm + key_id + signature)}\n"
        f"{TRUSTED_PREFIX}{trusted_comment}\n"
        f"{b64_encode(global_signature)}\n"
    )


def prehash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=64).digest()


def prehash_stream(fileobj: BinaryReader, chunk_size: int = CHUNK_SIZE) -> bytes:
    if chunk_size <= 0:
        # read(0) is b"" and read(-1) everything: both would quietly defeat the point.
        raise ValueError("chunk_size must be positive")
    return prehash_pieces(iter(lambda: fileobj.read(chunk_size), b""))


def prehash_pieces(pieces: Iterable[bytes]) -> bytes:
    """prehash() of the concatenation of `pieces`, without building it."""
    h = hashlib.blake2b(digest_size=64)
    for piece in pieces:
        h.update(piece)
    return h.digest()


def read_all_limited(fileobj: BinaryReader, limit: int) -> bytes:
    """Read a whole stream for a legacy signature, refusing more than `limit` bytes."""
    parts: list[bytes] = []
    total = 0
    while chunk := fileobj.read(CHUNK_SIZE):
        total += len(chunk)
        if total > limit:
            raise FormatError(
                f"legacy (non-prehashed) signatures are only checked for data up to "
                f"{limit >> 20} MiB; ask for a prehashed signature"
            )
        parts.append(chunk)
    return b"".join(parts)
