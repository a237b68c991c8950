"""Reading signed JSON documents from files, with one-line refusals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fieldreport.errors import FieldReportError

MAX_DOCUMENT_BYTES = 256 * 1024


def load_json_document(path: Path, what: str) -> dict[str, Any]:
    try:
        raw = path.read_bytes()[: MAX_DOCUMENT_BYTES + 1]
    except OSError as exc:
        raise FieldReportError(f"cannot read the {what} {path}: {exc.strerror}") from None
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise FieldReportError(f"{path} is too large to be a {what}")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FieldReportError(f"{path} is not a {what} (not UTF-8 JSON)") from None
    if not isinstance(doc, dict):
        raise FieldReportError(f"{path} is not a {what} (not a JSON object)")
    return doc


def require_str(doc: dict[str, Any], key: str, what: str, max_len: int = 4096) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not value or len(value) > max_len:
        raise FieldReportError(f"the {what} has no valid '{key}'")
    return value
