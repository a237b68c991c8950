"""CSV, HXL and XLSX read back by independent readers (csv module, openpyxl)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.exports.conftest import Sample
from tests.exports.helpers import export

# The hashtags schema.md fixes for these columns.
SCHEMA_TAGS = {
    "id": "#event+id",
    "title": "#event+name",
    "occurred_at": "#date+occurred",
    "occurred_end": "#date+end",
    "reported_at": "#date+reported",
    "location_name": "#loc+name",
    "lat": "#geo+lat",
    "lon": "#geo+lon",
    "geo_precision": "#geo+precision",
    "adm1_pcode": "#adm1+code",
    "adm2_pcode": "#adm2+code",
    "location_type": "#loc+type",
    "event_type": "#event+type",
    "sub_event_type": "#event+type+sub",
    "perpetrator_names": "#group+perp+name",
    "killed": "#affected+killed",
    "injured": "#affected+injured",
    "abducted": "#affected+abducted",
    "org_affected": "#org+type",
    "programme_impact": "#impact",
    "severity": "#severity",
    "source_type": "#meta+source",
    "narrative": "#description",
}


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_has_one_row_per_report_with_the_right_values(
    filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / "r.csv"
    assert export(filled_store, "csv", out) == 6
    header, *rows = _read_csv(out)
    table = {row[header.index("id")]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(table) == {s.id for s in samples.values()}
    clash = table[samples["clash"].id]
    assert clash["event_type"] == "Battles" and clash["sub_event_type"] == "Armed clash"
    assert float(clash["lat"]) == 15.07752 and float(clash["lon"]) == -1.85641
    assert clash["killed"] == "9" and clash["injured"] == "4"
    assert clash["adm1_pcode"] == "ML05" and clash["adm1_name"] == "Mopti"
    assert clash["perpetrator_names"] == "FAMa" and clash["target_names"] == "JNIM"
    assert clash["occurred_at"] == "2026-11-02T16:00:00+00:00"
    # Spreadsheet formula injection is defused, the text kept.
    assert clash["title"] == '\'=HYPERLINK("http://evil") clash near Boni'
    checkpoint = table[samples["checkpoint"].id]
    assert checkpoint["source_name"] == "Aminata Diallo"
    assert checkpoint["narrative"] == 'NARRATIVE-MARKER checkpoint,\nphones checked; "quoted"'
    assert table[samples["nowhere"].id]["lat"] == ""
    assert table[samples["nowhere"].id]["adm1_name"] == "Ségou"


def test_csv_rows_are_in_date_order(filled_store: Any, out_dir: Path) -> None:
    out = out_dir / "r.csv"
    export(filled_store, "csv", out)
    header, *rows = _read_csv(out)
    dates = [row[header.index("occurred_at")] for row in rows]
    assert dates == sorted(dates)


def test_hxl_has_the_hashtag_row_under_the_header(
    filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / "r.hxl.csv"
    export(filled_store, "hxl", out)
    header, tags, *rows = _read_csv(out)
    assert len(rows) == 6
    for column, tag in SCHEMA_TAGS.items():
        assert tags[header.index(column)] == tag, column
    assert all(tag.startswith("#") for tag in tags)
    ids = {row[tags.index("#event+id")] for row in rows}
    assert ids == {s.id for s in samples.values()}


def test_xlsx_reads_back_with_numbers_as_numbers(
    filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / "r.xlsx"
    assert export(filled_store, "xlsx", out) == 6
    book = load_workbook(out, read_only=True)
    sheet = book["Incidents"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    table = {row[header.index("id")]: dict(zip(header, row, strict=False)) for row in rows}
    clash = table[samples["clash"].id]
    assert clash["killed"] == 9 and isinstance(clash["killed"], int)
    assert clash["lat"] == 15.07752 and clash["lon"] == -1.85641
    assert clash["severity"] == 4
    # Stored as text, not as a formula openpyxl or Excel would evaluate.
    assert clash["title"] == '=HYPERLINK("http://evil") clash near Boni'
    about = dict(book[book.sheetnames[1]].iter_rows(values_only=True))
    assert about["Incidents"] == 6 and about["Partner-safe"] == "no"


def test_xlsx_in_french_names_its_sheets_in_french(filled_store: Any, out_dir: Path) -> None:
    out = out_dir / "r.xlsx"
    export(filled_store, "xlsx", out, lang="fr")
    assert load_workbook(out, read_only=True).sheetnames == ["Incidents", "À propos"]
