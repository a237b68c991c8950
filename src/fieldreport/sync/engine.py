"""The sync engine (no Qt): outbox → bundle → resumable upload; mailbox → import → receipt;
receipts and advisories back. The CLI's `sync` and the GUI's worker both drive `run_once`.

A pass never leaves an item silently stuck: every failure is written on the outbox items it
concerns (attempts, last error, next attempt, with backoff and jitter), and a pass skips
bundles whose next attempt has not come yet.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from fieldreport.bundle.export import export_bundle
from fieldreport.errors import FieldReportError
from fieldreport.fsutil import ensure_private_dir
from fieldreport.store.store import Store
from fieldreport.sync import backoff, inbox, incoming, outbox, status
from fieldreport.sync.chunking import AdaptiveChunker
from fieldreport.sync.client import RelayClient, RelayRefused, Unreachable
from fieldreport.sync.uploader import Cancelled, UploadStats, upload_bundle

EXTENSION = ".frb"
PULLING_ROLES = ("coordinator", "analyst")
# Refusals that no retry can fix soon: wait long before asking again.
LASTING_REFUSALS = ("revoked", "unknown-device", "not-author", "sequence-taken", "too-large")

Progress = Callable[[str, int, int], None]


@dataclass
class SyncResult:
    reachable: bool = False
    cancelled: bool = False
    exported_revisions: int = 0
    bundles_uploaded: int = 0
    imported: int = 0
    duplicates: int = 0
    receipts_applied: int = 0
    advisories: int = 0
    errors: list[str] = field(default_factory=list)
    upload: UploadStats = field(default_factory=UploadStats)
    waiting: int = 0  # outbox items not yet "sent" after this pass


class SyncEngine:
    def __init__(
        self,
        store: Store,
        server_url: str,
        *,
        cancel: threading.Event | None = None,
        progress: Progress | None = None,
        transport: httpx.BaseTransport | None = None,
        chunker: AdaptiveChunker | None = None,
    ) -> None:
        self.store = store
        self.cancel = cancel or threading.Event()
        self.progress = progress
        self.chunker = chunker or AdaptiveChunker()  # kept across passes: it learnt the link
        self.outgoing = store.layout.root / "outgoing"
        self.incoming = store.layout.root / "incoming"
        self.client = RelayClient(
            server_url, store.device.device_id, store.device.signing, transport=transport
        )

    def close(self) -> None:
        self.client.close()

    # ----- one pass --------------------------------------------------------------------------
    def run_once(self) -> SyncResult:
        result = SyncResult()
        ensure_private_dir(self.outgoing)
        try:
            self._export(result)
            result.reachable = self.client.probe()
            if not result.reachable:
                self._unreachable("the relay cannot be reached", result)
                return result
            self._upload_all(result)
            if self.store.device.role in PULLING_ROLES:
                self._step(result, self._pull)
            self._step(result, self._receipts)
            self._step(result, self._advisories)
        except Cancelled:
            result.cancelled = True
            result.errors.append("cancelled")
        finally:
            result.waiting = status.waiting_count(self.store)
        return result

    def _step(self, result: SyncResult, step: Callable[[SyncResult], None]) -> None:
        try:
            step(result)
        except (Unreachable, RelayRefused) as exc:
            result.errors.append(str(exc))

    def _say(self, message: str, done: int = 0, total: int = 0) -> None:
        if self.progress:
            self.progress(message, done, total)

    # ----- outbox ----------------------------------------------------------------------------
    def _waiting_files(self) -> dict[str, Path]:
        for stale in self.outgoing.glob(".new-*"):  # an export interrupted before its rename
            stale.unlink()
        return {p.name.removesuffix(EXTENSION): p for p in self.outgoing.glob(f"*{EXTENSION}")}

    def _export(self, result: SyncResult) -> None:
        waiting = list(self._waiting_files())
        if not outbox.count_exportable(self.store, waiting):
            return
        temp = self.outgoing / f".new-{secrets.token_hex(8)}{EXTENSION}"
        try:
            exported = export_bundle(self.store, temp, items=outbox.exportable(waiting))
        except FieldReportError as exc:  # no profile yet, most likely
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            result.errors.append(str(exc))
            outbox.mark_failed(self.store, str(exc), backoff.delay(1), states=(outbox.PENDING,))
            return
        if exported.bundle_id is None:
            return
        temp.replace(self.outgoing / f"{exported.bundle_id}{EXTENSION}")
        result.exported_revisions += exported.revisions

    def _unreachable(self, error: str, result: SyncResult) -> None:
        attempts = outbox.max_attempts(self.store)
        outbox.mark_failed(self.store, error, backoff.delay(attempts + 1))
        result.errors.append(error)

    def _upload_all(self, result: SyncResult) -> None:
        files = self._waiting_files()
        bundles = outbox.bundles_waiting(self.store, list(files))
        live = {b.bundle_id for b in bundles}
        for bundle_id, path in files.items():  # every item already sent or received
            if bundle_id not in live:
                path.unlink()
        now = datetime.now(UTC)
        for index, bundle in enumerate(bundles):
            if not outbox.is_due(self.store, bundle.bundle_id, now):
                continue
            self._say(f"uploading bundle {index + 1} of {len(bundles)}", 0, bundle.size)
            try:
                upload_bundle(
                    self.client,
                    files[bundle.bundle_id],
                    bundle.sha256,
                    bundle.size,
                    self.store.device.device_id,
                    bundle.sequence,
                    chunker=self.chunker,
                    cancel=self.cancel,
                    progress=lambda done, total: self._say("uploading", done, total),
                    stats=result.upload,
                )
            except Unreachable as exc:
                outbox.mark_failed(
                    self.store, str(exc), backoff.delay(bundle.attempts + 1), bundle.bundle_id
                )
                result.errors.append(str(exc))
                return  # the link is down: the other bundles wait for the next pass
            except RelayRefused as exc:
                lasting = exc.reason in LASTING_REFUSALS
                delay = backoff.CAP_SECONDS if lasting else backoff.delay(bundle.attempts + 1)
                outbox.mark_failed(self.store, str(exc), delay, bundle.bundle_id)
                result.errors.append(str(exc))
                continue
            outbox.mark_sent(self.store, bundle.bundle_id)
            files[bundle.bundle_id].unlink()
            result.bundles_uploaded += 1

    # ----- what comes back -------------------------------------------------------------------
    def _pull(self, result: SyncResult) -> None:
        self._say("fetching the mailbox")
        pulled = inbox.pull(self.store, self.client, self.incoming, self.cancel)
        result.imported += pulled.imported
        result.duplicates += pulled.duplicates
        result.errors.extend(pulled.refused)

    def _receipts(self, result: SyncResult) -> None:
        fetched = incoming.receipts(self.store, self.client)
        result.receipts_applied += fetched.applied
        result.errors.extend(fetched.refused)

    def _advisories(self, result: SyncResult) -> None:
        fetched = incoming.advisories(self.store, self.client)
        result.advisories += fetched.applied
        result.errors.extend(fetched.refused)


def summary(result: SyncResult, store: Store) -> dict[str, Any]:
    """The JSON of `fieldreport sync --json`: what the pass did and every open outbox item."""
    return {
        "reachable": result.reachable,
        "cancelled": result.cancelled,
        "exported_revisions": result.exported_revisions,
        "bundles_uploaded": result.bundles_uploaded,
        "imported": result.imported,
        "duplicates": result.duplicates,
        "receipts_applied": result.receipts_applied,
        "advisories": result.advisories,
        "errors": result.errors,
        "outbox": outbox.items(store),
    }
