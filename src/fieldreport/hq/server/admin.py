"""What the `fieldreport-hq` admin commands do to the relay's database: enrol, revoke,
publish an advisory, report the state of devices and mailboxes."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import Engine, func, select, update

from fieldreport.errors import FieldReportError
from fieldreport.hq.server import db
from fieldreport.hq.server.schema import advisory, bundle, device, mailbox, upload
from fieldreport.trust.advisories import parse_advisory
from fieldreport.trust.requests import EnrolmentRequest


def enroll(engine: Engine, request: EnrolmentRequest) -> str:
    """ "enrolled", or "unchanged" for the same keys again; other keys for a known id, or a
    revoked id, are refused (a re-installed laptop has a new id)."""
    with db.write(engine) as conn:
        row = conn.execute(select(device).where(device.c.device_id == request.device_id)).first()
        if row is not None:
            if row.revoked_at is not None:
                raise FieldReportError(f"device {request.device_id} was revoked; it stays revoked")
            if (row.signing_key, row.recipient) != (request.signing_key, request.recipient):
                raise FieldReportError(
                    f"device {request.device_id} is enrolled with other keys "
                    f"(fingerprint {row.fingerprint})"
                )
            return "unchanged"
        conn.execute(
            device.insert().values(
                device_id=request.device_id,
                name=request.name,
                role=request.role,
                signing_key=request.signing_key,
                recipient=request.recipient,
                fingerprint=request.fingerprint,
                enrolled_at=int(time.time()),
            )
        )
    return "enrolled"


def revoke(engine: Engine, device_id: str) -> bool:
    """True if the device was revoked now, False if it already was; unknown ids refused.
    Its unread mailbox is emptied: a revoked laptop may be in the wrong hands."""
    now = int(time.time())
    with db.write(engine) as conn:
        row = conn.execute(select(device).where(device.c.device_id == device_id)).first()
        if row is None:
            raise FieldReportError(f"no enrolled device with id {device_id}")
        if row.revoked_at is not None:
            return False
        conn.execute(update(device).where(device.c.device_id == device_id).values(revoked_at=now))
        conn.execute(
            update(mailbox)
            .where(mailbox.c.device_id == device_id, mailbox.c.acked_at.is_(None))
            .values(acked_at=now, outcome="revoked")
        )
        conn.execute(
            update(upload)
            .where(upload.c.uploaded_by == device_id, upload.c.state == "open")
            .values(state="discarded")
        )
    return True


def publish_advisory(engine: Engine, doc: dict[str, Any]) -> int:
    parsed = parse_advisory(doc)
    with db.write(engine) as conn:
        result = conn.execute(
            advisory.insert().values(
                advisory_id=parsed.advisory_id,
                severity=parsed.severity,
                document=json.dumps(doc, ensure_ascii=False),
                published_at=int(time.time()),
            )
        )
        return int(result.inserted_primary_key[0])


def status(engine: Engine) -> dict[str, Any]:
    with db.read(engine) as conn:
        devices = conn.execute(select(device).order_by(device.c.enrolled_at)).all()
        sequences: dict[str, list[int]] = {}
        for author, seq in conn.execute(select(bundle.c.author, bundle.c.sequence)).all():
            sequences.setdefault(author, []).append(seq)
        queued = dict(
            conn.execute(
                select(mailbox.c.device_id, func.count())
                .where(mailbox.c.acked_at.is_(None))
                .group_by(mailbox.c.device_id)
            ).all()
        )
        stored = conn.execute(select(func.count()).select_from(bundle)).scalar_one()
        open_uploads = conn.execute(
            select(func.count()).select_from(upload).where(upload.c.state == "open")
        ).scalar_one()
    out = []
    for row in devices:
        seqs = sorted(sequences.get(row.device_id, []))
        gaps = sequence_gaps(seqs)
        out.append(
            {
                "device_id": row.device_id,
                "name": row.name,
                "role": row.role,
                "fingerprint": row.fingerprint,
                "revoked": row.revoked_at is not None,
                "last_contact": _iso(row.last_contact_at),
                "bundles": len(seqs),
                "last_sequence": seqs[-1] if seqs else 0,
                "sequence_gaps": gaps,
                "queued_bundles": int(queued.get(row.device_id, 0)),
            }
        )
    return {"devices": out, "bundles_stored": int(stored), "uploads_open": int(open_uploads)}


def sequence_gaps(sorted_seqs: list[int], limit: int = 50) -> list[list[int]]:
    """Missing sequence numbers as [first, last] ranges (a device may claim any number: never
    expand them one by one)."""
    gaps: list[list[int]] = []
    expected = 1
    for seq in sorted_seqs:
        if seq > expected:
            gaps.append([expected, seq - 1])
            if len(gaps) >= limit:
                break
        expected = max(expected, seq + 1)
    return gaps


def _iso(epoch: int | None) -> str | None:
    if epoch is None:
        return None
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")
