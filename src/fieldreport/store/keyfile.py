"""The key file: the store's random data key, wrapped under the passphrase.

Format (JSON, versioned, written atomically, 0600):
    {"format": "fieldreport-keyfile/1",
     "kdf": {"alg": "argon2id", "salt": hex, "t": int, "m_kib": int, "p": int},
     "wrapped_key": {"alg": "aes-256-gcm", "nonce": hex, "ciphertext": hex},
     "duress_check": hex}
The AES-GCM associated data binds the format and the KDF parameters, so a tampered parameter
fails the unwrap. `duress_check` is always present: random when no duress passphrase is set, so
the file does not tell whether one exists. It holds nothing about the store's content.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fieldreport.errors import StoreCorruptError
from fieldreport.fsutil import atomic_write_bytes
from fieldreport.store.kdf import KdfParams

FORMAT = "fieldreport-keyfile/1"
DATA_KEY_SIZE = 32
_MAX_KEYFILE_BYTES = 16 * 1024


@dataclass(frozen=True)
class KeyFile:
    kdf: KdfParams
    nonce: bytes
    ciphertext: bytes
    duress_check: bytes

    def _aad(self) -> bytes:
        return (FORMAT + "\n" + json.dumps(self.kdf.to_json(), sort_keys=True)).encode()

    @classmethod
    def wrap(cls, data_key: bytes, derived: bytes, kdf: KdfParams, duress_check: bytes) -> KeyFile:
        nonce = os.urandom(12)
        draft = cls(kdf=kdf, nonce=nonce, ciphertext=b"", duress_check=duress_check)
        ciphertext = AESGCM(wrap_key(derived)).encrypt(nonce, data_key, draft._aad())
        return cls(kdf=kdf, nonce=nonce, ciphertext=ciphertext, duress_check=duress_check)

    def unwrap(self, derived: bytes) -> bytes | None:
        """The data key, or None when `derived` came from another passphrase."""
        try:
            key = AESGCM(wrap_key(derived)).decrypt(self.nonce, self.ciphertext, self._aad())
        except InvalidTag:
            return None
        return key if len(key) == DATA_KEY_SIZE else None

    def is_duress(self, derived: bytes) -> bool:
        return hmac.compare_digest(duress_check(derived), self.duress_check)

    def with_duress_check(self, check: bytes) -> KeyFile:
        return KeyFile(self.kdf, self.nonce, self.ciphertext, check)

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "kdf": self.kdf.to_json(),
            "wrapped_key": {
                "alg": "aes-256-gcm",
                "nonce": self.nonce.hex(),
                "ciphertext": self.ciphertext.hex(),
            },
            "duress_check": self.duress_check.hex(),
        }
        return (json.dumps(doc, indent=1) + "\n").encode()

    def save(self, path: Path) -> None:
        atomic_write_bytes(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            raw = path.read_bytes()
            if len(raw) > _MAX_KEYFILE_BYTES:
                raise ValueError("too large")
            doc = json.loads(raw)
            if doc.get("format") != FORMAT:
                raise ValueError(f"unknown format {doc.get('format')!r}")
            wrapped = doc["wrapped_key"]
            if wrapped.get("alg") != "aes-256-gcm":
                raise ValueError("unknown wrapping algorithm")
            return cls(
                kdf=KdfParams.from_json(doc["kdf"]),
                nonce=bytes.fromhex(wrapped["nonce"]),
                ciphertext=bytes.fromhex(wrapped["ciphertext"]),
                duress_check=bytes.fromhex(doc["duress_check"]),
            )
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreCorruptError(
                f"the key file {path} is damaged ({exc}); restore it from a backup"
            ) from None


def wrap_key(derived: bytes) -> bytes:
    return derived[:32]


def duress_check(derived: bytes) -> bytes:
    # A hash of the second half: storing the raw KDF output would be needlessly direct.
    return hashlib.sha256(b"fieldreport duress check v1" + derived[32:]).digest()
