"""Identifiers: UUID version 7 (time-ordered, RFC 9562), so ids sort by creation."""

from __future__ import annotations

import os
import re
import time
import uuid


def uuid7() -> str:
    """A new UUIDv7 as its canonical lower-case string."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= (rand >> 68) << 64  # 12 bits rand_a
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # 62 bits rand_b
    return str(uuid.UUID(int=value))


_CANONICAL = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def is_uuid(text: str) -> bool:
    """A UUID in its one canonical spelling (lower case, hyphenated): ids are compared as
    strings, so `urn:uuid:…`, braces or upper case would make one id look like two."""
    return isinstance(text, str) and _CANONICAL.match(text) is not None
