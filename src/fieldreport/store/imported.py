"""Another device's revision, checked and ready to be added to the store.

Its own module, light on imports: the process that parses a large bundle's report files
(bundle/revision_parser.py) builds these without loading SQLAlchemy. Everything the writing
side needs is computed there — the report's current-state columns and its search words —
so that only strings and small dicts come back: a frozen dataclass holding the parsed body
and its Report cost 0.6 s to pickle and 0.8 s to unpickle at 10k revisions (measured), the
unpickling in the importing process, under the GIL its reading threads need.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from fieldreport.domain import Report, load_taxonomy
from fieldreport.store.timeutil import epoch_seconds


class ImportedRevision(NamedTuple):
    """Another device's revision, verified, ready to be added (body already canonical)."""

    id: str
    report_id: str
    number: int
    device_id: str
    created_at: str
    body_json: str
    content_hash: str
    row: dict[str, Any]  # the report's current-state columns if this revision is current
    words: dict[str, str]  # what the full-text index holds for it
    attachments: list[dict[str, Any]]  # the body's attachment entries


def report_row(
    report: Report, body: dict[str, Any], device_id: str, body_json: str
) -> dict[str, Any]:
    """The report table's columns for `report` as its current state (without the status
    and the time of the update, which the writer sets)."""
    loc = body["location"]
    return {
        "revision": body["revision"],
        "report_type": report.report_type,
        "parent_id": report.parent_id,
        "title": report.title,
        "occurred_at": body["occurred_at"],
        "occurred_ts": epoch_seconds(body["occurred_at"]),
        "reported_at": body["reported_at"],
        "event_type": report.event_type,
        "sub_event_type": report.sub_event_type,
        "severity": report.severity,
        "location_name": loc["name"],
        "adm1_pcode": loc.get("adm1_pcode"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "sharing_level": report.sharing_level,
        "device_id": device_id,
        "body": body_json,
    }


def search_words(report: Report) -> dict[str, str]:
    # With the taxonomy, region names are indexed too: "Gao" finds villages coded ML07.
    return report.search_text(load_taxonomy())
