"""Removing metadata from photos before they are attached (EXIF, GPS, XMP, IPTC, comments).

A photo taken on a phone often carries where and when it was taken and which phone took it:
a checkpoint search that finds one can place its author. JPEG and PNG are rewritten without
those segments; the pixels are untouched (no re-encoding). Other files pass unchanged.
Pure functions on bytes: nothing is written to disk in the clear.
"""

from __future__ import annotations

import struct

JPEG_SOI = b"\xff\xd8"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# APP1 (Exif, XMP), APP2…APP15 except APP14 (Adobe colour transform, needed to decode), COM.
_JPEG_DROPPED = {0xE1, *range(0xE2, 0xEE), 0xEF, 0xFE}
_PNG_DROPPED = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


class ScrubError(ValueError):
    """The file claims to be a JPEG or PNG but its structure is broken."""


def is_scrubbable(data: bytes) -> bool:
    return data.startswith(JPEG_SOI) or data.startswith(PNG_SIGNATURE)


def scrub(data: bytes) -> bytes:
    """The file without its metadata (JPEG, PNG); any other file unchanged."""
    if data.startswith(JPEG_SOI):
        return _scrub_jpeg(data)
    if data.startswith(PNG_SIGNATURE):
        return _scrub_png(data)
    return data


def _scrub_jpeg(data: bytes) -> bytes:
    out = bytearray(JPEG_SOI)
    pos = 2
    while pos < len(data):
        if data[pos] != 0xFF:
            raise ScrubError("not a valid JPEG: a segment marker is missing")
        marker = data[pos + 1] if pos + 1 < len(data) else None
        if marker is None:
            raise ScrubError("not a valid JPEG: it ends inside a marker")
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the image data follows to the end
            out += data[pos:]
            return bytes(out)
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            out += data[pos : pos + 2]
            pos += 2
            continue
        if marker == 0xD9:
            out += data[pos : pos + 2]
            return bytes(out)
        if pos + 4 > len(data):
            raise ScrubError("not a valid JPEG: a segment is cut short")
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if length < 2 or end > len(data):
            raise ScrubError("not a valid JPEG: a segment length is wrong")
        if marker not in _JPEG_DROPPED:
            out += data[pos:end]
        pos = end
    raise ScrubError("not a valid JPEG: no image data")


def _scrub_png(data: bytes) -> bytes:
    out = bytearray(PNG_SIGNATURE)
    pos = len(PNG_SIGNATURE)
    while pos < len(data):
        if pos + 8 > len(data):
            raise ScrubError("not a valid PNG: a chunk is cut short")
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ScrubError("not a valid PNG: a chunk length is wrong")
        if kind not in _PNG_DROPPED:
            out += data[pos:end]
        pos = end
        if kind == b"IEND":
            return bytes(out)
    raise ScrubError("not a valid PNG: no end chunk")
