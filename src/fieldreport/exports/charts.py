"""The series behind the charts: incidents per week by event type or region, severity by week.

Pure functions over report documents, one pass, memory bounded by weeks × categories (not by
reports). The GUI draws them with Qt; the sitrep PDF with reportlab. Weeks are ISO weeks,
keyed by their Monday; weeks without incidents inside the span are filled with zeros so a
chart's x-axis has no holes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from fieldreport.domain import Taxonomy

UNKNOWN_REGION = "unknown"


@dataclass(frozen=True)
class WeeklySeries:
    """`counts[category][i]` incidents in the week starting `weeks[i]` (a Monday)."""

    weeks: tuple[date, ...]
    counts: dict[str, tuple[int, ...]]

    def total(self, category: str) -> int:
        return sum(self.counts.get(category, ()))


@dataclass(frozen=True)
class SeverityPoint:
    week: date
    incidents: int
    mean: float
    maximum: int
    severe: int  # severity 4 or 5


def week_of(occurred_at: str) -> date:
    """The Monday of the ISO week `occurred_at` falls in (in its own offset: Mali is UTC)."""
    day = datetime.fromisoformat(occurred_at).date()
    return day - timedelta(days=day.weekday())


def _weeks_between(first: date, last: date) -> tuple[date, ...]:
    count = (last - first).days // 7 + 1
    return tuple(first + timedelta(weeks=i) for i in range(count))


class WeeklyCounter:
    """Incidents per week and category, fed one report at a time (the sitrep's single pass)."""

    def __init__(self, key: Callable[[dict[str, Any]], str]) -> None:
        self._key = key
        self._cells: dict[str, dict[date, int]] = defaultdict(lambda: defaultdict(int))
        self._seen: set[date] = set()

    def add(self, doc: dict[str, Any]) -> None:
        week = week_of(doc["occurred_at"])
        self._seen.add(week)
        self._cells[self._key(doc)][week] += 1

    def series(self) -> WeeklySeries:
        if not self._seen:
            return WeeklySeries((), {})
        weeks = _weeks_between(min(self._seen), max(self._seen))
        counts = {
            cat: tuple(per.get(w, 0) for w in weeks) for cat, per in sorted(self._cells.items())
        }
        return WeeklySeries(weeks, counts)


class SeverityCounter:
    """Severity per week, fed one report at a time."""

    def __init__(self) -> None:
        self._totals: dict[date, list[int]] = {}  # week -> count, sum, max, severe

    def add(self, doc: dict[str, Any]) -> None:
        severity = int(doc["severity"])
        entry = self._totals.setdefault(week_of(doc["occurred_at"]), [0, 0, 0, 0])
        entry[0] += 1
        entry[1] += severity
        entry[2] = max(entry[2], severity)
        entry[3] += severity >= 4

    def points(self) -> list[SeverityPoint]:
        if not self._totals:
            return []
        points = []
        for week in _weeks_between(min(self._totals), max(self._totals)):
            n, total, top, severe = self._totals.get(week, [0, 0, 0, 0])
            points.append(SeverityPoint(week, n, round(total / n, 2) if n else 0.0, top, severe))
        return points


def event_type_key(doc: dict[str, Any]) -> str:
    return str(doc["event_type"])


def region_key(doc: dict[str, Any]) -> str:
    return (doc.get("location") or {}).get("adm1_pcode") or UNKNOWN_REGION


def weekly_counts(
    reports: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], str]
) -> WeeklySeries:
    counter = WeeklyCounter(key)
    for doc in reports:
        counter.add(doc)
    return counter.series()


def by_event_type(reports: Iterable[dict[str, Any]]) -> WeeklySeries:
    return weekly_counts(reports, event_type_key)


def by_region(reports: Iterable[dict[str, Any]]) -> WeeklySeries:
    """Keyed by admin-1 P-code ("unknown" when none); `region_names` gives their names."""
    return weekly_counts(reports, region_key)


def region_names(series: WeeklySeries, taxonomy: Taxonomy) -> dict[str, str]:
    return {code: taxonomy.adm1_name(code) or code for code in series.counts}


def severity_over_time(reports: Iterable[dict[str, Any]]) -> list[SeverityPoint]:
    counter = SeverityCounter()
    for doc in reports:
        counter.add(doc)
    return counter.points()


@dataclass(frozen=True)
class ChartData:
    """All three series, from one pass over the reports (what the GUI's chart tab shows)."""

    by_event_type: WeeklySeries
    by_region: WeeklySeries
    severity: list[SeverityPoint]


def chart_data(reports: Iterable[dict[str, Any]]) -> ChartData:
    types, regions, severity = (
        WeeklyCounter(event_type_key),
        WeeklyCounter(region_key),
        SeverityCounter(),
    )
    for doc in reports:
        types.add(doc)
        regions.add(doc)
        severity.add(doc)
    return ChartData(types.series(), regions.series(), severity.points())
