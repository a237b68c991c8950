"""The typed incident report of schema.md: frozen dataclasses and their JSON form.

Build reports with `parse_report` (fieldreport.domain.parse), which validates input; the
constructors here trust their arguments. Field order is schema order, and `to_dict()` follows
it so every JSON output (CLI, store, bundles) lists fields the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import datetime
from typing import Any

from fieldreport.domain.taxonomy_model import Taxonomy
from fieldreport.domain.timefmt import format_rfc3339

# Set by the store, never by the person writing the report; accepted in input only when
# importing another device's revision (parse_report(..., allow_store_fields=True)).
STORE_MANAGED_FIELDS: tuple[str, ...] = ("id", "revision", "status", "reported_at", "attachments")


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    name: str
    lat: float | None = None
    lon: float | None = None
    geo_precision: int = 1
    adm1_pcode: str | None = None
    adm2_pcode: str | None = None
    location_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    name: str | None = None
    type: str
    role: str

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Casualties:
    """Counts of people affected; the optional splits are None when not known (not zero)."""

    killed: int = 0
    injured: int = 0
    abducted: int = 0
    detained: int = 0
    staff_national: int | None = None
    staff_international: int | None = None
    civilians: int | None = None
    security_forces: int | None = None
    female: int | None = None
    male: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """Where the information came from, graded on the Admiralty scale (F6: cannot be judged)."""

    type: str
    reliability: str = "F"
    credibility: int = 6
    name: str | None = None  # dropped by partner-safe exports

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Attachment:
    """An encrypted file attached by the store (the bytes live in the store, not here)."""

    id: str
    name: str
    size: int
    sha256: str
    media_type: str

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """One revision of an incident report, in schema.md order.

    The store-managed fields (STORE_MANAGED_FIELDS) are None until the store sets them, e.g.
    with `dataclasses.replace(report, id=…, revision=1, status="draft", reported_at=…,
    attachments=())`.
    """

    id: str | None = None
    revision: int | None = None
    status: str | None = None
    report_type: str = "immediate"
    parent_id: str | None = None
    title: str
    occurred_at: datetime
    occurred_end: datetime | None = None
    reported_at: datetime | None = None
    time_precision: int = 1
    location: Location
    event_type: str
    sub_event_type: str
    act: str | None = None
    means: str | None = None
    attack_context: str | None = None
    actors: tuple[Actor, ...] = ()
    casualties: Casualties = field(default_factory=Casualties)
    fatalities_basis: str | None = None
    org_affected: str | None = None
    programme_impact: str | None = None
    severity: int
    source: Source | None = None
    narrative: str = ""
    actions_taken: str = ""
    follow_up: str = ""
    sharing_level: str = "internal"
    tags: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every field in schema order with defaults filled, datetimes as RFC 3339.

        A store-managed field is left out while it is None, so the dict of a report that
        was never saved is valid input for parse_report again.
        """
        result = _as_dict(self)
        for name in STORE_MANAGED_FIELDS:
            if result[name] is None:
                del result[name]
        return result

    def search_text(self, taxonomy: Taxonomy | None = None) -> dict[str, str]:
        """Text for the full-text index: `title`, `body` and `place`.

        With a taxonomy, `place` also holds the admin-1 region's name, so a search for "Gao"
        finds a village that only carries the P-code ML07.
        """
        body = [self.narrative, self.actions_taken, self.follow_up]
        body += [actor.name for actor in self.actors if actor.name]
        if self.source is not None and self.source.name:
            body.append(self.source.name)
        body += self.tags
        loc = self.location
        place = [loc.name, loc.adm1_pcode, loc.adm2_pcode]
        if taxonomy is not None and loc.adm1_pcode is not None:
            place.append(taxonomy.adm1_name(loc.adm1_pcode))
        return {
            "title": self.title,
            "body": "\n".join(part for part in body if part),
            "place": " ".join(part for part in place if part),
        }


def _as_dict(record: Any) -> dict[str, Any]:
    return {f.name: _jsonable(getattr(record, f.name)) for f in fields(record)}


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_rfc3339(value)
    if is_dataclass(value) and not isinstance(value, type):
        return _as_dict(value)
    if isinstance(value, tuple):
        return [_jsonable(item) for item in value]
    return value
