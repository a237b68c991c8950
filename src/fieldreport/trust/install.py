"""Applying trust decisions to a store: installing a profile, trusting a device's request."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fieldreport.errors import FieldReportError
from fieldreport.store import settings, trust
from fieldreport.store.lockout import LockoutState
from fieldreport.store.store import Store
from fieldreport.trust.profile import Profile, parse_profile, verify_profile
from fieldreport.trust.requests import EnrolmentRequest, parse_request


def current_profile(store: Store) -> Profile | None:
    with store.read() as conn:
        raw = settings.get(conn, settings.PROFILE)
    return parse_profile(json.loads(raw)) if raw else None


@dataclass(frozen=True)
class Installed:
    profile: Profile
    first_install: bool
    devices_trusted: int


def install_profile(store: Store, doc: dict[str, Any]) -> Installed:
    current = current_profile(store)
    profile = verify_profile(doc, current)
    with store.write() as conn:
        settings.put(conn, settings.PROFILE, json.dumps(doc, ensure_ascii=False))
        trusted = sum(
            trust.add(conn, device, source="profile", allow_key_change=True) != "unchanged"
            for device in profile.devices
        )
    wipe_after = profile.policy.get("wipe_after_failures")
    state = LockoutState.load(store.layout.lockout_file)
    state.wipe_after = int(wipe_after) if isinstance(wipe_after, int) and wipe_after > 0 else None
    state.save(store.layout.lockout_file)
    return Installed(profile, current is None, trusted)


def trust_request(store: Store, doc: dict[str, Any]) -> tuple[EnrolmentRequest, str]:
    request = parse_request(doc)
    if request.device_id == store.device.device_id:
        raise FieldReportError("this is this device's own request; trust another device's")
    with store.write() as conn:
        existing = trust.find(conn, request.device_id)
        if existing is not None and existing.revoked_at:
            raise FieldReportError(
                f"device {request.device_id} was revoked; it cannot be trusted again"
            )
        try:
            outcome = trust.add(conn, request, source="request")
        except trust.KeyChangeRefused as exc:
            raise FieldReportError(str(exc)) from None
    return request, outcome


def revoke_device(store: Store, device_id: str) -> None:
    with store.write() as conn:
        if trust.find(conn, device_id) is None:
            raise FieldReportError(f"device {device_id} is not trusted here")
        trust.revoke(conn, device_id)
