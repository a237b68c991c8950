"""The X25519 recipient type (C2SP age.md, "The X25519 recipient type")."""

from __future__ import annotations

import os
from collections.abc import Sequence

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldreport.crypto import bech32
from fieldreport.crypto.age import b64
from fieldreport.crypto.age.errors import AgeHeaderError, AgeKeyError
from fieldreport.crypto.age.stanza import (
    Stanza,
    aead_unwrap,
    aead_wrap,
    check_arg_count,
    check_body,
    decode_arg,
)

STANZA_TYPE = "X25519"
RECIPIENT_HRP = "age"
IDENTITY_HRP = "AGE-SECRET-KEY-"
_INFO = b"age-encryption.org/v1/X25519"
_KEY_SIZE = 32


def _wrap_key(shared: bytes, share: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=share + recipient, info=_INFO).derive(
        shared
    )


class X25519Recipient:
    """An `age1…` public key."""

    def __init__(self, public_key: bytes) -> None:
        if len(public_key) != _KEY_SIZE:
            raise AgeKeyError("an X25519 recipient must be 32 bytes")
        self._public = public_key
        self._key = X25519PublicKey.from_public_bytes(public_key)
        try:
            # A low-order point makes every shared secret zero: the file key would be wrapped
            # under a public constant.
            X25519PrivateKey.generate().exchange(self._key)
        except ValueError:
            raise AgeKeyError("invalid X25519 recipient: low-order point") from None

    @classmethod
    def from_string(cls, s: str) -> X25519Recipient:
        try:
            hrp, data = bech32.decode(s)
        except bech32.Bech32Error as exc:
            raise AgeKeyError(f"malformed X25519 recipient: {exc}") from None
        if hrp != RECIPIENT_HRP:
            raise AgeKeyError("malformed X25519 recipient: expected a lower-case 'age1…' key")
        return cls(data)

    def public_bytes(self) -> bytes:
        return self._public

    def to_string(self) -> str:
        return bech32.encode(RECIPIENT_HRP, self._public)

    def wrap(self, file_key: bytes) -> list[Stanza]:
        ephemeral = X25519PrivateKey.generate()
        share = ephemeral.public_key().public_bytes_raw()
        shared = ephemeral.exchange(self._key)
        body = aead_wrap(_wrap_key(shared, share, self._public), file_key)
        return [Stanza(STANZA_TYPE, (b64.encode(share),), body)]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, X25519Recipient) and other._public == self._public

    def __hash__(self) -> int:
        return hash((STANZA_TYPE, self._public))

    def __repr__(self) -> str:
        return f"X25519Recipient({self.to_string()!r})"


class X25519Identity:
    """An `AGE-SECRET-KEY-1…` secret key."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) != _KEY_SIZE:
            raise AgeKeyError("an X25519 identity must be 32 bytes")
        self._secret = secret
        self._key = X25519PrivateKey.from_private_bytes(secret)
        self._public = self._key.public_key().public_bytes_raw()

    @classmethod
    def generate(cls) -> X25519Identity:
        return cls(os.urandom(_KEY_SIZE))

    @classmethod
    def from_secret(cls, secret: bytes) -> X25519Identity:
        return cls(secret)

    @classmethod
    def from_string(cls, s: str) -> X25519Identity:
        try:
            hrp, data = bech32.decode(s)
        except bech32.Bech32Error as exc:
            raise AgeKeyError(f"malformed X25519 identity: {exc}") from None
        if hrp != IDENTITY_HRP:
            raise AgeKeyError("malformed X25519 identity: expected 'AGE-SECRET-KEY-1…'")
        return cls(data)

    def secret_bytes(self) -> bytes:
        return self._secret

    def to_string(self) -> str:
        return bech32.encode(IDENTITY_HRP, self._secret)

    def recipient(self) -> X25519Recipient:
        return X25519Recipient(self._public)

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            check_arg_count(stanza, 1)
            share = decode_arg(stanza, 0, _KEY_SIZE, "ephemeral share")
            check_body(stanza)
            try:
                shared = self._key.exchange(X25519PublicKey.from_public_bytes(share))
            except ValueError:
                raise AgeHeaderError("X25519 stanza: low-order ephemeral share") from None
            file_key = aead_unwrap(_wrap_key(shared, share, self._public), stanza.body)
            if file_key is not None:
                return file_key
        return None

    def __repr__(self) -> str:
        # Never the secret: reprs end up in logs and tracebacks.
        return f"X25519Identity(recipient={self.recipient().to_string()!r})"
