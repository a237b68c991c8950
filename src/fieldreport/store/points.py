"""Incident points for the map: the few fields a marker needs, for every matching report.

One statement over the report table: the filter columns come from the list index (the same
conditions as search.py, so the map and the list agree), the coordinates and the title from
the JSON body (json_extract; the body never leaves SQLite whole). Reports without
coordinates are counted but not returned. 10k points take a few tens of milliseconds and a
megabyte; callers run this off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import text

from fieldreport.store import reports, search
from fieldreport.store.search import ReportQuery
from fieldreport.store.store import Store


@dataclass(frozen=True, slots=True)
class IncidentPoint:
    id: str
    lat: float
    lon: float
    event_type: str
    severity: int
    occurred_ts: int  # epoch seconds (UTC)
    occurred_at: str
    title: str
    adm1_pcode: str | None


@dataclass(frozen=True)
class PointSet:
    points: tuple[IncidentPoint, ...]
    without_coordinates: int  # matching reports the map cannot place


_COLUMNS = (
    "id, occurred_ts, occurred_at, event_type, severity, adm1_pcode, title, "
    "json_extract(body, '$.location.lat') AS lat, json_extract(body, '$.location.lon') AS lon"
)


def incident_points(store: Store, query: ReportQuery | None = None) -> PointSet:
    """Every report matching `query` (its text and filters; paging is ignored), oldest first."""
    query = replace(query or ReportQuery(), limit=None, offset=0)
    conds, params = search.where_conditions(query)
    sql = f"SELECT {_COLUMNS} FROM report"  # noqa: S608  (fixed columns, bound values)
    if conds:
        sql += " WHERE " + " AND ".join(conds)
    sql += " ORDER BY occurred_ts, num"
    points: list[IncidentPoint] = []
    missing = 0
    with store.read() as conn:
        for row in conn.execute(text(sql), params):
            lat, lon = row.lat, row.lon
            if not isinstance(lat, int | float) or not isinstance(lon, int | float):
                missing += 1
                continue
            points.append(
                IncidentPoint(
                    id=row.id,
                    lat=float(lat),
                    lon=float(lon),
                    event_type=row.event_type,
                    severity=int(row.severity),
                    occurred_ts=int(row.occurred_ts),
                    occurred_at=row.occurred_at,
                    title=row.title,
                    adm1_pcode=row.adm1_pcode,
                )
            )
    return PointSet(tuple(points), missing)


def report_documents(
    store: Store, query: ReportQuery | None = None, page_size: int = 1000
) -> Iterator[dict[str, Any]]:
    """Report documents matching `query` (text and filters), oldest first, page by page in one
    read transaction (the charts' single pass; memory holds one page)."""
    query = replace(query or ReportQuery(), limit=page_size, newest_first=False)
    with store.read() as conn:
        offset = 0
        while True:
            page = search.list_rows(conn, replace(query, offset=offset))
            for row in page:
                yield reports.report_document(row)
            if len(page) < page_size:
                return
            offset += page_size
