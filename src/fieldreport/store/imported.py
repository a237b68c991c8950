"""Another device's revision, checked and ready to be added to the store.

Its own module, light on imports: the process that parses a large bundle's report files
(bundle/revision_parser.py) builds these without loading SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldreport.domain import Report


@dataclass(frozen=True)
class ImportedRevision:
    """Another device's revision, verified, ready to be added (body already canonical)."""

    id: str
    report_id: str
    number: int
    device_id: str
    created_at: str
    body: dict[str, Any]
    body_json: str
    content_hash: str
    report: Report
