"""Unpadded, canonical base64 as the age header uses it (RFC 4648 section 4, no `=`).

Canonical matters: a decoder that accepted non-zero trailing bits or padding would let a
header be re-encoded into different bytes with the same meaning, so both are refused.
"""

from __future__ import annotations

import base64
import binascii

ALPHABET = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")


def encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def is_base64_text(data: bytes) -> bool:
    return all(c in ALPHABET for c in data)


def decode(text: str | bytes) -> bytes:
    """Decode unpadded canonical base64; raise ValueError on anything else."""
    raw = text.encode("ascii", "replace") if isinstance(text, str) else bytes(text)
    if not is_base64_text(raw):
        raise ValueError("invalid base64 character")
    if len(raw) % 4 == 1:
        raise ValueError("invalid base64 length")
    try:
        data = base64.b64decode(raw + b"=" * (-len(raw) % 4), validate=True)
    except binascii.Error:
        raise ValueError("invalid base64") from None
    if encode(data).encode("ascii") != raw:
        raise ValueError("non-canonical base64")
    return data
