"""The chart series: incidents per week by event type and by region, severity over time."""

from __future__ import annotations

from datetime import date
from typing import Any

from fieldreport.domain import load_taxonomy
from fieldreport.exports import ExportFilter, iter_reports
from fieldreport.exports.charts import (
    by_event_type,
    by_region,
    chart_data,
    region_names,
    severity_over_time,
    week_of,
)
from tests.exports.conftest import Sample


def test_week_of_is_the_monday() -> None:
    assert week_of("2026-11-05T10:00:00+00:00") == date(2026, 11, 2)  # a Thursday
    assert week_of("2026-11-02T00:00:00+00:00") == date(2026, 11, 2)
    assert week_of("2026-11-08T23:59:59+00:00") == date(2026, 11, 2)


def test_weekly_series_by_event_type(filled_store: Any, samples: dict[str, Sample]) -> None:
    series = by_event_type(iter_reports(filled_store, ExportFilter()))
    # 2026-10-03 is in the week of 28 September; 2026-11-05 in the week of 2 November.
    assert series.weeks[0] == date(2026, 9, 28) and series.weeks[-1] == date(2026, 11, 2)
    assert len(series.weeks) == 6  # no gaps, empty weeks included
    assert series.counts["Battles"] == (0, 0, 0, 0, 0, 1)
    assert series.counts["Violence against civilians"] == (0, 1, 0, 0, 0, 0)
    assert series.counts["Strategic developments"] == (1, 0, 1, 1, 0, 1)
    assert sum(series.total(c) for c in series.counts) == 6


def test_weekly_series_by_region(filled_store: Any, samples: dict[str, Sample]) -> None:
    series = by_region(iter_reports(filled_store, ExportFilter()))
    assert series.total("ML05") == 2 and series.total("ML06") == 3 and series.total("ML04") == 1
    assert region_names(series, load_taxonomy())["ML05"] == "Mopti"


def test_severity_over_time(filled_store: Any, samples: dict[str, Sample]) -> None:
    points = severity_over_time(iter_reports(filled_store, ExportFilter()))
    by_week = {p.week: p for p in points}
    nov = by_week[date(2026, 11, 2)]
    assert (nov.incidents, nov.maximum, nov.severe) == (2, 4, 1)
    assert nov.mean == 3.0  # severities 4 and 2
    assert by_week[date(2026, 10, 5)].maximum == 5
    assert by_week[date(2026, 10, 26)].incidents == 0  # a quiet week is still a point


def test_series_of_nothing_are_empty() -> None:
    assert by_event_type([]).weeks == () and severity_over_time([]) == []


def test_chart_data_in_one_pass_matches_the_single_series(
    filled_store: Any, samples: dict[str, Sample]
) -> None:
    data = chart_data(iter_reports(filled_store, ExportFilter(partner_safe=True)))
    docs = list(iter_reports(filled_store, ExportFilter(partner_safe=True)))
    assert data.by_event_type == by_event_type(docs)
    assert data.by_region == by_region(docs)
    assert data.severity == severity_over_time(docs)
    assert sum(data.by_region.total(c) for c in data.by_region.counts) == 5
