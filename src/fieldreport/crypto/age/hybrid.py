"""The hybrid post-quantum recipient type `mlkem768x25519` (ML-KEM-768 + X25519, via HPKE).

Keys: the identity is a 32-byte seed; SHAKE-256 expands it to 96 bytes, the ML-KEM-768 seed
(64) and the X25519 private key (32). The recipient is the ML-KEM-768 encapsulation key
(1,184 bytes) followed by the X25519 public key (32). The stanza carries HPKE's `enc`
(ML-KEM ciphertext then X25519 share, 1,120 bytes) and the sealed file key.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from fieldreport.crypto import bech32
from fieldreport.crypto.age import b64
from fieldreport.crypto.age.errors import AgeHeaderError, AgeKeyError
from fieldreport.crypto.age.stanza import Stanza, check_arg_count, check_body, decode_arg

STANZA_TYPE = "mlkem768x25519"
RECIPIENT_HRP = "age1pq"
IDENTITY_HRP = "AGE-SECRET-KEY-PQ-"
_INFO = b"age-encryption.org/mlkem768x25519"
_SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
SEED_SIZE = 32
_MLKEM_PUBLIC_SIZE = 1184
_X25519_SIZE = 32
PUBLIC_KEY_SIZE = _MLKEM_PUBLIC_SIZE + _X25519_SIZE
_MLKEM_CIPHERTEXT_SIZE = 1088
ENC_SIZE = _MLKEM_CIPHERTEXT_SIZE + _X25519_SIZE


class HybridRecipient:
    """An `age1pq1…` public key."""

    def __init__(self, public_key: bytes) -> None:
        if len(public_key) != PUBLIC_KEY_SIZE:
            raise AgeKeyError(f"a hybrid recipient must be {PUBLIC_KEY_SIZE} bytes")
        try:
            mlkem_key = mlkem.MLKEM768PublicKey.from_public_bytes(public_key[:_MLKEM_PUBLIC_SIZE])
            x_key = X25519PublicKey.from_public_bytes(public_key[_MLKEM_PUBLIC_SIZE:])
            X25519PrivateKey.generate().exchange(x_key)
        except ValueError:
            raise AgeKeyError("invalid hybrid recipient: malformed key material") from None
        self._public = public_key
        self._key = hpke.MLKEM768X25519PublicKey(mlkem_key, x_key)

    @classmethod
    def from_string(cls, s: str) -> HybridRecipient:
        try:
            hrp, data = bech32.decode(s)
        except bech32.Bech32Error as exc:
            raise AgeKeyError(f"malformed hybrid recipient: {exc}") from None
        if hrp != RECIPIENT_HRP:
            raise AgeKeyError("malformed hybrid recipient: expected a lower-case 'age1pq1…' key")
        return cls(data)

    def public_bytes(self) -> bytes:
        return self._public

    def to_string(self) -> str:
        return bech32.encode(RECIPIENT_HRP, self._public)

    def wrap(self, file_key: bytes) -> list[Stanza]:
        sealed = _SUITE.encrypt(file_key, self._key, info=_INFO)
        enc, body = sealed[:ENC_SIZE], sealed[ENC_SIZE:]
        return [Stanza(STANZA_TYPE, (b64.encode(enc),), body)]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HybridRecipient) and other._public == self._public

    def __hash__(self) -> int:
        return hash((STANZA_TYPE, self._public))

    def __repr__(self) -> str:
        return f"HybridRecipient({self.to_string()[:20]}…)"


class HybridIdentity:
    """An `AGE-SECRET-KEY-PQ-1…` secret key (a 32-byte seed)."""

    def __init__(self, seed: bytes) -> None:
        if len(seed) != SEED_SIZE:
            raise AgeKeyError(f"a hybrid identity seed must be {SEED_SIZE} bytes")
        expanded = hashlib.shake_256(seed).digest(96)
        self._seed = seed
        self._mlkem = mlkem.MLKEM768PrivateKey.from_seed_bytes(expanded[:64])
        self._x25519 = X25519PrivateKey.from_private_bytes(expanded[64:])
        self._key = hpke.MLKEM768X25519PrivateKey(self._mlkem, self._x25519)

    @classmethod
    def generate(cls) -> HybridIdentity:
        return cls(os.urandom(SEED_SIZE))

    @classmethod
    def from_seed(cls, seed: bytes) -> HybridIdentity:
        return cls(seed)

    @classmethod
    def from_string(cls, s: str) -> HybridIdentity:
        try:
            hrp, data = bech32.decode(s)
        except bech32.Bech32Error as exc:
            raise AgeKeyError(f"malformed hybrid identity: {exc}") from None
        if hrp != IDENTITY_HRP:
            raise AgeKeyError("malformed hybrid identity: expected 'AGE-SECRET-KEY-PQ-1…'")
        return cls(data)

    def secret_bytes(self) -> bytes:
        return self._seed

    def to_string(self) -> str:
        return bech32.encode(IDENTITY_HRP, self._seed)

    def recipient(self) -> HybridRecipient:
        return HybridRecipient(
            self._mlkem.public_key().public_bytes_raw()
            + self._x25519.public_key().public_bytes_raw()
        )

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            check_arg_count(stanza, 1)
            enc = decode_arg(stanza, 0, ENC_SIZE, "encapsulated key")
            check_body(stanza)
            try:
                # HPKE does not reject a low-order X25519 share by itself here; the spec
                # requires refusing the all-zero shared secret it produces.
                share = X25519PublicKey.from_public_bytes(enc[_MLKEM_CIPHERTEXT_SIZE:])
                self._x25519.exchange(share)
            except ValueError:
                raise AgeHeaderError(f"{STANZA_TYPE} stanza: low-order X25519 share") from None
            try:
                return _SUITE.decrypt(enc + stanza.body, self._key, info=_INFO)
            except InvalidTag:
                continue
        return None

    def __repr__(self) -> str:
        return "HybridIdentity(<secret>)"
