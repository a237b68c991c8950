"""Incident points for the map: coordinates from the body, filters shared with the list."""

from __future__ import annotations

from typing import Any

from fieldreport.store.points import incident_points
from fieldreport.store.search import ReportQuery
from tests.conftest import minimal_report


def test_points_carry_coordinates_and_follow_filters(store: Any) -> None:
    store.add_report(minimal_report(title="A", severity=2))
    store.add_report(
        minimal_report(
            title="B",
            event_type="Battles",
            sub_event_type="Armed clash",
            severity=5,
            occurred_at="2026-11-01T08:00:00+00:00",
            location={"name": "Boni", "lat": 15.08, "lon": -1.86, "adm1_pcode": "ML05"},
        )
    )
    store.add_report(minimal_report(title="C", location={"name": "Somewhere"}))
    every = incident_points(store)
    assert [p.title for p in every.points] == ["B", "A"]  # oldest first
    assert every.without_coordinates == 1
    boni = every.points[0]
    assert (boni.lat, boni.lon, boni.severity, boni.adm1_pcode) == (15.08, -1.86, 5, "ML05")
    assert boni.event_type == "Battles"
    assert boni.occurred_at.startswith("2026-11-01")
    battles = incident_points(store, ReportQuery(event_type="Battles", limit=10))
    assert [p.title for p in battles.points] == ["B"]
    severe = incident_points(store, ReportQuery(severity_min=3))
    assert [p.title for p in severe.points] == ["B"]
    assert incident_points(store, ReportQuery(text="nothingmatches")).points == ()
