"""Parsing a bundle's report files, in batches, in this process or in a second one.

Validating 10k imported revisions is pure Python (≈ 1.3 s): done in the import's writing
thread it holds the GIL that the threads decrypting, decompressing and staging attachments
need, and import runs at the speed of whichever is slower. A large bundle therefore has its
report files parsed by one child process (spawned, the same on Linux, Windows and macOS, and
in the packaged program thanks to `multiprocessing.freeze_support()` in the entry point),
on the other core, while this process reads the bundle and writes the rows. A small bundle
is parsed here: starting a child costs more than it saves.

Refusals come back as values, not exceptions, so nothing depends on pickling exception types.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.revision_file import parse_revision
from fieldreport.store.imported import ImportedRevision

PROCESS_THRESHOLD = 2_000  # revisions in the manifest from which a child process pays off
Batch = list[tuple[str, bytes]]
Outcome = list[ImportedRevision] | tuple[str, str]  # the revisions, or (message, reason)


def parse_batch(batch: Batch, device_id: str) -> Outcome:
    try:
        return [parse_revision(data, revision_id, device_id) for revision_id, data in batch]
    except BundleError as exc:
        return (str(exc), exc.reason)


class RevisionParser:
    """Submit batches of report files; take back their parsed revisions, in order."""

    def __init__(self, device_id: str, revisions: int) -> None:
        self._device_id = device_id
        self._pool: ProcessPoolExecutor | None = None
        if revisions >= PROCESS_THRESHOLD:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )

    @property
    def in_process(self) -> bool:
        return self._pool is None

    def submit(self, batch: Batch) -> Pending:
        """Start parsing `batch` (here: parse it now)."""
        if self._pool is None:
            return Pending(outcome=parse_batch(batch, self._device_id))
        return Pending(future=self._pool.submit(parse_batch, batch, self._device_id))

    def close(self) -> None:
        if self._pool is not None:
            # Not waiting: the child exits on its own once told to, while the import commits
            # (waiting for it cost 0.2 s at the end of every large import).
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


class Pending:
    """One submitted batch."""

    def __init__(
        self, *, outcome: Outcome | None = None, future: Future[Outcome] | None = None
    ) -> None:
        self._outcome = outcome
        self._future = future

    def done(self) -> bool:
        return self._future is None or self._future.done()

    def result(self) -> list[ImportedRevision]:
        """The parsed revisions, waiting for them if needed; BundleError when refused."""
        if self._future is not None:
            try:
                self._outcome = self._future.result()
            except BrokenProcessPool:
                raise BundleError(
                    "the helper process that checks the bundle's reports stopped; import the "
                    "bundle again",
                    reason="internal",
                ) from None
        assert self._outcome is not None
        return _unwrap(self._outcome)


def _unwrap(outcome: Outcome) -> list[ImportedRevision]:
    if isinstance(outcome, tuple):
        message, reason = outcome
        raise BundleError(message, reason=reason)
    return outcome
