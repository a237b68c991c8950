"""Property tests: any JSON-like input gives a Report or a ReportValidationError, nothing else;
every valid report round-trips through to_dict()."""

from __future__ import annotations

import json
import string
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldreport.domain import (
    INPUT_FIELDS,
    Report,
    ReportValidationError,
    load_taxonomy,
    parse_report,
)

from .test_report import FULL, STORE_VALUES, with_value

TAXONOMY = load_taxonomy()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)

# Paths into a valid report, so random values reach the deep checks and not only the first.
PATHS = [
    *INPUT_FIELDS,
    "location.name", "location.lat", "location.lon", "location.geo_precision",
    "location.adm1_pcode", "location.adm2_pcode", "location.location_type",
    "actors[0]", "actors[1].name", "actors[1].type", "actors[1].role",
    "casualties.abducted", "casualties.male", "casualties.killed",
    "source.type", "source.reliability", "source.credibility", "source.name",
    "tags[0]", "unknown_field", "location.unknown",
]  # fmt: skip
STORE_PATHS = [*STORE_VALUES, "attachments[0].id", "attachments[0].size", "attachments[0].name"]


def parses_or_refuses(data: Any, **kwargs: Any) -> None:
    try:
        report = parse_report(data, **kwargs)
    except ReportValidationError as error:
        assert "\n" not in str(error)
        assert isinstance(error.field, str)
    else:
        assert isinstance(report, Report)
        json.dumps(report.to_dict())  # whatever is accepted can be written out again


@SETTINGS
@given(json_values)
def test_any_json_value_parses_or_is_refused(data: Any) -> None:
    parses_or_refuses(data)


@SETTINGS
@given(st.dictionaries(st.sampled_from([*INPUT_FIELDS, "id", "x"]), json_values, max_size=8))
def test_any_object_with_report_keys_parses_or_is_refused(data: dict[str, Any]) -> None:
    parses_or_refuses(data)


@SETTINGS
@given(st.sampled_from(PATHS), json_values)
def test_any_value_in_any_field_parses_or_is_refused(path: str, value: Any) -> None:
    parses_or_refuses(with_value(FULL, path, value))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(STORE_PATHS), json_values)
def test_any_store_value_parses_or_is_refused_when_importing(path: str, value: Any) -> None:
    parses_or_refuses(with_value({**FULL, **STORE_VALUES}, path, value), allow_store_fields=True)


# -- valid reports -----------------------------------------------------------------------------

line_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip())
offsets = st.sampled_from(["Z", "+00:00", "+01:00", "-05:30", "+14:00"])


@st.composite
def timestamps(draw: st.DrawFn) -> str:
    year = draw(st.integers(1990, 2100))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    hour, minute, second = (
        draw(st.integers(0, 23)),
        draw(st.integers(0, 59)),
        draw(st.integers(0, 59)),
    )
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{draw(offsets)}"


def vocabulary(name: str) -> st.SearchStrategy[Any]:
    return st.sampled_from(TAXONOMY.codes(name))


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def valid_reports(draw: st.DrawFn) -> dict[str, Any]:
    event_type = draw(st.sampled_from(TAXONOMY.event_types()))
    adm1 = draw(optional(st.sampled_from(sorted(TAXONOMY.adm1_pcodes()))))
    location: dict[str, Any] = {
        "name": draw(line_text),
        "geo_precision": draw(vocabulary("geo_precision")),
    }
    if draw(st.booleans()):
        location["lat"] = draw(st.floats(-90, 90))
        location["lon"] = draw(st.floats(-180, 180))
    if adm1 is not None:
        location["adm1_pcode"] = adm1
        if draw(st.booleans()):
            location["adm2_pcode"] = adm1 + draw(st.text(string.digits, min_size=2, max_size=2))
    data: dict[str, Any] = {
        "title": draw(line_text),
        "occurred_at": draw(timestamps()),
        "event_type": event_type,
        "sub_event_type": draw(st.sampled_from(TAXONOMY.sub_event_types(event_type))),
        "location": location,
        "severity": draw(vocabulary("severity")),
        "report_type": draw(st.sampled_from(["immediate", "post_incident"])),
        "time_precision": draw(vocabulary("time_precision")),
        "act": draw(optional(vocabulary("act"))),
        "means": draw(optional(vocabulary("means"))),
        "actors": draw(
            st.lists(
                st.fixed_dictionaries(
                    {"type": vocabulary("actor_type"), "role": vocabulary("actor_role")},
                    optional={"name": optional(line_text)},
                ),
                max_size=3,
            )
        ),
        "casualties": draw(
            st.fixed_dictionaries(
                {},
                optional={
                    name: st.integers(0, 1_000_000)
                    for name in ("killed", "injured", "abducted", "detained", "civilians", "female")
                },
            )
        ),
        "source": draw(
            optional(
                st.fixed_dictionaries(
                    {"type": vocabulary("source_type")},
                    optional={
                        "reliability": vocabulary("source_reliability"),
                        "credibility": vocabulary("source_credibility"),
                        "name": line_text,
                    },
                )
            )
        ),
        "narrative": draw(
            st.text(max_size=200).map(
                lambda s: "".join(c for c in s if c.isprintable() or c in "\n\t")
            )
        ),
        "sharing_level": draw(vocabulary("sharing_level")),
        "tags": draw(st.lists(line_text.map(lambda s: s[:50]), max_size=5)),
    }
    return data


@settings(max_examples=200, deadline=None)
@given(valid_reports())
def test_valid_reports_round_trip(data: dict[str, Any]) -> None:
    report = parse_report(data)
    assert parse_report(report.to_dict(), allow_store_fields=False) == report
    assert parse_report(json.loads(json.dumps(report.to_dict()))) == report
