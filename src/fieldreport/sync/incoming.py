"""What field devices fetch: importers' receipts and HQ's advisories, each verified here
(the relay is not trusted), each behind a cursor kept in the store."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select

from fieldreport.bundle.receipts import apply_receipt
from fieldreport.crypto.age import AgeError
from fieldreport.crypto.minisign import MinisignError
from fieldreport.errors import FieldReportError
from fieldreport.store import settings
from fieldreport.store.store import Store
from fieldreport.store.tables import ADVISORY
from fieldreport.store.timeutil import utc_now
from fieldreport.sync.client import RelayClient
from fieldreport.trust.advisories import verify_advisory
from fieldreport.trust.install import current_profile

RECEIPTS_CURSOR = "sync.receipts_after"
ADVISORIES_CURSOR = "sync.advisories_after"


@dataclass
class Fetched:
    applied: int = 0
    refused: list[str] = field(default_factory=list)


def _cursor(store: Store, key: str) -> int:
    with store.read() as conn:
        return int(settings.get(conn, key, "0") or 0)


def _advance(store: Store, key: str, value: int) -> None:
    with store.write() as conn:
        settings.put(conn, key, str(value))


def receipts(store: Store, client: RelayClient) -> Fetched:
    """Apply every new receipt. One that does not verify is reported and skipped (a forged
    or foreign receipt must not block the genuine ones behind it)."""
    result = Fetched()
    while True:
        page = client.receipts(_cursor(store, RECEIPTS_CURSOR))
        if not page:
            return result
        for entry in page:
            try:
                applied = apply_receipt(store, entry["document"])
                result.applied += applied.marked
            except (FieldReportError, MinisignError, KeyError, TypeError) as exc:
                result.refused.append(f"receipt {entry.get('id')}: {exc}")
            _advance(store, RECEIPTS_CURSOR, int(entry["id"]))


def advisories(store: Store, client: RelayClient) -> Fetched:
    """Keep every new advisory that verifies with the HQ key of the installed profile."""
    result = Fetched()
    profile = current_profile(store)
    if profile is None:
        return result  # no HQ key to check them with: leave them on the relay for later
    hq_key = profile.hq_key()
    while True:
        page = client.advisories(_cursor(store, ADVISORIES_CURSOR))
        if not page:
            return result
        for entry in page:
            try:
                doc = entry["document"]
                advisory = verify_advisory(doc, hq_key)
                _keep(store, advisory.__dict__, doc)
                result.applied += 1
            except (FieldReportError, AgeError, MinisignError, KeyError, TypeError) as exc:
                result.refused.append(f"advisory {entry.get('id')}: {exc}")
            _advance(store, ADVISORIES_CURSOR, int(entry["id"]))


def _keep(store: Store, fields: dict[str, str], doc: dict[str, object]) -> None:
    with store.write() as conn:
        known = conn.execute(
            select(ADVISORY.c.advisory_id).where(ADVISORY.c.advisory_id == fields["advisory_id"])
        ).first()
        if known is None:
            conn.execute(
                ADVISORY.insert().values(
                    **fields, received_at=utc_now(), document=json.dumps(doc, ensure_ascii=False)
                )
            )


def stored_advisories(store: Store) -> list[dict[str, object]]:
    """Advisories kept in the store, newest first (for the CLI and the GUI's banner)."""
    with store.read() as conn:
        rows = conn.execute(select(ADVISORY).order_by(ADVISORY.c.published_at.desc())).all()
    return [{k: v for k, v in r._mapping.items() if k != "document"} for r in rows]


def mark_advisory_read(store: Store, advisory_id: str) -> bool:
    """The user saw it (the GUI stops showing a critical one as a pop-up)."""
    with store.write() as conn:
        changed = conn.execute(
            ADVISORY.update()
            .where(ADVISORY.c.advisory_id == advisory_id, ADVISORY.c.read_at.is_(None))
            .values(read_at=utc_now())
        ).rowcount
    return bool(changed)
