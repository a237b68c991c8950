"""The organisation profile: recipients, the HQ signing key, server URL, policy, devices.

Signed by the HQ key. A device installs its first profile when it is signed by the HQ key it
names (the installer shows the key's fingerprint to compare); every later profile must be
signed by the HQ key the device already trusts — rotation is a profile naming the new key,
signed with the old one — and carry a higher serial. So a hacked relay cannot push a
profile that redirects future bundles to its own key (security.md, "Server").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldreport.crypto import age
from fieldreport.crypto.minisign import MinisignError, PublicKey, SigningKey
from fieldreport.crypto.signed_json import SignedDocumentError, sign_document, verify_document
from fieldreport.errors import FieldReportError
from fieldreport.trust.documents import require_str
from fieldreport.trust.requests import EnrolmentRequest

FORMAT = "fieldreport-profile/1"
DEFAULT_POLICY: dict[str, Any] = {"auto_lock_minutes": 5, "wipe_after_failures": None}


@dataclass(frozen=True)
class Profile:
    organisation: str
    serial: int
    hq_signing_key: str
    recipients: tuple[str, ...]
    server_url: str | None
    policy: dict[str, Any]
    devices: tuple[EnrolmentRequest, ...] = field(default=())

    def recipient_objects(self) -> list[age.Recipient]:
        return [age.parse_recipient(r) for r in self.recipients]

    def hq_key(self) -> PublicKey:
        return PublicKey.from_string(self.hq_signing_key)


def _refuse(message: str) -> FieldReportError:
    return FieldReportError(f"the organisation profile is invalid: {message}")


def parse_profile(doc: dict[str, Any]) -> Profile:
    if doc.get("format") != FORMAT:
        raise FieldReportError(f"not an organisation profile (format {doc.get('format')!r})")
    serial = doc.get("serial")
    if not isinstance(serial, int) or isinstance(serial, bool) or serial < 1:
        raise _refuse("serial must be a positive integer")
    hq_key = require_str(doc, "hq_signing_key", "profile", 128)
    try:
        PublicKey.from_string(hq_key)
    except MinisignError as exc:
        raise _refuse(f"hq_signing_key: {exc}") from None
    recipients = doc.get("recipients")
    if not isinstance(recipients, list) or not recipients or len(recipients) > 50:
        raise _refuse("recipients must be a list of 1 to 50 age recipients")
    try:
        parsed = [age.parse_recipient(r) for r in recipients]
    except (age.AgeError, TypeError) as exc:
        raise _refuse(f"a recipient is not an age recipient ({exc})") from None
    kinds = {type(r).__name__ for r in parsed}
    if len(kinds) > 1:
        raise _refuse("recipients mix post-quantum and classical keys; use one kind")
    url = doc.get("server_url")
    if url is not None and (
        not isinstance(url, str) or not url.startswith(("https://", "http://"))
    ):
        raise _refuse("server_url must be an http(s) URL")
    policy = doc.get("policy", {})
    if not isinstance(policy, dict):
        raise _refuse("policy must be an object")
    devices = doc.get("devices", [])
    if not isinstance(devices, list):
        raise _refuse("devices must be a list")
    return Profile(
        organisation=require_str(doc, "organisation", "profile", 200),
        serial=serial,
        hq_signing_key=hq_key,
        recipients=tuple(recipients),
        server_url=url,
        policy={**DEFAULT_POLICY, **policy},
        devices=tuple(_device(d) for d in devices),
    )


def _device(doc: Any) -> EnrolmentRequest:
    if not isinstance(doc, dict):
        raise _refuse("each device must be an object")
    keys = ("device_id", "name", "role", "signing_key", "recipient", "fingerprint")
    missing = [k for k in keys if not isinstance(doc.get(k), str)]
    if missing:
        raise _refuse(f"a device lacks {', '.join(missing)}")
    return EnrolmentRequest(**{k: doc[k] for k in keys})


def verify_profile(doc: dict[str, Any], current: Profile | None) -> Profile:
    """The profile if it may replace `current` (None: first install), else a refusal."""
    profile = parse_profile(doc)
    signer = current.hq_key() if current else profile.hq_key()
    try:
        verify_document(doc, signer)
    except SignedDocumentError:
        if current is None:
            raise FieldReportError(
                "the organisation profile is not signed by the HQ key it names; refusing it"
            ) from None
        raise FieldReportError(
            "the organisation profile is not signed by the HQ key this device trusts; "
            "a new HQ key must be announced by a profile signed with the old one"
        ) from None
    if current is not None and profile.serial <= current.serial:
        raise FieldReportError(
            f"this profile (serial {profile.serial}) is not newer than the installed one "
            f"(serial {current.serial})"
        )
    return profile


def build_profile(
    *,
    key: SigningKey,
    organisation: str,
    serial: int,
    recipients: Sequence[str],
    server_url: str | None,
    issued_at: str,
    hq_signing_key: str | None = None,
    policy: dict[str, Any] | None = None,
    devices: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A signed profile. `hq_signing_key` differs from `key` only when rotating HQ keys."""
    doc: dict[str, Any] = {
        "format": FORMAT,
        "organisation": organisation,
        "serial": serial,
        "issued_at": issued_at,
        "hq_signing_key": hq_signing_key or key.public_key().to_string(),
        "recipients": list(recipients),
        "server_url": server_url,
        "policy": {**DEFAULT_POLICY, **(policy or {})},
        "devices": list(devices),
    }
    parse_profile(doc)  # refuse to sign something devices would refuse
    return sign_document(doc, key, trusted_comment=f"{FORMAT} serial:{serial}")
