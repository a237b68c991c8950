"""Coordinators and analysts: pull the mailbox, import, post the signed receipt, acknowledge.

Each bundle is downloaded (resumably) to `incoming/<sha256>.part`, its hash checked, then
imported with the same all-or-nothing importer as a USB bundle. The receipt goes to the
relay before the item is acknowledged, so a cut between the two only repeats harmless steps
(a second import is a no-op that still yields the receipt).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.importer import import_bundle
from fieldreport.fsutil import ensure_private_dir
from fieldreport.store.store import Store
from fieldreport.sync.client import RelayClient
from fieldreport.sync.uploader import Cancelled

HASH_CHUNK = 1024 * 1024


@dataclass
class InboxResult:
    imported: int = 0
    duplicates: int = 0
    refused: list[str] = field(default_factory=list)  # one line per refused bundle


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def pull(
    store: Store, client: RelayClient, folder: Path, cancel: threading.Event | None = None
) -> InboxResult:
    result = InboxResult()
    ensure_private_dir(folder)
    tried: set[int] = set()  # an item that failed stays in the mailbox: once per pass
    while True:
        items = [i for i in client.mailbox() if int(i["id"]) not in tried]
        if not items:
            return result
        for item in items:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            tried.add(int(item["id"]))
            sha = str(item["sha256"])
            part = folder / f"{sha}.part"
            client.download(sha, part, int(item["size"]))
            if _sha256(part) != sha:
                part.unlink()  # damaged or swapped: fetch it again next time
                result.refused.append(f"{sha[:12]}: the download does not match its hash")
                continue
            bundle = part.with_suffix(".frb")
            part.replace(bundle)
            try:
                imported = import_bundle(store, bundle)
            except BundleError as exc:
                result.refused.append(f"{sha[:12]}: {exc}")
                client.ack(int(item["id"]), "refused", exc.reason)
                bundle.unlink()
                continue
            client.post_receipt(imported.receipt)
            client.ack(int(item["id"]), "imported")
            with contextlib.suppress(FileNotFoundError):
                bundle.unlink()
            if imported.status == "duplicate":
                result.duplicates += 1
            else:
                result.imported += 1
