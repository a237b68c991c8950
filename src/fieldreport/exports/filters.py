"""Which reports an export holds, read page by page so 100k reports never sit in memory.

The indexed filters (dates, region, event type) go to the store's list index; the sharing
level is not indexed and is checked here. All pages are read inside one read transaction, so
an export is a consistent snapshot even while the GUI keeps saving reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fieldreport.errors import UsageError
from fieldreport.store.points import report_documents
from fieldreport.store.search import ReportQuery
from fieldreport.store.store import Store

# From most to least restricted: a filter on a level keeps that level and the more open ones.
SHARING_LEVELS = ("internal", "partners", "public")
PAGE_SIZE = 1000


@dataclass(frozen=True)
class ExportFilter:
    since: str | None = None  # RFC 3339, on occurred_at, inclusive
    until: str | None = None
    adm1_pcode: str | None = None
    event_type: str | None = None
    sharing_level: str | None = None  # at least this open (None: every level)
    partner_safe: bool = False  # never includes `internal`, whatever sharing_level says

    def report_query(self) -> ReportQuery:
        """The store query of this filter (sharing levels are applied on the documents)."""
        return ReportQuery(
            since=self.since,
            until=self.until,
            adm1_pcode=self.adm1_pcode,
            event_type=self.event_type,
        )

    def allowed_levels(self) -> tuple[str, ...]:
        start = SHARING_LEVELS.index(self.sharing_level) if self.sharing_level else 0
        if self.partner_safe:
            start = max(start, 1)
        return SHARING_LEVELS[start:]

    def describe(self) -> str:
        """A short human summary for file headers and the sitrep's cover."""
        parts = []
        if self.since or self.until:
            parts.append(f"{(self.since or '…')[:10]} – {(self.until or '…')[:10]}")
        if self.adm1_pcode:
            parts.append(self.adm1_pcode)
        if self.event_type:
            parts.append(self.event_type)
        if self.sharing_level:
            parts.append(f"sharing: {self.sharing_level} or more open")
        if self.partner_safe:
            parts.append("partner-safe")
        return ", ".join(parts)


def date_bound(value: str, *, end_of_day: bool) -> str:
    """YYYY-MM-DD or an RFC 3339 date-time → an RFC 3339 bound (UsageError when malformed).

    A bare date means the whole day: from 00:00:00 as a start, to 23:59:59 as an end (UTC,
    Mali's offset).
    """
    text = value.strip()
    if len(text) == 10:
        text += "T23:59:59+00:00" if end_of_day else "T00:00:00+00:00"
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise UsageError(f"{value!r} is not a date (YYYY-MM-DD) or an RFC 3339 date-time") from None
    if parsed.tzinfo is None:
        raise UsageError(f"{value!r} has no UTC offset; add +00:00")
    return parsed.isoformat()


def iter_reports(store: Store, flt: ExportFilter) -> Iterator[dict[str, Any]]:
    """Report documents (as `report list --json` prints them) matching `flt`, oldest first,
    a page at a time inside one read transaction (store/points.py)."""
    levels = frozenset(flt.allowed_levels())
    for doc in report_documents(store, flt.report_query(), PAGE_SIZE):
        if doc.get("sharing_level", "internal") in levels:
            yield doc
