"""The write side of `bundle import`: one transaction, filled while the bundle still streams.

Reports come first in a bundle's tar and attachments after them. As soon as the signed
manifest is verified, this thread opens the import's one write transaction and adds each
report file the reader has matched against the manifest — parsing, validating and indexing
10k revisions overlaps with decrypting and staging a gigabyte of attachments. Nothing becomes
visible before every check of the whole bundle has passed: the transaction commits only when
the reader reached the authenticated end of the stream (`commit`); any refusal rolls it back
(`abort`), so a refused bundle leaves the store exactly as it was.

The write lock is held from the manifest to the end of the bundle: other writers (a draft
being autosaved) wait, up to the store's busy timeout.
"""

from __future__ import annotations

import collections
import queue
import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.manifest import Manifest
from fieldreport.bundle.reader import ReadBundle
from fieldreport.bundle.revision_parser import Pending, RevisionParser
from fieldreport.store import reports
from fieldreport.store.imported import ImportedRevision
from fieldreport.store.store import Store
from fieldreport.store.tables import ATTACHMENT, BUNDLE, REVISION, TRUSTED_DEVICE
from fieldreport.store.timeutil import utc_now

QUEUE_DEPTH = 256  # report files waiting to be parsed: at most 256 MiB, a few MB in practice
MAX_PENDING = 8  # batches handed to the parser and not written yet (a few MB)


@dataclass
class Counts:
    new_revisions: int = 0
    known_revisions: int = 0
    history_only: int = 0
    attachments: int = 0
    missing_before: int = 0
    duplicate: bool = False
    used_blobs: set[str] = field(default_factory=set)  # staged files the rows now reference


class _Rollback(Exception):
    """Leave the transaction without committing (a duplicate, or the reader gave up)."""


@dataclass(frozen=True)
class _Finish:
    read: ReadBundle


_ABORT = object()


class ImportWriter:
    """A thread holding the import's write transaction; the reader feeds it report files."""

    def __init__(self, store: Store, manifest: Manifest) -> None:
        self._store = store
        self._manifest = manifest
        self.counts = Counts()
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=QUEUE_DEPTH)
        self._error: BaseException | None = None
        self._last_taken = False  # the _Finish or _ABORT item was taken off the queue
        # attachment id → (report id, its entry in the body): rows written at the end, once
        # every staged file is known.
        self._wanted: dict[str, tuple[str, dict[str, Any]]] = {}
        self._thread = threading.Thread(target=self._run, name="bundle-import", daemon=True)
        self._thread.start()

    # ----- the reading thread's side ---------------------------------------------------------
    def add(self, revision_id: str, data: bytes) -> None:
        """Queue one verified report file; raises at once if the writer has refused."""
        self._raise_if_failed()
        self._queue.put((revision_id, data))

    def commit(self, read: ReadBundle) -> Counts:
        """The whole bundle verified: write what is left and commit (or raise)."""
        self._queue.put(_Finish(read))
        self._thread.join()
        self._raise_if_failed()
        return self.counts

    def abort(self) -> None:
        """The reader refused the bundle: roll back and wait for the thread to end."""
        if self._thread.is_alive():
            self._queue.put(_ABORT)
            self._thread.join()

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    # ----- the writing thread ----------------------------------------------------------------
    def _run(self) -> None:
        try:
            with self._store.write() as conn:
                self._write(conn)
        except _Rollback:
            pass
        except BaseException as exc:  # handed to the reading thread
            self._error = exc
            if not self._last_taken:
                self._drain()

    def _drain(self) -> None:
        """After a refusal, keep taking items so the reader never blocks on a full queue."""
        while True:
            item = self._queue.get()
            if item is _ABORT or isinstance(item, _Finish):
                return

    def _write(self, conn: Any) -> None:
        manifest = self._manifest
        seen = conn.execute(
            select(BUNDLE.c.direction, BUNDLE.c.sha256, BUNDLE.c.device_id).where(
                BUNDLE.c.id == manifest.bundle_id
            )
        ).first()
        if seen is not None and seen.direction == "out":
            raise BundleError(
                "this bundle was exported by this device; there is nothing to import",
                reason="own-bundle",
            )
        parser = RevisionParser(manifest.device_id, len(manifest.revisions))
        try:
            item = self._parse_all(conn, parser, skip=seen is not None)
        finally:
            parser.close()
        read = item.read
        if seen is not None:
            if (seen.sha256, seen.device_id) != (read.sha256, manifest.device_id):
                raise BundleError(
                    "another bundle with this bundle id was already imported; refusing this "
                    "one (a device never reuses an id)",
                    reason="conflict",
                )
            self.counts.duplicate = True
            raise _Rollback
        self.counts.attachments = _add_attachments(conn, self._wanted, read, self.counts)
        self.counts.missing_before = _record(conn, read)

    def _parse_all(self, conn: Any, parser: RevisionParser, *, skip: bool) -> _Finish:
        """Batches of report files go to the parser; their revisions are written in the
        order they came, as soon as each batch is parsed (at the latest when MAX_PENDING
        batches wait)."""
        pending: collections.deque[Pending] = collections.deque()
        batch: list[tuple[str, bytes]] = []
        while True:
            item = self._queue.get()
            self._last_taken = item is _ABORT or isinstance(item, _Finish)
            if item is _ABORT:
                raise _Rollback
            if isinstance(item, _Finish):
                break
            if skip:
                continue  # already imported: decided at the end, once the file hash is known
            batch.append(item)
            if len(batch) >= reports.IMPORT_BATCH:
                pending.append(parser.submit(batch))
                batch = []
            while pending and (pending[0].done() or len(pending) > MAX_PENDING):
                self._flush(conn, pending.popleft().result())
        if batch:
            pending.append(parser.submit(batch))
        while pending:
            self._flush(conn, pending.popleft().result())
        return item

    def _flush(self, conn: Any, batch: list[ImportedRevision]) -> None:
        if not batch:
            return
        known = _known_revisions(conn, batch)
        new = [rev for rev in batch if rev.id not in known]
        outcomes = reports.import_revisions(conn, new)
        self.counts.known_revisions += len(known)
        self.counts.new_revisions += len(new)
        self.counts.history_only += sum(1 for o in outcomes.values() if o == "history")
        for rev in new:
            for att in rev.attachments:
                self._wanted.setdefault(att["id"], (rev.report_id, att))


def _known_revisions(conn: Any, revisions: list[ImportedRevision]) -> set[str]:
    by_id = {r.id: r for r in revisions}
    rows = conn.execute(
        select(REVISION.c.id, REVISION.c.content_hash).where(REVISION.c.id.in_(list(by_id)))
    ).all()
    for row in rows:
        if by_id[row.id].content_hash != row.content_hash:
            raise BundleError(
                f"revision {row.id} differs from the copy already stored; refusing the bundle",
                reason="conflict",
            )
    return {row.id for row in rows}


def _add_attachments(
    conn: Any, wanted: dict[str, tuple[str, dict[str, Any]]], read: ReadBundle, counts: Counts
) -> int:
    if not wanted:
        return 0
    ids = list(wanted)
    have: set[str] = set()
    for start in range(0, len(ids), reports.IMPORT_BATCH):
        chunk = ids[start : start + reports.IMPORT_BATCH]
        found = conn.execute(select(ATTACHMENT.c.id).where(ATTACHMENT.c.id.in_(chunk)))
        have.update(row.id for row in found)
    missing_shas = {
        att["sha256"]
        for aid, (_, att) in wanted.items()
        if aid not in have and att["sha256"] not in read.staged
    }
    known_blobs: dict[str, tuple[str, bytes, int]] = {}
    if missing_shas:
        for row in conn.execute(
            select(
                ATTACHMENT.c.sha256, ATTACHMENT.c.blob, ATTACHMENT.c.file_key, ATTACHMENT.c.size
            ).where(ATTACHMENT.c.sha256.in_(list(missing_shas)))
        ):
            known_blobs[row.sha256] = (row.blob, bytes(row.file_key), row.size)
    rows = []
    for aid, (report_id, att) in wanted.items():
        if aid in have:
            continue
        staged = read.staged.get(att["sha256"])
        if staged is not None:
            if staged.size != att["size"]:
                raise BundleError(
                    f"attachment {aid} claims {att['size']} bytes; its file has {staged.size}",
                    reason="tampered",
                )
            blob_name, key = staged.blob, staged.file_key
            counts.used_blobs.add(att["sha256"])
        elif att["sha256"] in known_blobs:
            blob_name, key, size = known_blobs[att["sha256"]]
            if size != att["size"]:
                raise BundleError(
                    f"attachment {aid} claims {att['size']} bytes; the same file here has {size}",
                    reason="tampered",
                )
        else:
            raise BundleError(
                f"attachment {aid} is neither in the bundle nor already here", reason="tampered"
            )
        rows.append(
            {
                "id": aid,
                "report_id": report_id,
                "name": att["name"],
                "media_type": att["media_type"],
                "size": att["size"],
                "sha256": att["sha256"],
                "blob": blob_name,
                "file_key": key,
                "created_at": utc_now(),
            }
        )
    if rows:
        conn.execute(insert(ATTACHMENT), rows)
    return len(rows)


def _record(conn: Any, read: ReadBundle) -> int:
    manifest = read.manifest
    row = conn.execute(
        select(TRUSTED_DEVICE.c.last_sequence).where(
            TRUSTED_DEVICE.c.device_id == manifest.device_id
        )
    ).first()
    last = row.last_sequence if row else 0
    missing = max(0, manifest.sequence - last - 1)
    conn.execute(
        insert(BUNDLE).values(
            id=manifest.bundle_id,
            direction="in",
            device_id=manifest.device_id,
            sequence=manifest.sequence,
            sha256=read.sha256,
            previous=manifest.previous,
            created_at=manifest.created_at,
            recorded_at=utc_now(),
            revisions=len(manifest.revisions),
            size=read.size,
            missing_before=missing,
        )
    )
    if row is not None and manifest.sequence > last:
        conn.execute(
            update(TRUSTED_DEVICE)
            .where(TRUSTED_DEVICE.c.device_id == manifest.device_id)
            .values(last_sequence=manifest.sequence)
        )
    return missing
