"""The charts draw what exports.charts.chart_data computes, for the reports the filter selects."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from fieldreport.exports.charts import chart_data
from fieldreport.gui.charts_view import ChartsView, nice_step
from fieldreport.gui.report_filter import ReportFilter
from fieldreport.store.store import Store
from tests.conftest import minimal_report

BONI = {"name": "Boni", "lat": 15.08, "lon": -1.86, "adm1_pcode": "ML05"}


@pytest.fixture
def seeded(store: Store) -> Store:
    store.add_report(minimal_report(occurred_at="2026-10-01T08:00:00+00:00", severity=2))
    store.add_report(minimal_report(occurred_at="2026-10-02T08:00:00+00:00", severity=5))
    store.add_report(
        minimal_report(
            occurred_at="2026-10-03T08:00:00+00:00",
            event_type="Battles",
            sub_event_type="Armed clash",
            location=BONI,
            severity=4,
        )
    )
    # a week with nothing in between, then one more
    store.add_report(
        minimal_report(occurred_at="2026-10-20T08:00:00+00:00", location=BONI, severity=1)
    )
    return store


def _view(qtbot: Any, store: Store, flt: ReportFilter | None = None) -> ChartsView:
    view = ChartsView(store, flt)
    qtbot.addWidget(view)
    view.resize(900, 420)
    view.show()
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    return view


def _drawn(bars: list[Any]) -> dict[tuple[str, date], int]:
    totals: dict[tuple[str, date], int] = defaultdict(int)
    for bar in bars:
        totals[(bar.category, bar.week)] += bar.count
    return dict(totals)


def _expected(series: Any) -> dict[tuple[str, date], int]:
    return {
        (cat, week): n
        for cat, counts in series.counts.items()
        for week, n in zip(series.weeks, counts, strict=True)
        if n
    }


def test_weekly_bars_match_chart_data(qtbot: Any, seeded: Store) -> None:
    view = _view(qtbot, seeded)
    expected = chart_data(seeded.list_reports())
    assert view.data == expected
    view.tabs.setCurrentWidget(view.by_type)
    view.by_type.grab()
    assert _drawn(view.by_type.bars) == _expected(expected.by_event_type)
    assert view.by_type.weeks == (
        date(2026, 9, 28),
        date(2026, 10, 5),
        date(2026, 10, 12),
        date(2026, 10, 19),
    )
    # Bar heights are proportional to the counts (two incidents: twice as tall as one).
    heights = {(b.category, b.week): b.rect.height() for b in view.by_type.bars}
    two = heights[("Strategic developments", date(2026, 9, 28))]
    one = heights[("Battles", date(2026, 9, 28))]
    assert two == pytest.approx(2 * one)
    view.tabs.setCurrentWidget(view.by_region)
    view.by_region.grab()
    assert _drawn(view.by_region.bars) == _expected(expected.by_region)
    assert view.by_region.labels["ML05"] == "Mopti"


def test_severity_bars_and_mean_line_match_chart_data(qtbot: Any, seeded: Store) -> None:
    view = _view(qtbot, seeded)
    view.tabs.setCurrentWidget(view.severity)
    view.severity.grab()
    points = chart_data(seeded.list_reports()).severity
    severe = {(b.week, b.count) for b in view.severity.bars if b.category == "severe"}
    assert severe == {(p.week, p.severe) for p in points if p.severe}
    assert sum(b.count for b in view.severity.bars) == sum(p.incidents for p in points) == 4
    weeks_with_incidents = [p for p in points if p.incidents]
    assert len(view.severity.line) == len(weeks_with_incidents) == 2
    plot = view.severity.plot
    for point, drawn in zip(weeks_with_incidents, view.severity.line, strict=True):
        assert (plot.bottom() - drawn.y()) / plot.height() * 5 == pytest.approx(point.mean)


def test_filter_changes_redraw_and_keyboard_reads_a_week(qtbot: Any, seeded: Store) -> None:
    shared = ReportFilter()
    view = _view(qtbot, seeded, shared)
    with qtbot.waitSignal(view.loaded, timeout=10000):
        shared.update(adm1_pcode="ML05")
    assert view.data.by_region.counts == {"ML05": (1, 0, 0, 1)}
    assert "2" in view.status.text()
    chart = view.by_type
    view.tabs.setCurrentWidget(chart)
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert chart.current == 0
    assert "2026-09-28" in chart.accessibleDescription()
    assert "Battles: 1" in chart.accessibleDescription()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.accessibleDescription() == "2026-10-05"  # an empty week


def test_no_reports_says_so(qtbot: Any, store: Store) -> None:
    view = _view(qtbot, store)
    view.by_type.grab()
    assert view.by_type.bars == []
    assert view.by_type.empty_text == "No incidents match the filters."


def test_nice_steps() -> None:
    assert [nice_step(v) for v in (0, 3, 7, 12, 48, 230)] == [1, 1, 2, 5, 10, 50]


def test_a_hidden_view_reloads_only_once_shown(qtbot: Any, seeded: Store) -> None:
    """The map and the charts read every matching report: nothing is read for a tab nobody
    sees (a search typed in the list, a bundle exported); it is read when it is shown."""
    flt = ReportFilter()
    view = ChartsView(seeded, flt)
    qtbot.addWidget(view)
    flt.update(text="")  # a filter change while hidden
    view.reload()
    assert not view.loading and view.data.by_event_type.weeks == ()
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.data.by_event_type.weeks != (), timeout=10000)
    assert view.data == chart_data(seeded.list_reports())
