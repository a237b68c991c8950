"""The demo incidents shipped for `make run`: all valid, varied, and about the Sahel of 2026."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from importlib import resources
from typing import Any

import pytest

from fieldreport.domain import STORE_MANAGED_FIELDS, load_taxonomy, parse_report

RAW = (resources.files("fieldreport") / "demo" / "incidents.json").read_text("utf-8")
INCIDENTS: list[dict[str, Any]] = json.loads(RAW)
TAXONOMY = load_taxonomy()


def test_there_are_thirty_incidents() -> None:
    assert isinstance(INCIDENTS, list)
    assert len(INCIDENTS) == 30


@pytest.mark.parametrize("index", range(len(INCIDENTS)))
def test_every_incident_parses_and_round_trips(index: int) -> None:
    data = INCIDENTS[index]
    assert not set(data) & set(STORE_MANAGED_FIELDS)
    report = parse_report(data)
    assert parse_report(report.to_dict()) == report
    # Dates in October-November 2026, Mali time (+00:00).
    assert (
        datetime(2026, 10, 1).date() <= report.occurred_at.date() <= datetime(2026, 11, 30).date()
    )
    assert report.occurred_at.utcoffset() == timedelta(0)
    # Inside Mali's bounding box, with a region P-code.
    assert report.location.lat is not None and report.location.lon is not None
    assert 10.0 <= report.location.lat <= 25.0 and -12.5 <= report.location.lon <= 4.5
    assert report.location.adm1_pcode in TAXONOMY.adm1_pcodes()


def test_coordinates_are_written_with_five_decimals() -> None:
    coordinates = re.findall(r'"(?:lat|lon)": (-?[0-9.]+)', RAW)
    assert len(coordinates) == 60
    assert all(re.fullmatch(r"-?\d+\.\d{5}", value) for value in coordinates), coordinates


def test_the_set_is_varied() -> None:
    reports = [parse_report(data) for data in INCIDENTS]
    assert {r.severity for r in reports} == {1, 2, 3, 4, 5}
    assert {r.event_type for r in reports} == set(TAXONOMY.event_types())
    assert len({r.location.adm1_pcode for r in reports}) >= 8
    assert sum(bool(r.actors) for r in reports) >= 15
    assert sum(r.casualties.killed + r.casualties.abducted > 0 for r in reports) >= 8
    assert sum(r.source is not None for r in reports) >= 25
    assert {r.sharing_level for r in reports} == {"internal", "partners", "public"}
    assert {r.occurred_at.month for r in reports} == {10, 11}
    french = [r for r in reports if re.search(r"\b(le|la|les|des|du|à|près)\b", r.title)]
    assert 8 <= len(french) <= 22  # a mix of French and English titles


def test_the_situation_of_the_context_note_is_covered() -> None:
    text = RAW.lower()
    for place in ("tombouctou", "goundam", "tonka", "gao", "ménaka", "mopti", "douentza",
                  "bamako", "kidal", "ségou", "niono", "léré", "boni", "hombori"):  # fmt: skip
        assert place in text or place.replace("tombouctou", "timbuktu") in text, place
    for topic in ("fuel", "checkpoint", "abduct", "ied", "road", "threat", "leave bamako"):
        assert topic in text, topic


def test_no_private_person_is_named() -> None:
    # The context note names the influencer killed in Tonka: the demo must describe, not name.
    assert "mariame" not in RAW.lower()
    assert "cissé" not in RAW.lower()
