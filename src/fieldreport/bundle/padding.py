"""Padding of the age payload, so a bundle's size says little about how much it carries.

The compressed tar is followed by zstd *skippable frames* (RFC 8878 §3.1.2: magic
0x184D2A50, a 4-byte little-endian length, that many bytes) of zeros, inside the encryption.
Every zstd decoder — `zstd -d`, libzstd, this program's reader — skips them, so the
`age -d | zstd -d | tar -x` recipe is unchanged.

The padded length is Padmé's (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files
and Communication with PURBs", PETS 2019): at most 12 % larger, usually far less, and it
leaks O(log log L) bits of the length instead of log L. Below 64 KiB everything is padded to
64 KiB, so a field bundle of one report looks like one of thirty.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

SKIPPABLE_MAGIC = 0x184D2A50
SKIPPABLE_HEADER = 8
MAX_SKIPPABLE_CONTENT = 0xFFFFFFFF
MIN_PADDED = 64 * 1024
_PIECE = 64 * 1024  # zeros handed to the encryptor at a time: memory stays flat


def padme(length: int) -> int:
    """The smallest Padmé length ≥ `length`: keep the top bits, round the low ones up."""
    if length < 2:
        return length
    exponent = length.bit_length() - 1
    low_bits = exponent - exponent.bit_length()
    mask = (1 << low_bits) - 1
    return (length + mask) & ~mask


def padded_length(payload: int) -> int:
    """Total payload length after padding (a skippable frame needs at least its header)."""
    return max(MIN_PADDED, padme(payload + SKIPPABLE_HEADER))


def skippable_frames(payload: int) -> Iterator[bytes]:
    """The bytes to append after `payload` bytes of zstd data, in pieces of at most 64 KiB."""
    remaining = padded_length(payload) - payload
    while remaining > 0:
        content = min(remaining - SKIPPABLE_HEADER, MAX_SKIPPABLE_CONTENT)
        yield struct.pack("<II", SKIPPABLE_MAGIC, content)
        remaining -= SKIPPABLE_HEADER + content
        zeros = bytes(min(content, _PIECE))
        while content > 0:
            piece = zeros if content >= len(zeros) else zeros[:content]
            yield piece
            content -= len(piece)
