"""Store timestamps: RFC 3339, UTC, whole seconds (the device clock, kept apart from the
time the user entered, which may be in another offset or wrong)."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def epoch_seconds(rfc3339: str) -> int:
    return int(datetime.fromisoformat(rfc3339).timestamp())
