"""Listing reports: full-text search (FTS5, inside the encrypted DB) combined with filters.

A page is found in two steps. First the ids: the `ix_report_list` index holds the sort key
and every filter column, and full-text membership is tested on its rowid, so SQLite walks the
index newest-first without reading a single table row and stops after one page. Then only
that page's rows are read. The cost is bounded by the index size, not by how many reports a
common word matches (letting SQLite start from the FTS matches instead costs one table read
per match plus a sort: 0.5 s for a common word at 100k reports).

User text never reaches FTS5's query syntax raw: it is cut into words and each becomes a
quoted prefix term, so "Tomb" finds Tombouctou and a stray quote or `NEAR(` cannot make the
query fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text

from fieldreport.errors import UsageError
from fieldreport.store.tables import REPORT
from fieldreport.store.timeutil import epoch_seconds

# Letters and digits only: the tokenizer splits on everything else (including "_"), and a
# term it would split in two is a phrase, which detail=column cannot answer.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_TERMS = 12
LIST_INDEX = "ix_report_list"


@dataclass(frozen=True)
class ReportQuery:
    text: str = ""
    since: str | None = None  # RFC 3339; compared with occurred_at
    until: str | None = None
    event_type: str | None = None
    severity_min: int | None = None
    adm1_pcode: str | None = None
    status: str | None = None
    device_id: str | None = None
    limit: int | None = None
    offset: int = 0
    newest_first: bool = True  # the direction of `sort`: descending when True
    sort: str = "occurred"  # a key of SORT_COLUMNS


# Sort keys → columns of the list index (so sorting never reads table rows). The date and
# the integer key always follow, so equal values keep a stable, newest-first order.
SORT_COLUMNS = {
    "occurred": "occurred_ts",
    "severity": "severity",
    "event_type": "event_type",
    "adm1_pcode": "adm1_pcode",
    "status": "status",
    "device_id": "device_id",
}


def fts_expression(user_text: str) -> str | None:
    """An FTS5 MATCH expression: every word must appear (as a prefix)."""
    words = _WORD.findall(user_text)[:MAX_TERMS]
    if not words:
        return None
    return " AND ".join('"' + w.replace('"', "") + '"*' for w in words)


def where_conditions(query: ReportQuery) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on the list index's columns (and the FTS rowid), with their parameters
    (also used by points.py, so the map selects exactly what the list shows)."""
    conds: list[str] = []
    params: dict[str, Any] = {}
    if query.since:
        conds.append("occurred_ts >= :since")
        params["since"] = epoch_seconds(query.since)
    if query.until:
        conds.append("occurred_ts <= :until")
        params["until"] = epoch_seconds(query.until)
    for column, value in (
        ("event_type", query.event_type),
        ("adm1_pcode", query.adm1_pcode),
        ("status", query.status),
        ("device_id", query.device_id),
    ):
        if value:
            conds.append(f"{column} = :{column}")
            params[column] = value
    if query.severity_min is not None:
        conds.append("severity >= :severity_min")
        params["severity_min"] = query.severity_min
    match = fts_expression(query.text)
    if match is not None:
        conds.append("num IN (SELECT rowid FROM report_fts WHERE report_fts MATCH :match)")
        params["match"] = match
    return conds, params


def _from_index(select_list: str, query: ReportQuery) -> tuple[str, dict[str, Any]]:
    # SQLAlchemy's SQLite dialect drops `with_hint`, so this statement is written out; every
    # value is a bound parameter, column names come from the fixed list above.
    conds, params = where_conditions(query)
    sql = f"SELECT {select_list} FROM report INDEXED BY {LIST_INDEX}"  # noqa: S608
    if conds:
        sql += " WHERE " + " AND ".join(conds)
    return sql, params


def page_keys(conn: Connection, query: ReportQuery) -> list[int]:
    """The integer keys of one page, in list order, found from the index alone."""
    sql, params = _from_index("num", query)
    direction = "DESC" if query.newest_first else "ASC"
    column = SORT_COLUMNS.get(query.sort)
    if column is None:
        raise UsageError(f"cannot sort by {query.sort!r}; known: {', '.join(SORT_COLUMNS)}")
    order = [column] if column == "occurred_ts" else [column, "occurred_ts"]
    sql += " ORDER BY " + ", ".join(f"{c} {direction}" for c in [*order, "num"])
    sql += " LIMIT :limit OFFSET :offset"
    params["limit"] = -1 if query.limit is None else query.limit
    params["offset"] = query.offset
    return [int(row[0]) for row in conn.execute(text(sql), params)]


def list_rows(conn: Connection, query: ReportQuery) -> list[Any]:
    keys = page_keys(conn, query)
    rows: dict[int, Any] = {}
    for start in range(0, len(keys), 500):  # stay far below SQLite's variable limit
        batch = keys[start : start + 500]
        for row in conn.execute(
            select(
                REPORT.c.num, REPORT.c.id, REPORT.c.revision, REPORT.c.status, REPORT.c.body
            ).where(REPORT.c.num.in_(batch))
        ):
            rows[row.num] = row
    return [rows[k] for k in keys if k in rows]


def count(conn: Connection, query: ReportQuery) -> int:
    sql, params = _from_index("count(*)", query)
    return int(conn.execute(text(sql), params).scalar_one())
