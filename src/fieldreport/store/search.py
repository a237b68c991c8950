"""Listing reports: full-text search (FTS5, inside the encrypted DB) combined with filters.

User text never reaches FTS5's query syntax raw: it is cut into words and each becomes a
quoted prefix term, so "Tomb" finds Tombouctou and a stray quote or `NEAR(` cannot make the
query fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, and_, func, select, text

from fieldreport.store.tables import REPORT
from fieldreport.store.timeutil import epoch_seconds

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


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
    newest_first: bool = True


def fts_expression(user_text: str) -> str | None:
    """An FTS5 MATCH expression: every word must appear (as a prefix)."""
    words = _WORD.findall(user_text)[:MAX_TERMS]
    if not words:
        return None
    return " AND ".join('"' + w.replace('"', "") + '"*' for w in words)


def _conditions(query: ReportQuery) -> list[Any]:
    conds: list[Any] = []
    if query.since:
        conds.append(REPORT.c.occurred_ts >= epoch_seconds(query.since))
    if query.until:
        conds.append(REPORT.c.occurred_ts <= epoch_seconds(query.until))
    if query.event_type:
        conds.append(REPORT.c.event_type == query.event_type)
    if query.severity_min is not None:
        conds.append(REPORT.c.severity >= query.severity_min)
    if query.adm1_pcode:
        conds.append(REPORT.c.adm1_pcode == query.adm1_pcode)
    if query.status:
        conds.append(REPORT.c.status == query.status)
    if query.device_id:
        conds.append(REPORT.c.device_id == query.device_id)
    match = fts_expression(query.text)
    if match is not None:
        # The FTS table shares the report's integer key as its rowid: one indexed join.
        conds.append(
            REPORT.c.num.in_(
                select(text("rowid")).select_from(text("report_fts")).where(
                    text("report_fts MATCH :match")
                )
            )
        )
    return conds


def build(query: ReportQuery, columns: list[Any]) -> tuple[Select[Any], dict[str, Any]]:
    stmt = select(*columns).select_from(REPORT)
    conds = _conditions(query)
    if conds:
        stmt = stmt.where(and_(*conds))
    params: dict[str, Any] = {}
    match = fts_expression(query.text)
    if match is not None:
        params["match"] = match
    return stmt, params


def list_rows(conn: Connection, query: ReportQuery) -> list[Any]:
    stmt, params = build(
        query,
        [REPORT.c.num, REPORT.c.id, REPORT.c.revision, REPORT.c.status, REPORT.c.body],
    )
    order = (
        (REPORT.c.occurred_ts.desc(), REPORT.c.num.desc())
        if query.newest_first
        else (REPORT.c.occurred_ts.asc(), REPORT.c.num.asc())
    )
    stmt = stmt.order_by(*order).offset(query.offset)
    if query.limit is not None:
        stmt = stmt.limit(query.limit)
    return list(conn.execute(stmt, params).all())


def count(conn: Connection, query: ReportQuery) -> int:
    stmt, params = build(query, [func.count()])
    return int(conn.execute(stmt, params).scalar_one())
