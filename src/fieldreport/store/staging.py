"""Staging a bundle's attachments into the store while the bundle is being read.

The reading thread hands each attachment over as it unpacks it (`add`) and goes straight on
to the next member; one thread of this stager hashes, encrypts and writes the files, one
after the other, and a second one fsyncs each finished file. Nothing waits for a file to be
finished: waiting for each of a large bundle's hundreds of files to drain left both cores
idle for a second of every import.

When a file is complete its result (name, key, size, SHA-256) goes to the `done` callback
given with it, in the stager's thread: the reader checks it against the signed manifest
there. A `done` that raises stops the staging, and the reading thread gets that error at its
next call. `done` returning False drops the file (the same content was staged already).

Files are written under temporary names and renamed when complete; `wait_durable` returns
once every one of them and the folder are on disk. `discard` removes everything staged.
"""

from __future__ import annotations

import hashlib
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from fieldreport.fsutil import fsync_dir
from fieldreport.store.attachments import AttachmentFiles, NewFile, StoredBlob

READ_SIZE = 256 * 1024  # per read from the bundle's stream: few calls through its layers
DEPTH = 16  # reads in flight between the threads: 4 MiB at most
WRITE_BUFFER = 1 << 20  # encrypted chunks go to disk in 1 MiB writes, not 64 KiB ones


class Readable(Protocol):
    def read(self, n: int = -1, /) -> bytes: ...


Done = Callable[[StoredBlob], bool]


@dataclass(frozen=True)
class _Begin:
    done: Done


@dataclass(frozen=True)
class _Open:
    """The file the stager's thread is writing, with its `done` and its running hash."""

    file: NewFile
    done: Done
    digest: Any


_END = object()  # the current file is complete
_STOP = object()  # no more files


class AttachmentStager:
    """Stage files into `files` in a background thread; see the module's docstring."""

    def __init__(self, files: AttachmentFiles) -> None:
        self._files = files
        files.ensure_folder()
        self._queue: queue.Queue[object] = queue.Queue(maxsize=DEPTH)
        self._failure: BaseException | None = None
        self._kept: list[str] = []  # files renamed into place, in the order they were added
        self._syncing = _Syncer(files)
        self._thread = threading.Thread(target=self._run, name="attachment-stager", daemon=True)
        self._thread.start()

    # ----- the reading thread's side ---------------------------------------------------------
    def add(self, src: Readable, done: Done) -> None:
        """Stage everything readable from `src`; `done(result)` follows in the stager's thread."""
        self._raise_if_failed()
        self._queue.put(_Begin(done))
        while chunk := src.read(READ_SIZE):
            self._queue.put(chunk)
            if self._failure is not None:
                break
        self._queue.put(_END)
        self._raise_if_failed()

    def finish(self) -> None:
        """Wait until every file added is written and `done` ran; raise the first failure."""
        self._stop()
        self._raise_if_failed()

    def wait_durable(self) -> None:
        """Wait until every staged file and the folder are on disk (after `finish`)."""
        self._syncing.finish()

    def discard(self) -> None:
        """Remove every file staged (the bundle is refused, or its commit failed)."""
        self._stop()
        self._syncing.stop()
        for blob in self._kept:
            self._files.remove(blob)
        self._kept.clear()

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join()

    def _raise_if_failed(self) -> None:
        if self._failure is not None:
            raise self._failure

    # ----- the stager's thread ---------------------------------------------------------------
    def _run(self) -> None:
        current: _Open | None = None
        while (item := self._queue.get()) is not _STOP:
            if self._failure is not None:
                continue  # keep taking items: the reading thread must never block on put
            try:
                if isinstance(item, _Begin):
                    new = self._files.create(buffering=WRITE_BUFFER)
                    current = _Open(new, item.done, hashlib.sha256())
                elif item is _END:
                    assert current is not None
                    finished, current = current, None
                    self._complete(finished.file, finished.digest.hexdigest(), finished.done)
                else:
                    assert current is not None and isinstance(item, bytes)
                    current.digest.update(item)
                    current.file.write(item)
            except BaseException as exc:  # handed to the reading thread
                self._failure = exc
                if current is not None:
                    current.file.abandon()
                    current = None
        if current is not None:  # stopped in the middle of a file
            current.file.abandon()

    def _complete(self, new: NewFile, sha256: str, done: Done) -> None:
        result = new.commit(sha256, sync=False)
        self._kept.append(result.blob)  # before done(): discard() must find it if done raises
        if done(result):
            self._syncing.add(result.blob)
        else:
            self._kept.pop()
            self._files.remove(result.blob)


class _Syncer:
    """fsyncs finished files one by one in a thread of its own, so that an import's hundreds
    of fsyncs overlap with reading the rest of the bundle instead of queueing up before its
    commit."""

    def __init__(self, files: AttachmentFiles) -> None:
        self._files = files
        self._pending: queue.Queue[str | None] = queue.Queue()
        self._failure: BaseException | None = None
        self._count = 0
        self._thread = threading.Thread(target=self._run, name="attachment-sync", daemon=True)
        self._thread.start()

    def add(self, blob: str) -> None:
        self._count += 1
        self._pending.put(blob)

    def _run(self) -> None:
        while (blob := self._pending.get()) is not None:
            if self._failure is None:
                try:
                    self._files.fsync_one(blob)
                except BaseException as exc:  # re-raised by finish()
                    self._failure = exc

    def stop(self) -> None:
        if self._thread.is_alive():
            self._pending.put(None)
            self._thread.join()

    def finish(self) -> None:
        self.stop()
        if self._failure is not None:
            raise self._failure
        if self._count:
            fsync_dir(self._files.folder)
