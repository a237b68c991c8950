"""ASCII armor: strict PEM (RFC 7468 section 3) with the label "AGE ENCRYPTED FILE".

Armor is malleable unless parsed strictly, so only whitespace around the block, LF or CRLF
line endings and canonical padded base64 in 64-column lines are accepted; anything else is
an AgeArmorError. Both directions stream line by line.
"""

from __future__ import annotations

import base64
import binascii

from fieldreport.crypto.age.b64 import ALPHABET
from fieldreport.crypto.age.errors import AgeArmorError, AgeHeaderError
from fieldreport.crypto.age.source import Source
from fieldreport.crypto.stream import Writable

BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
END = b"-----END AGE ENCRYPTED FILE-----"
# Any line of dashes: a mangled BEGIN line is an armor error, not "not an age file".
_PEM_PREFIX = b"-----"
_BINARY_INTRO = b"age-encryption.org/"
_WHITESPACE = b" \t\r\n"
_COLUMNS = 64
_LINE_BYTES = _COLUMNS // 4 * 3
_MAX_LINE = _COLUMNS + 2  # content plus CRLF
_MAX_LEADING_WHITESPACE = 64 * 1024
_GARBAGE_WINDOW = 1024
_TRAILER_BLOCK = 16 * 1024


def detect(src: Source) -> bool:
    """Tell armored input from binary; leading whitespace of armored input is consumed."""
    if src.peek(len(_BINARY_INTRO)) == _BINARY_INTRO:
        return False
    skipped = 0
    while skipped <= _MAX_LEADING_WHITESPACE:
        block = src.peek(4096)
        blank = len(block) - len(block.lstrip(_WHITESPACE))
        src.skip(blank)
        skipped += blank
        if blank < len(block) or not block:
            break
    if src.peek(len(_PEM_PREFIX)) == _PEM_PREFIX:
        return True
    if BEGIN in src.peek(_GARBAGE_WINDOW):
        raise AgeArmorError("unexpected data before the armor's BEGIN line")
    if skipped:
        # Only armored files may start with whitespace; a binary header must be the first
        # byte, or a damaged file would parse after the whitespace was silently dropped.
        raise AgeHeaderError("unexpected whitespace before the age header")
    return False


class ArmorReader:
    """Decodes armored input, read from `src` positioned at the BEGIN line."""

    def __init__(self, src: Source) -> None:
        self._src = src
        self._pending: bytes | None = None
        self._decoded = bytearray()
        self._done = False
        line, _ = self._next_line()
        if line != BEGIN:
            raise AgeArmorError(
                "armor does not start with '-----BEGIN AGE ENCRYPTED FILE-----'"
                " (wrong label, case or spacing)"
            )

    def _next_line(self) -> tuple[bytes | None, bool]:
        """The next line without its end-of-line, and whether it had one."""
        raw = self._src.readline(_MAX_LINE)
        if raw.endswith(b"\n"):
            content = raw[:-1]
            if content.endswith(b"\r"):
                content = content[:-1]
            return content, True
        if len(raw) >= _MAX_LINE:
            raise AgeArmorError(f"armor line longer than {_COLUMNS} characters")
        return (raw or None), False

    def _advance(self) -> None:
        line, had_eol = self._next_line()
        if line == END:
            if self._pending is not None:
                self._decoded += _decode_last_line(self._pending)
                self._pending = None
            self._check_trailer()
            self._done = True
            return
        if line is None or not had_eol:
            raise AgeArmorError("armor is truncated: the END line is missing")
        if self._pending is not None:
            self._decoded += _decode_full_line(self._pending)
        if not line:
            raise AgeArmorError("empty line inside the armor")
        if len(line) > _COLUMNS:
            raise AgeArmorError(f"armor line longer than {_COLUMNS} characters")
        # Only the next line tells whether this one is the last (which may be short).
        self._pending = line

    def _check_trailer(self) -> None:
        while block := self._src.read(_TRAILER_BLOCK):
            if block.strip(_WHITESPACE):
                raise AgeArmorError("unexpected data after the armor's END line")

    def read(self, n: int = -1, /) -> bytes:
        while not self._done and (n < 0 or len(self._decoded) < n):
            self._advance()
        if n < 0 or n >= len(self._decoded):
            out = bytes(self._decoded)
            self._decoded.clear()
        else:
            out = bytes(self._decoded[:n])
            del self._decoded[:n]
        return out


def _check_characters(line: bytes) -> None:
    for c in line:
        if c not in ALPHABET and c != ord("="):
            raise AgeArmorError("invalid character in the armor")


def _decode_full_line(line: bytes) -> bytes:
    _check_characters(line)
    if len(line) != _COLUMNS or b"=" in line:
        raise AgeArmorError(f"armor line shorter than {_COLUMNS} characters before the last line")
    return base64.b64decode(line, validate=True)


def _decode_last_line(line: bytes) -> bytes:
    _check_characters(line)
    if len(line) % 4:
        raise AgeArmorError("armor base64 is missing its '=' padding")
    try:
        data = base64.b64decode(line, validate=True)
    except binascii.Error:
        raise AgeArmorError("invalid base64 padding in the armor") from None
    if base64.b64encode(data) != line:
        raise AgeArmorError("non-canonical base64 in the armor")
    return data


class ArmorWriter:
    """Encodes what is written into armor on `dst`; close() writes the END line."""

    def __init__(self, dst: Writable) -> None:
        self._dst = dst
        self._buf = bytearray()
        self._closed = False
        dst.write(BEGIN + b"\n")

    def write(self, data: bytes | bytearray | memoryview, /) -> int:
        if self._closed:
            raise ValueError("write to a closed ArmorWriter")
        self._buf += data
        whole = len(self._buf) // _LINE_BYTES * _LINE_BYTES
        if whole:
            self._emit(bytes(self._buf[:whole]))
            del self._buf[:whole]
        return len(data)

    def _emit(self, data: bytes) -> None:
        encoded = base64.b64encode(data)
        lines = [encoded[i : i + _COLUMNS] for i in range(0, len(encoded), _COLUMNS)]
        self._dst.write(b"\n".join(lines) + b"\n")

    def flush(self) -> None:
        # A partial line stays buffered: only whole lines can be written before close().
        flush = getattr(self._dst, "flush", None)
        if flush is not None:
            flush()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._buf:
            self._emit(bytes(self._buf))
            self._buf.clear()
        self._dst.write(END + b"\n")
