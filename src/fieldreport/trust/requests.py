"""Enrolment requests: a device's public keys, signed by the device's own key.

The self-signature proves the request was made by whoever holds the signing key; the
fingerprint (recomputed here) is what a person compares with the device's screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldreport.crypto import age
from fieldreport.crypto.minisign import MinisignError, PublicKey
from fieldreport.crypto.signed_json import SignedDocumentError, verify_document
from fieldreport.errors import FieldReportError
from fieldreport.ids import is_uuid
from fieldreport.store.device import ROLES, fingerprint
from fieldreport.trust.documents import require_str

FORMAT = "fieldreport-enrolment-request/1"


@dataclass(frozen=True)
class EnrolmentRequest:
    device_id: str
    name: str
    role: str
    signing_key: str
    recipient: str
    fingerprint: str


def parse_request(doc: dict[str, Any]) -> EnrolmentRequest:
    what = "enrolment request"
    if doc.get("format") != FORMAT:
        raise FieldReportError(f"not an enrolment request (format {doc.get('format')!r})")
    device_id = require_str(doc, "device_id", what, 64)
    if not is_uuid(device_id):
        raise FieldReportError("the enrolment request's device_id is not a UUID")
    role = require_str(doc, "role", what, 32)
    if role not in ROLES:
        raise FieldReportError(f"the enrolment request's role {role!r} is unknown")
    signing = require_str(doc, "signing_key", what, 128)
    recipient = require_str(doc, "recipient", what, 4096)
    try:
        key = PublicKey.from_string(signing)
        age.parse_recipient(recipient)
    except (MinisignError, age.AgeError) as exc:
        raise FieldReportError(f"the enrolment request holds an invalid key: {exc}") from None
    try:
        verify_document(doc, key)
    except SignedDocumentError:
        raise FieldReportError(
            "the enrolment request's signature does not verify: it was altered or not made "
            "by that device"
        ) from None
    expected = fingerprint(signing, recipient)
    if doc.get("fingerprint") not in (None, expected):
        raise FieldReportError("the enrolment request's fingerprint does not match its keys")
    return EnrolmentRequest(
        device_id=device_id,
        name=require_str(doc, "name", what, 200),
        role=role,
        signing_key=signing,
        recipient=recipient,
        fingerprint=expected,
    )
