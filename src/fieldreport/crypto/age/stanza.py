"""Recipient stanzas and the contracts of recipients (wrap) and identities (unwrap)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from fieldreport.crypto.age import b64
from fieldreport.crypto.age.errors import AgeHeaderError

FILE_KEY_SIZE = 16
WRAPPED_FILE_KEY_SIZE = FILE_KEY_SIZE + 16
_ZERO_NONCE = bytes(12)


@dataclass(frozen=True)
class Stanza:
    """One `-> type args...` block: the file key wrapped for one recipient."""

    type: str
    args: tuple[str, ...]
    body: bytes


class Recipient(Protocol):
    def wrap(self, file_key: bytes) -> list[Stanza]:
        """Return the stanza(s) that let this recipient's identity recover `file_key`."""
        ...


class Identity(Protocol):
    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        """Return the file key, or None when no stanza is for us.

        Raises AgeHeaderError when a stanza of our type is malformed: the spec wants those to
        abort decryption rather than be skipped.
        """
        ...


def aead_wrap(wrap_key: bytes, file_key: bytes) -> bytes:
    # A zero nonce is safe: every wrap key is fresh (ephemeral share or random salt).
    return ChaCha20Poly1305(wrap_key).encrypt(_ZERO_NONCE, file_key, None)


def aead_unwrap(wrap_key: bytes, body: bytes) -> bytes | None:
    """Open a wrapped file key; None when it was not made with this key."""
    # The length is checked by the caller before any decryption attempt: trying keys on
    # bodies of other lengths would open a partitioning oracle (see the age spec).
    try:
        return ChaCha20Poly1305(wrap_key).decrypt(_ZERO_NONCE, body, None)
    except InvalidTag:
        return None


def decode_arg(stanza: Stanza, index: int, size: int, what: str) -> bytes:
    """Decode a base64 argument that must hold exactly `size` bytes."""
    try:
        value = b64.decode(stanza.args[index])
    except ValueError as exc:
        raise AgeHeaderError(f"{stanza.type} stanza: {what} is not valid base64 ({exc})") from None
    if len(value) != size:
        raise AgeHeaderError(f"{stanza.type} stanza: {what} must be {size} bytes, not {len(value)}")
    return value


def check_body(stanza: Stanza) -> None:
    if len(stanza.body) != WRAPPED_FILE_KEY_SIZE:
        raise AgeHeaderError(
            f"{stanza.type} stanza: wrapped file key must be {WRAPPED_FILE_KEY_SIZE} bytes,"
            f" not {len(stanza.body)}"
        )


def check_arg_count(stanza: Stanza, count: int) -> None:
    if len(stanza.args) != count:
        raise AgeHeaderError(
            f"{stanza.type} stanza: expected {count} argument(s) after the type,"
            f" found {len(stanza.args)}"
        )
