"""Signed JSON documents (enrolment requests, profiles, receipts, advisories).

The signature is embedded: the document carries a `signature` member holding a minisign
signature (prehashed Ed25519) over the canonical JSON of every other member. Canonical JSON
is sorted keys, no spaces, UTF-8, so `minisign -V` can check a document too once the
`signature` member is removed and the rest written canonically (docs/bundle-format.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from fieldreport.crypto.minisign import MinisignError, PublicKey, SigningKey

SIGNATURE_FIELD = "signature"


class SignedDocumentError(Exception):
    """The document is not signed, or not by the expected key, or was altered."""


def canonical_bytes(doc: Mapping[str, Any]) -> bytes:
    body = {k: v for k, v in doc.items() if k != SIGNATURE_FIELD}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign_document(doc: Mapping[str, Any], key: SigningKey, trusted_comment: str) -> dict[str, Any]:
    if "format" not in doc:
        raise ValueError("a signed document needs a 'format' member")
    signature = key.sign(canonical_bytes(doc), trusted_comment=trusted_comment)
    return {**{k: v for k, v in doc.items() if k != SIGNATURE_FIELD}, SIGNATURE_FIELD: signature}


def verify_document(doc: Mapping[str, Any], key: PublicKey) -> str:
    """Check the embedded signature; returns the trusted comment."""
    signature = doc.get(SIGNATURE_FIELD)
    if not isinstance(signature, str):
        raise SignedDocumentError("the document carries no signature")
    try:
        return key.verify(canonical_bytes(doc), signature)
    except MinisignError as exc:
        raise SignedDocumentError(f"the document's signature does not verify: {exc}") from None
