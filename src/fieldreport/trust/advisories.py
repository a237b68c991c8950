"""Security advisories: written and signed at HQ, relayed by the server, verified by devices.

The relay only stores and serves them; a device keeps an advisory only if it verifies with
the HQ key of the organisation profile it installed, so a hacked relay cannot make one up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldreport.crypto.minisign import PublicKey, SigningKey
from fieldreport.crypto.signed_json import SignedDocumentError, sign_document, verify_document
from fieldreport.errors import FieldReportError
from fieldreport.ids import is_uuid, uuid7

FORMAT = "fieldreport-advisory/1"
SEVERITIES = ("info", "warning", "critical")
MAX_TITLE = 200
MAX_BODY = 20_000


@dataclass(frozen=True)
class Advisory:
    advisory_id: str
    title: str
    body: str
    severity: str
    published_at: str


def build_advisory(
    key: SigningKey, title: str, body: str, severity: str, published_at: str
) -> dict[str, Any]:
    doc = {
        "format": FORMAT,
        "advisory_id": uuid7(),
        "title": title,
        "body": body,
        "severity": severity,
        "published_at": published_at,
    }
    parse_advisory(doc)  # refuse to sign what devices would refuse
    return sign_document(doc, key, trusted_comment=f"{FORMAT} {doc['advisory_id']}")


def parse_advisory(doc: Any) -> Advisory:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise FieldReportError("not a FieldReport advisory")
    values = {k: doc.get(k) for k in ("advisory_id", "title", "body", "severity", "published_at")}
    if not all(isinstance(v, str) for v in values.values()):
        raise FieldReportError("the advisory lacks a field")
    if not is_uuid(str(values["advisory_id"])):
        raise FieldReportError("the advisory's id is not a UUID")
    if values["severity"] not in SEVERITIES:
        raise FieldReportError(f"severity must be one of {', '.join(SEVERITIES)}")
    title, body = str(values["title"]), str(values["body"])
    if not title.strip() or len(title) > MAX_TITLE or len(body) > MAX_BODY:
        raise FieldReportError(
            f"an advisory needs a title (at most {MAX_TITLE} characters) and a body of at "
            f"most {MAX_BODY}"
        )
    return Advisory(**{k: str(v) for k, v in values.items()})


def verify_advisory(doc: Any, hq_key: PublicKey) -> Advisory:
    advisory = parse_advisory(doc)
    try:
        verify_document(doc, hq_key)
    except SignedDocumentError:
        raise FieldReportError(
            "the advisory is not signed by the HQ key this device trusts"
        ) from None
    return advisory
