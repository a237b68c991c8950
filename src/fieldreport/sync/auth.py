"""Request signatures between a device and the relay (docs/relay-protocol.md).

Every device request carries an Ed25519 signature, made with the device's minisign signing
key, over one canonical text: the method, the path with its query, the time, a random nonce,
the device id and the SHA-256 of the body. The relay checks it before storing anything, so a
request cannot be forged, altered in flight, moved to another path or replayed (the relay
keeps the nonces it saw for as long as a timestamp is acceptable).

Field laptops' clocks are often wrong by hours: the time in the signature is the *server's*
time as the device estimates it (its own clock plus an offset learnt from the relay's
`X-FR-Server-Time` header), never the raw device clock. Both sides import this module, so the
canonical text cannot drift between client and server.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PublicKey,
)

from fieldreport.crypto.minisign import PublicKey, SigningKey

SCHEME = "fieldreport-request-v1"
HEADER_DEVICE = "X-FR-Device"
HEADER_TIME = "X-FR-Time"
HEADER_NONCE = "X-FR-Nonce"
HEADER_SIGNATURE = "X-FR-Signature"
HEADER_SERVER_TIME = "X-FR-Server-Time"  # on every relay response: the clock devices follow
DEFAULT_WINDOW_SECONDS = 300  # a signature is accepted this long either side of server time

_NONCE = re.compile(r"^[0-9a-f]{32}$")
_DEVICE = re.compile(r"^[0-9a-f-]{36}$")
_TIME = re.compile(r"^[0-9]{1,12}$")


class AuthError(Exception):
    """A request the relay must refuse; `reason` is a stable word clients act on."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class RequestSignature:
    device_id: str
    timestamp: int
    nonce: str
    signature: bytes


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def canonical_text(
    method: str, path: str, timestamp: int, nonce: str, device_id: str, digest: str
) -> bytes:
    """What is signed. `path` is the request target as sent: path plus `?query` if any."""
    return "\n".join(
        (SCHEME, method.upper(), path, str(timestamp), nonce, device_id, digest)
    ).encode()


def sign_request(
    key: SigningKey,
    device_id: str,
    method: str,
    path: str,
    body: bytes,
    timestamp: int,
    nonce: str | None = None,
) -> dict[str, str]:
    """The headers to add to one request (a fresh nonce unless one is given, for tests)."""
    nonce = nonce or secrets.token_hex(16)
    text = canonical_text(method, path, timestamp, nonce, device_id, body_digest(body))
    # minisign keys are Ed25519 seeds: sign the short canonical text directly (no prehash).
    raw = key.sign_ed25519(text)
    return {
        HEADER_DEVICE: device_id,
        HEADER_TIME: str(timestamp),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: base64.b64encode(raw).decode(),
    }


def parse_headers(headers: Mapping[str, str]) -> RequestSignature:
    """The signature fields of a request, or AuthError("unsigned"/"malformed")."""
    lowered = {k.lower(): v for k, v in headers.items()}
    names = (HEADER_DEVICE, HEADER_TIME, HEADER_NONCE, HEADER_SIGNATURE)
    values = [lowered.get(n.lower()) for n in names]
    if any(v is None for v in values):
        raise AuthError("the request is not signed by a device", "unsigned")
    device_id, timestamp, nonce, signature = (str(v) for v in values)
    if not (_DEVICE.match(device_id) and _TIME.match(timestamp) and _NONCE.match(nonce)):
        raise AuthError("the request's signature headers are malformed", "malformed")
    try:
        raw = base64.b64decode(signature, validate=True)
    except (binascii.Error, ValueError):
        raise AuthError("the request's signature is not base64", "malformed") from None
    if len(raw) != 64:
        raise AuthError("the request's signature has the wrong length", "malformed")
    return RequestSignature(device_id, int(timestamp), nonce, raw)


def check_time(sig: RequestSignature, now: int, window: int = DEFAULT_WINDOW_SECONDS) -> None:
    if abs(sig.timestamp - now) > window:
        raise AuthError(
            "the request's time is outside the accepted window; follow the server time",
            "stale",
        )


def verify_request(
    sig: RequestSignature,
    key: PublicKey,
    method: str,
    path: str,
    body: bytes,
) -> None:
    """Raise AuthError("bad-signature") unless `sig` signs exactly this request."""
    text = canonical_text(method, path, sig.timestamp, sig.nonce, sig.device_id, body_digest(body))
    try:
        Ed25519PublicKey.from_public_bytes(key.public_bytes).verify(sig.signature, text)
    except InvalidSignature:
        raise AuthError("the request's signature does not verify", "bad-signature") from None
