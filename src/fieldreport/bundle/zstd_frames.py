"""Following the zstd frame structure of a bundle as its compressed bytes stream by.

libzstd, through python-zstandard's stream reader, ends cleanly when its input stops inside
a frame's 4-byte content checksum: the content decompressed fine, only the checksum is cut.
A bundle cut there is not the bundle that was written, so the reader refuses it. This walker
sees every compressed byte on its way to the decompressor and checks that the stream ends on
a frame boundary, every frame whole (header, blocks, checksum) — without decompressing
anything: block headers give the size of what to skip (RFC 8878 §3.1.1).

Skippable frames (§3.1.2, the bundle's padding) are walked the same way.
"""

from __future__ import annotations

from typing import Any

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.padding import SKIPPABLE_MAGIC

ZSTD_MAGIC = 0xFD2FB528
SKIPPABLE_MASK = 0xFFFFFFF0
_BLOCK_HEADER = 3
_RLE_BLOCK = 1
_RESERVED_BLOCK = 3


def _cut() -> BundleError:
    return BundleError(
        "the bundle's compressed content is cut short (incomplete zstd frame)", reason="damaged"
    )


class FrameWalker:
    """A state machine over the compressed stream: `feed()` every byte, then `finish()`."""

    def __init__(self) -> None:
        self._skip = 0  # bytes of block content, checksum or skippable data still to pass
        self._need = 4  # header bytes wanted before the next decision
        self._header = bytearray()
        self._state = "magic"
        self._checksum = False  # the current frame ends with a 4-byte checksum

    def feed(self, data: bytes) -> None:
        view = memoryview(data)
        pos = 0
        while pos < len(view):
            if self._skip:
                step = min(self._skip, len(view) - pos)
                self._skip -= step
                pos += step
                if self._skip == 0 and self._state == "end-of-frame":
                    self._expect("magic", 4)
                continue
            take = min(self._need - len(self._header), len(view) - pos)
            self._header += view[pos : pos + take]
            pos += take
            if len(self._header) == self._need:
                header, self._header = bytes(self._header), bytearray()
                self._decide(header)

    def finish(self) -> None:
        """The stream ended: it must end between frames."""
        if self._state != "magic" or self._header or self._skip:
            raise _cut()

    # ----- one decision per complete header piece ---------------------------------------------
    def _expect(self, state: str, need: int) -> None:
        self._state, self._need = state, need

    def _decide(self, header: bytes) -> None:
        if self._state == "magic":
            magic = int.from_bytes(header, "little")
            if magic == ZSTD_MAGIC:
                self._expect("descriptor", 1)
            elif magic & SKIPPABLE_MASK == SKIPPABLE_MAGIC:
                self._expect("skippable-size", 4)
            else:
                # Not a frame: the decompressor refuses it too, with its own message.
                raise BundleError("the bundle's compressed content is damaged", reason="damaged")
        elif self._state == "skippable-size":
            self._skip = int.from_bytes(header, "little")
            self._state = "end-of-frame"
            if self._skip == 0:
                self._expect("magic", 4)
        elif self._state == "descriptor":
            self._start_frame(header[0])
        elif self._state == "frame-header-rest":
            self._expect("block", _BLOCK_HEADER)
        elif self._state == "block":
            self._block(int.from_bytes(header, "little"))

    def _start_frame(self, descriptor: int) -> None:
        content_size_flag = descriptor >> 6
        single_segment = bool(descriptor & 0x20)
        self._checksum = bool(descriptor & 0x04)
        dictionary_bytes = (0, 1, 2, 4)[descriptor & 0x03]
        window_bytes = 0 if single_segment else 1
        size_bytes = (1 if single_segment else 0, 2, 4, 8)[content_size_flag]
        rest = window_bytes + dictionary_bytes + size_bytes
        if rest:
            self._expect("frame-header-rest", rest)
        else:
            self._expect("block", _BLOCK_HEADER)

    def _block(self, header: int) -> None:
        last = bool(header & 1)
        kind = (header >> 1) & 3
        size = header >> 3
        if kind == _RESERVED_BLOCK:
            raise BundleError("the bundle's compressed content is damaged", reason="damaged")
        content = 1 if kind == _RLE_BLOCK else size
        trailer = 4 if last and self._checksum else 0
        self._skip = content + trailer
        if last:
            self._state = "end-of-frame"
            if self._skip == 0:
                self._expect("magic", 4)
        else:
            self._expect("block", _BLOCK_HEADER)


class WalkingReader:
    """A readable that feeds what passes through it to a FrameWalker."""

    def __init__(self, src: Any) -> None:
        self._src = src
        self.walker = FrameWalker()

    def read(self, n: int = -1, /) -> bytes:
        data: bytes = self._src.read(n)
        self.walker.feed(data)
        return data
