"""A byte source with look-ahead, so the header parser never reads past the header.

The header is line-oriented and the payload follows it directly; reading the raw file in
blocks means some payload bytes get read early. They stay buffered here and are handed to
the payload reader first. Also used to sniff for ASCII armor without consuming anything.
"""

from __future__ import annotations

from typing import Protocol

_BLOCK = 16 * 1024


class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


class Source:
    def __init__(self, raw: Readable) -> None:
        self._raw = raw
        self._buf = b""
        self._off = 0
        self._eof = False

    def _available(self) -> int:
        return len(self._buf) - self._off

    def _fill(self, n: int) -> None:
        """Try to buffer at least `n` unread bytes (fewer only at end of input)."""
        if self._available() >= n or self._eof:
            return
        parts = [self._buf[self._off :]]
        have = self._available()
        while have < n:
            block = self._raw.read(max(_BLOCK, n - have))
            if not block:
                self._eof = True
                break
            parts.append(block)
            have += len(block)
        self._buf = b"".join(parts)
        self._off = 0

    def peek(self, n: int) -> bytes:
        self._fill(n)
        return self._buf[self._off : self._off + n]

    def skip(self, n: int) -> None:
        self._fill(n)
        self._off += min(n, self._available())

    def readline(self, limit: int) -> bytes:
        """Read through the next LF, but never more than `limit` bytes.

        The result lacks the LF when the line is longer than `limit` or input ended first;
        the caller tells the two apart by the length.
        """
        start = self._off
        searched = 0
        while True:
            end = self._buf.find(b"\n", start + searched, start + limit)
            if end >= 0:
                line = self._buf[start : end + 1]
                self._off = end + 1
                return line
            searched = self._available()
            if searched >= limit or self._eof:
                break
            self._fill(searched + 1)
            start = self._off
        n = min(limit, self._available())
        line = self._buf[self._off : self._off + n]
        self._off += n
        return line

    def read(self, n: int = -1, /) -> bytes:
        if n == 0:
            return b""
        if n < 0:
            rest = [self._buf[self._off :]]
            self._buf, self._off = b"", 0
            while block := self._raw.read(_BLOCK):
                rest.append(block)
            self._eof = True
            return b"".join(rest)
        if self._available() == 0 and not self._eof:
            # Pass large payload reads straight through instead of copying via the buffer.
            self._buf, self._off = b"", 0
            data = self._raw.read(n)
            if not data:
                self._eof = True
            return data
        out = self._buf[self._off : self._off + n]
        self._off += len(out)
        return out
