"""Reading a bundle file ahead, and hashing it, in a thread of its own.

Its SHA-256 names the bundle in receipts. File reads and hashlib release the GIL, so this
overlaps with decrypting and unpacking in the calling thread, a few blocks ahead at most.
(Decrypting ahead in a third thread as well was measured: no faster on two cores, and 6 MB
more memory.)
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Callable
from typing import Any


class ReadAhead:
    """A readable over blocks produced by `produce()` in a background thread (b"" ends them).

    `read(n)` returns at most n bytes and may return fewer at a block's end (like a raw file:
    callers that need exactly n bytes loop); whole blocks are handed out without a copy. An
    error raised by `produce` is raised by `read`, then again by every later read, so a caller
    that swallowed it never sees a clean end instead.
    """

    def __init__(self, produce: Callable[[], bytes], *, depth: int, name: str) -> None:
        self._produce = produce
        self._queue: queue.Queue[bytes | BaseException] = queue.Queue(maxsize=depth)
        self._block = b""
        self._offset = 0
        self._eof = False
        self._error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    # ----- the producing thread --------------------------------------------------------------
    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                block = self._produce()
                self._put(block)
                if not block:
                    return
        except BaseException as exc:  # handed to the reading thread
            self._put(exc)

    def _put(self, item: bytes | BaseException) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    # ----- the reading thread ----------------------------------------------------------------
    def _next_block(self) -> bool:
        """Make the next block current; False at the end."""
        item = self._queue.get()
        if isinstance(item, BaseException):
            self._error = item
            raise item
        if not item:
            self._eof = True
            return False
        self._block, self._offset = item, 0
        return True

    def read(self, n: int = -1, /) -> bytes:
        if self._error is not None:
            raise self._error
        if self._offset >= len(self._block) and (self._eof or not self._next_block()):
            return b""
        if n < 0:
            parts = [self._block[self._offset :]]
            while self._next_block():
                parts.append(self._block)
            self._offset = len(self._block)
            return b"".join(parts)
        if self._offset == 0 and n >= len(self._block):
            self._offset = len(self._block)
            return self._block
        end = min(len(self._block), self._offset + n)
        data = self._block[self._offset : end]
        self._offset = end
        return data

    def close(self) -> None:
        """Stop the thread (also when the reader gives up before the end)."""
        self._stop.set()
        self._thread.join()


class HashedFile:
    """Reads a file in 1 MiB blocks and hashes them: the producer behind a bundle's file."""

    BLOCK = 1 << 20

    def __init__(self, src: Any) -> None:
        self._src = src
        self.digest = hashlib.sha256()
        self.size = 0

    def __call__(self) -> bytes:
        block: bytes = self._src.read(self.BLOCK)
        self.digest.update(block)
        self.size += len(block)
        return block
