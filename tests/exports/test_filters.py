"""Export filters (dates, region, event type, sharing level) and page-by-page reading."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from fieldreport.errors import UsageError
from fieldreport.exports import ExportFilter, date_bound, filters, iter_reports
from tests.conftest import minimal_report
from tests.exports.conftest import Sample
from tests.exports.helpers import export


def _ids(store: Any, flt: ExportFilter) -> set[str]:
    return {doc["id"] for doc in iter_reports(store, flt)}


def test_filters_select_the_right_reports(filled_store: Any, samples: dict[str, Sample]) -> None:
    def ids(*keys: str) -> set[str]:
        return {samples[k].id for k in keys}

    everything = set(ids(*samples))
    assert _ids(filled_store, ExportFilter()) == everything
    october = ExportFilter(
        since=date_bound("2026-10-05", end_of_day=False),
        until=date_bound("2026-10-17", end_of_day=True),
    )
    assert _ids(filled_store, october) == ids("abduction", "custody")
    assert _ids(filled_store, ExportFilter(adm1_pcode="ML05")) == ids("custody", "clash")
    assert _ids(filled_store, ExportFilter(event_type="Battles")) == ids("clash")
    assert _ids(filled_store, ExportFilter(sharing_level="public")) == ids(
        "abduction", "clash", "nowhere"
    )
    assert _ids(filled_store, ExportFilter(sharing_level="partners")) == everything - ids(
        "internal"
    )
    # Partner-safe drops internal reports even when every level is asked for.
    assert _ids(filled_store, ExportFilter(sharing_level="internal", partner_safe=True)) == (
        everything - ids("internal")
    )


def test_filtered_export_file(
    filled_store: Any, samples: dict[str, Sample], tmp_path: Path
) -> None:
    out = tmp_path / "ml05.csv"
    assert export(filled_store, "csv", out, adm1_pcode="ML05") == 2
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["adm1_pcode"] for r in rows} == {"ML05"}


def test_reading_crosses_page_boundaries_in_date_order(
    store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filters, "PAGE_SIZE", 3)
    for day in range(1, 11):
        store.add_report(minimal_report(occurred_at=f"2026-09-{day:02d}T10:00:00+00:00"))
    docs = list(iter_reports(store, ExportFilter()))
    assert [d["occurred_at"][:10] for d in docs] == [f"2026-09-{d:02d}" for d in range(1, 11)]
    assert len({d["id"] for d in docs}) == 10


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2026-10-01", False, "2026-10-01T00:00:00+00:00"),
        ("2026-10-01", True, "2026-10-01T23:59:59+00:00"),
        ("2026-10-01T12:00:00Z", False, "2026-10-01T12:00:00+00:00"),
    ],
)
def test_date_bound(value: str, end: bool, expected: str) -> None:
    assert date_bound(value, end_of_day=end) == expected


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "2026-10-01T12:00:00", ""])
def test_date_bound_refuses_bad_dates(value: str) -> None:
    with pytest.raises(UsageError):
        date_bound(value, end_of_day=False)


def test_an_unknown_format_is_refused_before_writing(filled_store: Any, out_dir: Path) -> None:
    with pytest.raises(UsageError, match="unknown export format 'nope'"):
        export(filled_store, "nope", out_dir / "x.csv")
    assert list(out_dir.iterdir()) == []


def test_a_failed_export_keeps_the_previous_file(
    filled_store: Any, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldreport.exports import csv_format

    def half_then_fail(reports: Any, out: Any, ctx: Any) -> int:
        out.write(b"id,title\r\nhalf")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_format, "write_csv", half_then_fail)
    out = out_dir / "x.csv"
    out.write_text("previous export")
    with pytest.raises(OSError, match="No space"):
        export(filled_store, "csv", out)
    assert out.read_text() == "previous export"
    assert [p.name for p in out_dir.iterdir()] == ["x.csv"]  # no temporary file left
