"""A strict, streaming USTAR writer and reader for regular files only.

We write nothing but regular files with short names, so the reader can refuse everything
else outright: links, devices, folders, PAX/GNU extension headers, names with a prefix field,
bad checksums. Standard `tar -x` reads what the writer produces.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

BLOCK = 512
_END = b"\0" * (2 * BLOCK)


class TarFormatError(Exception):
    """The tar stream is malformed or holds something other than regular files."""


class _Reader(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Writer(Protocol):
    def write(self, data: bytes, /) -> int: ...


def _octal(value: int, width: int) -> bytes:
    return f"{value:0{width - 1}o}".encode() + b"\0"


def header(name: str, size: int, mtime: int) -> bytes:
    encoded = name.encode("ascii")
    if len(encoded) > 100:
        raise ValueError(f"tar member name too long: {name}")
    block = bytearray(BLOCK)
    block[0 : len(encoded)] = encoded
    block[100:108] = _octal(0o600, 8)
    block[108:116] = _octal(0, 8)
    block[116:124] = _octal(0, 8)
    block[124:136] = _octal(size, 12)
    block[136:148] = _octal(mtime, 12)
    block[148:156] = b" " * 8
    block[156:157] = b"0"
    block[257:265] = b"ustar\x0000"
    checksum = sum(block)
    block[148:156] = f"{checksum:06o}".encode() + b"\0 "
    return bytes(block)


def padding(size: int) -> bytes:
    return b"\0" * (-size % BLOCK)


def end_of_archive() -> bytes:
    return _END


def _read_exactly(src: _Reader, n: int) -> bytes:
    parts, remaining = [], n
    while remaining:
        part = src.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def _parse_octal(field: bytes, what: str) -> int:
    text = field.rstrip(b"\0 ").lstrip(b" ")
    if not text or any(c not in b"01234567" for c in text):
        raise TarFormatError(f"tar header has a malformed {what}")
    return int(text, 8)


@dataclass(frozen=True)
class Member:
    name: str
    size: int


def parse_header(block: bytes) -> Member | None:
    """A regular-file member, or None at the end-of-archive marker."""
    if block == b"\0" * BLOCK:
        return None
    stored = _parse_octal(block[148:156], "checksum")
    computed = sum(block[:148]) + 8 * 32 + sum(block[156:])
    if stored != computed:
        raise TarFormatError("tar header checksum does not match")
    if block[257:263] not in (b"ustar\x00", b"ustar "):
        raise TarFormatError("not a USTAR tar header")
    kind = block[156:157]
    if kind not in (b"0", b"\0"):
        names = {
            b"1": "hard link",
            b"2": "symbolic link",
            b"3": "character device",
            b"4": "block device",
            b"5": "folder",
            b"6": "FIFO",
            b"x": "PAX header",
            b"g": "PAX global header",
            b"L": "GNU long name",
            b"K": "GNU long link",
        }
        raise TarFormatError(f"tar member is a {names.get(kind, 'special entry')}, not a file")
    if block[345:500].strip(b"\0"):
        raise TarFormatError("tar member uses the USTAR name prefix")
    raw_name = block[0:100].split(b"\0", 1)[0]
    try:
        name = raw_name.decode("ascii")
    except UnicodeDecodeError:
        raise TarFormatError("tar member name is not ASCII") from None
    return Member(name=name, size=_parse_octal(block[124:136], "size"))


class MemberReader:
    """Reads exactly one member's data from the stream, then its padding."""

    def __init__(self, src: _Reader, size: int) -> None:
        self._src = src
        self.remaining = size
        self._size = size

    def read(self, n: int = -1, /) -> bytes:
        if self.remaining <= 0:
            return b""
        want = self.remaining if n < 0 else min(n, self.remaining)
        data = self._src.read(want)
        if not data:
            raise TarFormatError("tar stream ends inside a member")
        self.remaining -= len(data)
        return data

    def read_all(self) -> bytes:
        """The whole member (callers check its size against their cap first)."""
        parts = []
        while chunk := self.read(1 << 16):
            parts.append(chunk)
        return b"".join(parts)

    def finish(self) -> None:
        """Skip unread data and the padding, so the next header can be read."""
        while self.remaining:
            if not self.read(1 << 16):
                break
        pad = -self._size % BLOCK
        if pad and len(_read_exactly(self._src, pad)) != pad:
            raise TarFormatError("tar stream ends inside padding")


def iter_members(src: _Reader) -> Iterator[tuple[Member, MemberReader]]:
    """Yield each member with a reader for its data; ends at the end-of-archive marker."""
    while True:
        block = _read_exactly(src, BLOCK)
        if len(block) != BLOCK:
            raise TarFormatError("tar stream ends without its end-of-archive marker")
        member = parse_header(block)
        if member is None:
            second = _read_exactly(src, BLOCK)
            if second != b"\0" * BLOCK:
                raise TarFormatError("tar end-of-archive marker is incomplete")
            return
        reader = MemberReader(src, member.size)
        yield member, reader
        reader.finish()


def write_member(dst: _Writer, name: str, size: int, mtime: int, chunks: Iterator[bytes]) -> int:
    """Write one member from `chunks`; returns the bytes of data written (must equal size)."""
    dst.write(header(name, size, mtime))
    written = 0
    for chunk in chunks:
        written += len(chunk)
        if written > size:
            raise ValueError(f"{name}: more data than announced ({size} bytes)")
        dst.write(chunk)
    if written != size:
        raise ValueError(f"{name}: {written} bytes written, {size} announced")
    dst.write(padding(size))
    return written
