"""One pass over the reports for the situation report, keeping only what the PDF prints.

Memory stays bounded whatever the number of reports: counters, the few highlights, the
first MAX_TABLE_ROWS table rows, and at most MAX_MAP_POINTS map points (a map of more dots
than that is a blot anyway).
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fieldreport.exports.charts import SeverityCounter, WeeklyCounter, event_type_key

MAX_TABLE_ROWS = 400
MAX_MAP_POINTS = 5000
HIGHLIGHTS = 5


@dataclass(frozen=True, order=True)
class Highlight:
    severity: int
    occurred_at: str
    title: str = field(compare=False)
    place: str = field(compare=False)
    event_type: str = field(compare=False)
    sub_event_type: str = field(compare=False)
    killed: int = field(compare=False)


@dataclass
class SitrepSummary:
    count: int = 0
    first: str | None = None
    last: str | None = None
    casualties: Counter[str] = field(default_factory=Counter)
    severe: int = 0
    by_event_type: Counter[str] = field(default_factory=Counter)
    by_region: Counter[str] = field(default_factory=Counter)
    weekly: WeeklyCounter = field(default_factory=lambda: WeeklyCounter(event_type_key))
    severity: SeverityCounter = field(default_factory=SeverityCounter)
    rows: list[dict[str, Any]] = field(default_factory=list)
    points: list[tuple[float, float, int]] = field(default_factory=list)  # lon, lat, severity
    _top: list[Highlight] = field(default_factory=list)

    def add(self, doc: dict[str, Any]) -> None:
        self.count += 1
        when = str(doc["occurred_at"])
        self.first = when if self.first is None or when < self.first else self.first
        self.last = when if self.last is None or when > self.last else self.last
        casualties = doc.get("casualties") or {}
        for kind in ("killed", "injured", "abducted", "detained"):
            self.casualties[kind] += int(casualties.get(kind) or 0)
        severity = int(doc["severity"])
        self.severe += severity >= 4
        self.by_event_type[doc["event_type"]] += 1
        loc = doc.get("location") or {}
        self.by_region[loc.get("adm1_pcode") or ""] += 1
        self.weekly.add(doc)
        self.severity.add(doc)
        if len(self.rows) < MAX_TABLE_ROWS:
            self.rows.append(_table_row(doc))
        if loc.get("lat") is not None and len(self.points) < MAX_MAP_POINTS:
            self.points.append((float(loc["lon"]), float(loc["lat"]), severity))
        item = Highlight(
            severity,
            when,
            str(doc.get("title") or ""),
            str(loc.get("name") or ""),
            doc["event_type"],
            doc["sub_event_type"],
            int(casualties.get("killed") or 0),
        )
        if len(self._top) < HIGHLIGHTS:
            heapq.heappush(self._top, item)
        else:
            heapq.heappushpop(self._top, item)

    def highlights(self) -> list[Highlight]:
        """The most severe incidents, the latest first among equals."""
        return sorted(self._top, reverse=True)


def _table_row(doc: dict[str, Any]) -> dict[str, Any]:
    loc = doc.get("location") or {}
    casualties = doc.get("casualties") or {}
    return {
        "date": str(doc["occurred_at"])[:10],
        "adm1": loc.get("adm1_pcode") or "",
        "place": loc.get("name") or "",
        "event_type": doc["event_type"],
        "sub_event_type": doc["sub_event_type"],
        "severity": int(doc["severity"]),
        "killed": int(casualties.get("killed") or 0),
        "injured": int(casualties.get("injured") or 0),
        "title": str(doc.get("title") or ""),
    }
