"""The trusted-device table: whose bundles and receipts this store accepts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from fieldreport.store.tables import TRUSTED_DEVICE
from fieldreport.store.timeutil import utc_now
from fieldreport.trust.requests import EnrolmentRequest


class KeyChangeRefused(Exception):
    """A request claims a trusted device's id with other keys."""


def add(
    conn: Connection, request: EnrolmentRequest, source: str, *, allow_key_change: bool = False
) -> str:
    """Trust a device; returns "added", "updated" or "unchanged".

    A self-signed request proves only that its keys belong together, not who made it: anyone
    can claim a known device id. So keys of a trusted device change only through the
    HQ-signed profile (`allow_key_change`); a re-installed laptop has a new id anyway.
    """
    row = conn.execute(
        select(TRUSTED_DEVICE).where(TRUSTED_DEVICE.c.device_id == request.device_id)
    ).first()
    values = {
        "name": request.name,
        "role": request.role,
        "signing_key": request.signing_key,
        "recipient": request.recipient,
        "fingerprint": request.fingerprint,
    }
    if row is None:
        conn.execute(
            insert(TRUSTED_DEVICE).values(
                device_id=request.device_id,
                source=source,
                added_at=utc_now(),
                last_sequence=0,
                **values,
            )
        )
        return "added"
    if all(getattr(row, k) == v for k, v in values.items()):
        return "unchanged"
    keys_differ = (row.signing_key, row.recipient) != (request.signing_key, request.recipient)
    if keys_differ and not allow_key_change:
        raise KeyChangeRefused(
            f"device {request.device_id} is already trusted with other keys "
            f"(fingerprint {row.fingerprint}); a re-installed device has a new id"
        )
    conn.execute(
        update(TRUSTED_DEVICE)
        .where(TRUSTED_DEVICE.c.device_id == request.device_id)
        .values(source=source, **values)
    )
    return "updated"


def revoke(conn: Connection, device_id: str) -> bool:
    result = conn.execute(
        update(TRUSTED_DEVICE)
        .where(TRUSTED_DEVICE.c.device_id == device_id, TRUSTED_DEVICE.c.revoked_at.is_(None))
        .values(revoked_at=utc_now())
    )
    return bool(result.rowcount)


def find(conn: Connection, device_id: str) -> Any:
    return conn.execute(
        select(TRUSTED_DEVICE).where(TRUSTED_DEVICE.c.device_id == device_id)
    ).first()


def all_devices(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(TRUSTED_DEVICE).order_by(TRUSTED_DEVICE.c.added_at)).all()
    return [dict(r._mapping) for r in rows]
