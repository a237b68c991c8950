"""This installation's keys: an Ed25519 signing key (minisign) and an age identity.

Made at `init`, kept only inside the encrypted database. The public halves travel in the
enrolment request; the fingerprint lets a person compare a request with what a device shows.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from typing import Any

from fieldreport.crypto import age
from fieldreport.crypto.minisign import SigningKey
from fieldreport.store.timeutil import utc_now

ROLES = ("field", "coordinator", "analyst")
KEY_TYPES = ("pq", "x25519")
DeviceIdentity = age.X25519Identity | age.HybridIdentity


@dataclass(frozen=True)
class DeviceKeys:
    device_id: str
    name: str
    role: str
    key_type: str
    signing: SigningKey
    identity: DeviceIdentity
    created_at: str

    @property
    def signing_key_string(self) -> str:
        return self.signing.public_key().to_string()

    @property
    def recipient_string(self) -> str:
        return self.identity.recipient().to_string()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key_string, self.recipient_string)

    def public_info(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "name": self.name,
            "role": self.role,
            "key_type": self.key_type,
            "signing_key": self.signing_key_string,
            "recipient": self.recipient_string,
            "fingerprint": self.fingerprint,
        }

    def to_row(self) -> dict[str, Any]:
        return {
            "id": 1,
            "device_id": self.device_id,
            "name": self.name,
            "role": self.role,
            "key_type": self.key_type,
            "signing_seed": self.signing.seed_bytes(),
            "signing_key_id": self.signing.key_id,
            "age_identity": self.identity.to_string(),
            "created_at": self.created_at,
        }

    @classmethod
    def from_row(cls, row: Any) -> DeviceKeys:
        return cls(
            device_id=row.device_id,
            name=row.name,
            role=row.role,
            key_type=row.key_type,
            signing=SigningKey.from_seed(bytes(row.signing_seed), key_id=bytes(row.signing_key_id)),
            identity=_device_identity(row.age_identity),
            created_at=row.created_at,
        )


def generate(role: str, key_type: str, name: str | None = None) -> DeviceKeys:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if key_type not in KEY_TYPES:
        raise ValueError(f"key type must be one of {', '.join(KEY_TYPES)}")
    device_id = str(uuid.uuid4())
    identity: DeviceIdentity = (
        age.HybridIdentity.generate() if key_type == "pq" else age.X25519Identity.generate()
    )
    return DeviceKeys(
        device_id=device_id,
        # The default name says nothing about the person or place (it crosses machines).
        name=name or f"{role}-{device_id[:8]}",
        role=role,
        key_type=key_type,
        signing=SigningKey.from_seed(os.urandom(32), key_id=os.urandom(8)),
        identity=identity,
        created_at=utc_now(),
    )


def _device_identity(text: str) -> DeviceIdentity:
    identity = age.parse_identity(text)
    if not isinstance(identity, age.X25519Identity | age.HybridIdentity):
        raise ValueError("the stored device identity is not an X25519 or hybrid age key")
    return identity


def fingerprint(signing_key: str, recipient: str) -> str:
    """SHA-256 over both public keys, 20 bytes as five groups of eight hex digits."""
    digest = (
        hashlib.sha256(f"fieldreport-device-v1\n{signing_key}\n{recipient}\n".encode())
        .hexdigest()[:40]
        .upper()
    )
    return "-".join(digest[i : i + 8] for i in range(0, 40, 8))
