"""One `reports/<revision id>.json` file of a bundle, checked field by field.

The file's bytes were already matched against the signed manifest; here its content must be
a revision of the signing device whose body is a valid report (schema.md) and whose content
hash is the one it carries — so a device can only ever add revisions in its own name.
"""

from __future__ import annotations

import json

from fieldreport.bundle.errors import BundleError
from fieldreport.domain import parse_report
from fieldreport.errors import FieldReportError
from fieldreport.store.chain import REVISION_FORMAT, canonical_json, content_hash
from fieldreport.store.imported import ImportedRevision, report_row, search_words


def refuse(message: str) -> BundleError:
    return BundleError(
        f"the bundle holds an invalid revision: {message}", reason="invalid-revision"
    )


def parse_revision(data: bytes, revision_id: str, signer_device: str) -> ImportedRevision:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise refuse(f"{revision_id} is not UTF-8 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != REVISION_FORMAT:
        raise refuse(f"{revision_id} is not a {REVISION_FORMAT} document")
    if doc.get("id") != revision_id:
        raise refuse(f"{revision_id} carries another id")
    if doc.get("device_id") != signer_device:
        raise refuse(f"{revision_id} is attributed to another device than the signer")
    body, number = doc.get("body"), doc.get("number")
    report_id, created = doc.get("report_id"), doc.get("created_at")
    if not (
        isinstance(body, dict)
        and isinstance(number, int)
        and not isinstance(number, bool)
        and isinstance(report_id, str)
        and isinstance(created, str)
    ):
        raise refuse(f"{revision_id} lacks body, number, report_id or created_at")
    if body.get("id") != report_id or body.get("revision") != number:
        raise refuse(f"{revision_id}: body does not match its report id and number")
    try:
        report = parse_report(body, allow_store_fields=True)
    except FieldReportError as exc:
        raise refuse(f"{revision_id}: {exc}") from None
    body_json = canonical_json(body)
    expected = content_hash(report_id, number, signer_device, created, body_json)
    if doc.get("content_hash") != expected:
        raise refuse(f"{revision_id}: content does not match its hash")
    return ImportedRevision(
        id=revision_id,
        report_id=report_id,
        number=number,
        device_id=signer_device,
        created_at=created,
        body_json=body_json,
        content_hash=expected,
        row=report_row(report, body, signer_device, body_json),
        words=search_words(report),
        attachments=body.get("attachments", []),
    )
