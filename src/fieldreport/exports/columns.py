"""The flat table of a report shared by CSV, HXL, XLSX and GeoJSON properties.

One column per scalar field, in schema order, with its HXL hashtag. The tags schema.md fixes
are used as written; the other fields get `#meta+…` tags so HXL tools keep them rather than
drop untagged columns. Values are the stored codes (stable for scripts whatever the
language); only the region gets a name column, since P-codes mean little to a reader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fieldreport.domain import Taxonomy

Cell = str | int | float | None


@dataclass(frozen=True)
class Column:
    name: str
    hxl: str
    get: Callable[[dict[str, Any], Taxonomy], Cell]
    private: bool = False  # holds names or narrative: left out of partner-safe exports


def _field(name: str) -> Callable[[dict[str, Any], Taxonomy], Cell]:
    return lambda doc, _tax: doc.get(name)


def _loc(name: str) -> Callable[[dict[str, Any], Taxonomy], Cell]:
    return lambda doc, _tax: (doc.get("location") or {}).get(name)


def _casualty(name: str) -> Callable[[dict[str, Any], Taxonomy], Cell]:
    return lambda doc, _tax: int((doc.get("casualties") or {}).get(name) or 0)


def _source(name: str) -> Callable[[dict[str, Any], Taxonomy], Cell]:
    return lambda doc, _tax: (doc.get("source") or {}).get(name)


def _region(doc: dict[str, Any], tax: Taxonomy) -> Cell:
    pcode = (doc.get("location") or {}).get("adm1_pcode")
    return tax.adm1_name(pcode) if pcode else None


def _actors(role: str, part: str) -> Callable[[dict[str, Any], Taxonomy], Cell]:
    def get(doc: dict[str, Any], _tax: Taxonomy) -> Cell:
        values = [str(a.get(part) or "") for a in doc.get("actors") or [] if a.get("role") == role]
        return "; ".join(v for v in values if v) or None

    return get


def _tags(doc: dict[str, Any], _tax: Taxonomy) -> Cell:
    return "; ".join(doc.get("tags") or []) or None


COLUMNS: tuple[Column, ...] = (
    Column("id", "#event+id", _field("id")),
    Column("revision", "#meta+revision", _field("revision")),
    Column("status", "#status", _field("status")),
    Column("report_type", "#meta+report_type", _field("report_type")),
    Column("parent_id", "#event+id+parent", _field("parent_id")),
    Column("title", "#event+name", _field("title")),
    Column("occurred_at", "#date+occurred", _field("occurred_at")),
    Column("occurred_end", "#date+end", _field("occurred_end")),
    Column("reported_at", "#date+reported", _field("reported_at")),
    Column("time_precision", "#date+precision", _field("time_precision")),
    Column("location_name", "#loc+name", _loc("name")),
    Column("lat", "#geo+lat", _loc("lat")),
    Column("lon", "#geo+lon", _loc("lon")),
    Column("geo_precision", "#geo+precision", _loc("geo_precision")),
    Column("adm1_pcode", "#adm1+code", _loc("adm1_pcode")),
    Column("adm1_name", "#adm1+name", _region),
    Column("adm2_pcode", "#adm2+code", _loc("adm2_pcode")),
    Column("location_type", "#loc+type", _loc("location_type")),
    Column("event_type", "#event+type", _field("event_type")),
    Column("sub_event_type", "#event+type+sub", _field("sub_event_type")),
    Column("act", "#event+act", _field("act")),
    Column("means", "#event+means", _field("means")),
    Column("attack_context", "#event+context", _field("attack_context")),
    Column("perpetrator_names", "#group+perp+name", _actors("perpetrator", "name"), private=True),
    Column("perpetrator_types", "#group+perp+type", _actors("perpetrator", "type")),
    Column("target_names", "#group+target+name", _actors("target", "name"), private=True),
    Column("target_types", "#group+target+type", _actors("target", "type")),
    Column("killed", "#affected+killed", _casualty("killed")),
    Column("injured", "#affected+injured", _casualty("injured")),
    Column("abducted", "#affected+abducted", _casualty("abducted")),
    Column("detained", "#affected+detained", _casualty("detained")),
    Column("fatalities_basis", "#meta+fatalities_basis", _field("fatalities_basis")),
    Column("org_affected", "#org+type", _field("org_affected")),
    Column("programme_impact", "#impact", _field("programme_impact")),
    Column("severity", "#severity", _field("severity")),
    Column("source_type", "#meta+source", _source("type")),
    Column("source_reliability", "#meta+source+reliability", _source("reliability")),
    Column("source_credibility", "#meta+source+credibility", _source("credibility")),
    Column("source_name", "#meta+source+name", _source("name"), private=True),
    Column("narrative", "#description", _field("narrative"), private=True),
    Column("actions_taken", "#description+actions", _field("actions_taken"), private=True),
    Column("follow_up", "#description+follow_up", _field("follow_up"), private=True),
    Column("sharing_level", "#meta+sharing", _field("sharing_level")),
    Column("tags", "#meta+tags", _tags, private=True),
)


def columns_for(partner_safe: bool) -> tuple[Column, ...]:
    """Partner-safe tables have no column that could hold a name or a narrative at all."""
    return tuple(c for c in COLUMNS if not (partner_safe and c.private))


def row(doc: dict[str, Any], columns: tuple[Column, ...], taxonomy: Taxonomy) -> list[Cell]:
    return [column.get(doc, taxonomy) for column in columns]
