"""parse_report rules: each refused input names the exact field; valid input round-trips."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from importlib import resources
from typing import Any

import pytest

from fieldreport.domain import (
    STORE_MANAGED_FIELDS,
    Actor,
    Casualties,
    Report,
    ReportValidationError,
    Source,
    load_taxonomy,
    parse_report,
    parse_taxonomy,
)
from fieldreport.errors import FieldReportError

MINIMAL: dict[str, Any] = {
    "title": "Checkpoint on the Timbuktu–Goundam road",
    "occurred_at": "2026-11-20T14:30:00+00:00",
    "event_type": "Strategic developments",
    "sub_event_type": "Other",
    "location": {"name": "Tonka", "lat": 16.131, "lon": -3.749, "adm1_pcode": "ML06"},
    "narrative": "…",
    "severity": 3,
}

FULL: dict[str, Any] = {
    "report_type": "update",
    "parent_id": "0192F0C1-7B3A-7C4E-9D2F-0123456789AB",
    "title": "  Two drivers abducted near Léré  ",
    "occurred_at": "2026-10-17T13:45:00Z",
    "occurred_end": "2026-10-18T09:00:00+01:00",
    "time_precision": 2,
    "location": {
        "name": "Léré",
        "lat": 15.715834,
        "lon": -4.916114,
        "geo_precision": 2,
        "adm1_pcode": "ML06",
        "adm2_pcode": "ML0604",
        "location_type": "road",
    },
    "event_type": "Violence against civilians",
    "sub_event_type": "Abduction/forced disappearance",
    "act": "confine",
    "means": "Kidnapping",
    "attack_context": "Individual attack",
    "actors": [
        {"type": "rebel_group", "role": "perpetrator"},
        {"name": "Two contracted drivers", "type": "civilians", "role": "target"},
    ],
    "casualties": {"abducted": 2, "civilians": 2, "male": 2},
    "fatalities_basis": "reported",
    "org_affected": "INGO",
    "programme_impact": "suspension",
    "severity": 4,
    "source": {"type": "staff", "reliability": "B", "credibility": 2, "name": "Field monitor"},
    "narrative": "Stopped 10 km from Léré.\r\nTaken with the truck.\tNo claim.",
    "actions_taken": "Crisis cell convened.",
    "follow_up": "",
    "sharing_level": "partners",
    "tags": ["abduction", "drivers", "abduction"],
}

STORE_VALUES: dict[str, Any] = {
    "id": "0192f0c1-7b3a-7c4e-9d2f-aaaaaaaaaaaa",
    "revision": 3,
    "status": "sent",
    "reported_at": "2026-10-17T15:00:00+00:00",
    "attachments": [
        {
            "id": "0192f0c1-7b3a-7c4e-9d2f-bbbbbbbbbbbb",
            "name": "photo checkpoint.jpg",
            "size": 123456,
            "sha256": "AB" * 32,
            "media_type": "image/JPEG",
        }
    ],
}


def with_value(base: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A deep copy of `base` with `path` (dotted, `actors[1].type`) set; `...` deletes it."""
    data = copy.deepcopy(base)
    target: Any = data
    parts = path.replace("[", ".").replace("]", "").split(".")
    for part in parts[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    last = parts[-1]
    if value is ...:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


def refusal(data: Any, **kwargs: Any) -> ReportValidationError:
    with pytest.raises(ReportValidationError) as caught:
        parse_report(data, **kwargs)
    error = caught.value
    message = str(error)
    assert "\n" not in message and "\r" not in message, message
    if error.field:  # the report object itself has no field name to start with
        named = message.startswith(f"{error.field}: ") or message.startswith("unknown field")
        assert named, message
    return error


# (path, value or ... to delete, field named, words the message must contain)
BAD_INPUTS: list[tuple[str, Any, str, str]] = [
    # required fields
    ("title", ..., "title", "is required"),
    ("title", "   ", "title", "must not be empty"),
    ("title", "x" * 201, "title", "at most 200"),
    ("title", 42, "title", "expected text, got an integer (42)"),
    ("title", "two\nlines", "title", "single line"),
    ("title", "bell\x07", "title", "U+0007"),
    ("occurred_at", ..., "occurred_at", "is required"),
    ("event_type", ..., "event_type", "is required"),
    ("sub_event_type", ..., "sub_event_type", "is required"),
    ("location", ..., "location", "is required"),
    ("location", "Tonka", "location", "expected an object, got text"),
    ("location.name", ..., "location.name", "is required"),
    ("location.name", "", "location.name", "must not be empty"),
    ("severity", ..., "severity", "is required"),
    # dates
    ("occurred_at", "2026-13-01", "occurred_at", "'2026-13-01' is not an RFC 3339 date-time"),
    ("occurred_at", "2026-11-20T14:30:00", "occurred_at", "offset is missing"),
    ("occurred_at", "2026-11-20", "occurred_at", "e.g. 2026-11-20T14:30:00+00:00"),
    ("occurred_at", "2026-11-20T14:30+00:00", "occurred_at", "not an RFC 3339"),
    ("occurred_at", "2026-02-30T10:00:00+00:00", "occurred_at", "day is out of range"),
    ("occurred_at", "2026-11-20T24:00:00+00:00", "occurred_at", "hour must be in"),
    ("occurred_at", "2026-11-20T14:30:00+24:00", "occurred_at", "offset is out of range"),
    ("occurred_at", "2026-12-31T23:59:60+00:00", "occurred_at", "leap second"),
    ("occurred_at", "1800-01-01T00:00:00+00:00", "occurred_at", "between 1900 and 2199"),
    ("occurred_at", "٢٠٢٦-11-20T14:30:00+00:00", "occurred_at", "not an RFC 3339"),
    ("occurred_at", 1763649000, "occurred_at", "got an integer"),
    ("occurred_end", "2026-11-20T14:00:00+00:00", "occurred_end", "is before occurred_at"),
    ("occurred_end", "2026-11-20T15:29:00+01:00", "occurred_end", "is before occurred_at"),
    # ACLED pair
    ("event_type", "Battle", "event_type", "allowed: Battles, "),
    ("sub_event_type", "Grenade", "sub_event_type", "does not belong to event type"),
    ("sub_event_type", "other", "sub_event_type", "allowed: Agreement, Arrests"),
    # location
    ("location.lat", 95.0, "location.lat", "95.0 is out of range (-90 to 90)"),
    ("location.lat", -90.5, "location.lat", "out of range"),
    ("location.lon", 181, "location.lon", "181 is out of range (-180 to 180)"),
    ("location.lat", float("nan"), "location.lat", "not a finite number"),
    ("location.lon", float("inf"), "location.lon", "not a finite number"),
    ("location.lat", True, "location.lat", "got a boolean"),
    ("location.lat", "16.1", "location.lat", "expected a number, got text"),
    ("location.lat", 10**400, "location.lat", "out of range"),
    ("location.lon", ..., "location.lon", "is required when location.lat is given"),
    ("location.lat", ..., "location.lat", "is required when location.lon is given"),
    ("location.adm1_pcode", "ML11", "location.adm1_pcode", "allowed: ML01, ML02"),
    ("location.adm1_pcode", "ML-6", "location.adm1_pcode", "ISO 3166-2"),
    ("location.adm2_pcode", "ML061", "location.adm2_pcode", "not an admin-2 P-code"),
    ("location.adm2_pcode", "ML0701", "location.adm2_pcode", "must start with ML06"),
    ("location.geo_precision", 4, "location.geo_precision", "allowed: 1, 2, 3"),
    ("location.location_type", "street", "location.location_type", "allowed: road, home"),
    ("location.alt", 300, "location.alt", "unknown field 'location.alt' (allowed: name, lat"),
    # vocabularies
    ("report_type", "final", "report_type", "allowed: immediate, update, post_incident"),
    ("report_type", "update", "parent_id", "required when report_type is 'update'"),
    ("parent_id", "not-a-uuid", "parent_id", "is not a UUID"),
    ("time_precision", 4, "time_precision", "allowed: 1, 2, 3"),
    ("time_precision", "1", "time_precision", "expected an integer, got text"),
    ("act", "bomb", "act", "allowed: attack, confine, theft, threat, other"),
    ("means", "shooting", "means", "allowed: Shooting, Kidnapping"),
    ("attack_context", "ambush", "attack_context", "allowed: Ambush,"),
    ("fatalities_basis", "guess", "fatalities_basis", "allowed: reported, estimate"),
    ("org_affected", "ngo", "org_affected", "allowed: UN, INGO"),
    ("programme_impact", "stop", "programme_impact", "allowed: none, delay"),
    ("sharing_level", "secret", "sharing_level", "allowed: internal, partners, public"),
    ("severity", 0, "severity", "allowed: 1, 2, 3, 4, 5"),
    ("severity", 6, "severity", "allowed: 1, 2, 3, 4, 5"),
    ("severity", True, "severity", "expected an integer, got a boolean (true)"),
    ("severity", 3.0, "severity", "expected an integer, got a number (3.0)"),
    ("severity", "3", "severity", "expected an integer, got text"),
    # actors
    ("actors", {"type": "civilians"}, "actors", "expected an array, got an object"),
    ("actors", [{"type": "civilians", "role": "target"}] * 51, "actors", "at most 50"),
    ("actors", ["JNIM"], "actors[0]", "expected an object"),
    ("actors", [{"role": "target"}], "actors[0].type", "is required"),
    (
        "actors",
        [{"type": "civilians", "role": "target"}, {"type": "army", "role": "target"}],
        "actors[1].type",
        "allowed: state_forces",
    ),
    (
        "actors",
        [{"type": "civilians", "role": "victim"}],
        "actors[0].role",
        "allowed: perpetrator, target, other",
    ),
    (
        "actors",
        [{"type": "civilians", "role": "target", "name": "n" * 201}],
        "actors[0].name",
        "at most 200",
    ),
    (
        "actors",
        [{"type": "civilians", "role": "target", "age": 30}],
        "actors[0].age",
        "unknown field 'actors[0].age'",
    ),
    # casualties
    ("casualties", [1], "casualties", "expected an object"),
    ("casualties", {"killed": -1}, "casualties.killed", "-1 is out of range (0 to 1000000)"),
    ("casualties", {"injured": 1_000_001}, "casualties.injured", "out of range"),
    ("casualties", {"abducted": 1.5}, "casualties.abducted", "expected an integer"),
    ("casualties", {"female": False}, "casualties.female", "got a boolean"),
    ("casualties", {"wounded": 2}, "casualties.wounded", "unknown field 'casualties.wounded'"),
    # source
    ("source", {"reliability": "A"}, "source.type", "is required"),
    ("source", {"type": "radio"}, "source.type", "allowed: witness, staff"),
    ("source", {"type": "staff", "reliability": "G"}, "source.reliability", "allowed: A, B, C"),
    ("source", {"type": "staff", "credibility": 7}, "source.credibility", "allowed: 1, 2"),
    ("source", {"type": "staff", "credibility": "2"}, "source.credibility", "expected an integer"),
    ("source", {"type": "staff", "name": "a\nb"}, "source.name", "single line"),
    ("source", {"type": "staff", "url": "x"}, "source.url", "unknown field 'source.url'"),
    # free text
    ("narrative", "x" * 20_001, "narrative", "at most 20000"),
    ("narrative", "nul\x00byte", "narrative", "U+0000"),
    ("narrative", "broken \ud800 surrogate", "narrative", "unpaired surrogate"),
    ("actions_taken", ["a"], "actions_taken", "expected text, got an array"),
    ("follow_up", {"a": 1}, "follow_up", "expected text, got an object"),
    # tags
    ("tags", "fuel", "tags", "expected an array, got text"),
    ("tags", [f"t{i}" for i in range(31)], "tags", "at most 30"),
    ("tags", ["fuel", " "], "tags[1]", "must not be empty"),
    ("tags", ["x" * 51], "tags[0]", "at most 50"),
    ("tags", ["fuel", 3], "tags[1]", "expected text, got an integer"),
    # unknown and store-managed fields
    ("colour", "red", "colour", "unknown field 'colour' (allowed: report_type, parent_id, title"),
]


@pytest.mark.parametrize(("path", "value", "field", "words"), BAD_INPUTS)
def test_bad_input_is_refused_naming_the_field(
    path: str, value: Any, field: str, words: str
) -> None:
    error = refusal(with_value(MINIMAL, path, value))
    assert error.field == field
    assert words in str(error)


@pytest.mark.parametrize("name", STORE_MANAGED_FIELDS)
def test_store_managed_fields_are_refused_in_input(name: str) -> None:
    error = refusal({**MINIMAL, name: STORE_VALUES[name]})
    assert error.field == name
    assert str(error).startswith(f"{name}: is set by the store")


def test_store_fields_are_refused_even_when_null() -> None:
    assert refusal({**MINIMAL, "id": None}).field == "id"


def test_several_unknown_fields_are_all_named() -> None:
    error = refusal({**MINIMAL, "colour": 1, "weather": 2})
    assert error.field == "colour"
    assert "unknown fields 'colour', 'weather'" in str(error)


@pytest.mark.parametrize("data", [[], "report", 3, None])
def test_a_report_must_be_an_object(data: Any) -> None:
    error = refusal(data)
    assert error.field == ""
    assert "must be a JSON object" in str(error)


def test_errors_are_fieldreport_errors_with_one_line() -> None:
    error = refusal(with_value(MINIMAL, "title", "a" * 500 + "\n"))
    assert isinstance(error, FieldReportError)
    assert error.problem == "is too long (500 characters, at most 200)"


def test_long_values_are_shortened_in_messages() -> None:
    error = refusal(with_value(MINIMAL, "act", "z" * 5000))
    assert len(str(error)) < 300


# -- store fields when importing ---------------------------------------------------------------


def test_store_fields_are_validated_and_kept_when_importing() -> None:
    report = parse_report({**MINIMAL, **STORE_VALUES}, allow_store_fields=True)
    assert report.id == STORE_VALUES["id"]
    assert report.revision == 3
    assert report.status == "sent"
    assert report.reported_at is not None and report.reported_at.hour == 15
    assert report.attachments is not None
    (attachment,) = report.attachments
    assert attachment.sha256 == "ab" * 32
    assert attachment.media_type == "image/jpeg"
    again = parse_report(report.to_dict(), allow_store_fields=True)
    assert again == report
    assert list(report.to_dict())[:3] == ["id", "revision", "status"]


STORE_BAD: list[tuple[str, Any, str, str]] = [
    ("id", "1234", "id", "is not a UUID"),
    ("id", 7, "id", "expected a UUID as text"),
    ("revision", 0, "revision", "out of range (1 to"),
    ("revision", True, "revision", "got a boolean"),
    ("status", "deleted", "status", "allowed: draft, final, sent, received"),
    ("reported_at", "2026-10-17 15:00:00", "reported_at", "offset is missing"),
    ("attachments", {}, "attachments", "expected an array"),
    ("attachments[0].id", "x", "attachments[0].id", "is not a UUID"),
    ("attachments[0].name", "../../etc/passwd", "attachments[0].name", "not a path"),
    ("attachments[0].name", "..", "attachments[0].name", "not a path"),
    ("attachments[0].size", -1, "attachments[0].size", "out of range"),
    ("attachments[0].size", ..., "attachments[0].size", "is required"),
    ("attachments[0].sha256", "abc", "attachments[0].sha256", "SHA-256"),
    ("attachments[0].media_type", "jpeg", "attachments[0].media_type", "media type"),
    ("attachments[0].path", "/tmp/x", "attachments[0].path", "unknown field"),
]


@pytest.mark.parametrize(("path", "value", "field", "words"), STORE_BAD)
def test_bad_store_fields_are_refused_when_importing(
    path: str, value: Any, field: str, words: str
) -> None:
    error = refusal(with_value({**MINIMAL, **STORE_VALUES}, path, value), allow_store_fields=True)
    assert error.field == field
    assert words in str(error)


def test_attachment_ids_must_be_unique() -> None:
    data = copy.deepcopy({**MINIMAL, **STORE_VALUES})
    data["attachments"].append(dict(data["attachments"][0]))
    error = refusal(data, allow_store_fields=True)
    assert error.field == "attachments[1].id"
    assert "listed twice" in str(error)


def test_a_report_cannot_update_itself() -> None:
    data = {**MINIMAL, **STORE_VALUES, "report_type": "update", "parent_id": STORE_VALUES["id"]}
    assert refusal(data, allow_store_fields=True).field == "parent_id"


# -- what valid input becomes ------------------------------------------------------------------


def test_minimal_report_gets_defaults() -> None:
    report = parse_report(MINIMAL)
    assert report.report_type == "immediate"
    assert report.time_precision == 1
    assert report.location.geo_precision == 1
    assert report.sharing_level == "internal"
    assert report.casualties == Casualties()
    assert report.casualties.female is None
    assert report.source is None
    assert report.actions_taken == ""
    assert report.tags == ()
    assert report.id is None and report.attachments is None


def test_to_dict_lists_every_field_in_schema_order() -> None:
    data = parse_report(MINIMAL).to_dict()
    expected = [
        "report_type", "parent_id", "title", "occurred_at", "occurred_end", "time_precision",
        "location", "event_type", "sub_event_type", "act", "means", "attack_context", "actors",
        "casualties", "fatalities_basis", "org_affected", "programme_impact", "severity",
        "source", "narrative", "actions_taken", "follow_up", "sharing_level", "tags",
    ]  # fmt: skip
    assert list(data) == expected
    assert list(data["location"]) == [
        "name", "lat", "lon", "geo_precision", "adm1_pcode", "adm2_pcode", "location_type",
    ]  # fmt: skip
    assert data["casualties"]["killed"] == 0 and data["casualties"]["civilians"] is None
    assert json.loads(json.dumps(data)) == data


def test_values_are_normalised() -> None:
    report = parse_report(FULL)
    assert report.title == "Two drivers abducted near Léré"
    assert report.parent_id == "0192f0c1-7b3a-7c4e-9d2f-0123456789ab"
    assert (report.location.lat, report.location.lon) == (15.71583, -4.91611)
    assert report.narrative == "Stopped 10 km from Léré.\nTaken with the truck.\tNo claim."
    assert report.tags == ("abduction", "drivers")
    assert report.actors[0] == Actor(type="rebel_group", role="perpetrator")
    assert report.source == Source(
        type="staff", reliability="B", credibility=2, name="Field monitor"
    )
    data = report.to_dict()
    assert data["occurred_at"] == "2026-10-17T13:45:00+00:00"  # Z written as +00:00
    assert data["occurred_end"] == "2026-10-18T09:00:00+01:00"  # the offset given is kept


def test_fractions_of_seconds_are_dropped_and_negative_offsets_kept() -> None:
    report = parse_report(with_value(MINIMAL, "occurred_at", "2026-11-20t14:30:05.987-01:30"))
    assert report.occurred_at.microsecond == 0
    assert report.occurred_at.utcoffset() == -timedelta(hours=1, minutes=30)
    assert report.to_dict()["occurred_at"] == "2026-11-20T14:30:05-01:30"


def test_negative_zero_coordinates_become_zero() -> None:
    location = {"name": "Null Island", "lat": -0.000001, "lon": 0}
    report = parse_report(with_value(MINIMAL, "location", location))
    assert str(report.location.lat) == "0.0" and report.location.lon == 0.0


def test_source_grading_defaults_to_cannot_be_judged() -> None:
    report = parse_report({**MINIMAL, "source": {"type": "witness"}})
    assert report.source == Source(type="witness", reliability="F", credibility=6)


def test_null_means_not_given_for_optional_fields() -> None:
    data = {
        **MINIMAL,
        "act": None,
        "report_type": None,
        "tags": None,
        "casualties": {"killed": None, "male": None},
        "location": {**MINIMAL["location"], "adm2_pcode": None},
    }
    assert parse_report(data) == parse_report(MINIMAL)


@pytest.mark.parametrize("data", [MINIMAL, FULL], ids=["minimal", "full"])
def test_round_trip(data: dict[str, Any]) -> None:
    report = parse_report(data)
    assert parse_report(report.to_dict(), allow_store_fields=False) == report
    assert parse_report(json.loads(json.dumps(report.to_dict()))) == report


def test_a_report_saved_by_the_store_round_trips_when_importing() -> None:
    stored = replace(parse_report(FULL), id=STORE_VALUES["id"], revision=1, status="final")
    assert parse_report(stored.to_dict(), allow_store_fields=True) == stored
    assert "reported_at" not in stored.to_dict()


def test_search_text() -> None:
    report = parse_report(FULL)
    text = report.search_text()
    assert text["title"] == "Two drivers abducted near Léré"
    assert text["body"].split("\n") == [
        "Stopped 10 km from Léré.",
        "Taken with the truck.\tNo claim.",
        "Crisis cell convened.",
        "Two contracted drivers",
        "Field monitor",
        "abduction",
        "drivers",
    ]
    assert text["place"] == "Léré ML06 ML0604"
    assert report.search_text(load_taxonomy())["place"] == "Léré ML06 ML0604 Tombouctou"


def test_reports_are_frozen() -> None:
    report = parse_report(MINIMAL)
    with pytest.raises(AttributeError):
        report.title = "changed"  # type: ignore[misc]
    assert isinstance(report, Report)


def test_codes_come_from_the_given_taxonomy() -> None:
    packaged = resources.files("fieldreport") / "resources" / "taxonomy.json"
    document = json.loads(packaged.read_text("utf-8"))
    document["vocabularies"]["act"].append(
        {"code": "extortion", "labels": {"en": "Extortion", "fr": "Extorsion"}}
    )
    extended = parse_taxonomy(document, source="test")
    data = {**MINIMAL, "act": "extortion"}
    assert parse_report(data, extended).act == "extortion"
    assert refusal(data).field == "act"  # the packaged taxonomy does not know it


def test_the_domain_imports_no_gui_sql_or_http_library() -> None:
    code = (
        "import sys, fieldreport.domain\n"
        "bad = [m for m in ('PySide6', 'sqlalchemy', 'sqlite3', 'sqlcipher3', 'httpx', 'fastapi')"
        " if m in sys.modules]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
