"""The ACLED-style CSV: ACLED's column names in order, codes and values where ACLED has them."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from tests.exports.conftest import Sample
from tests.exports.helpers import export

ACLED_COLUMNS = [
    "event_date", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "time_precision", "fatalities", "notes", "source",
]  # fmt: skip


def test_acled_columns_and_values(
    filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / "acled.csv"
    assert export(filled_store, "acled", out) == 6
    with out.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ACLED_COLUMNS
        rows = list(reader)
    clash = next(r for r in rows if r["fatalities"] == "9")
    assert clash["event_date"] == "2026-11-02"
    assert (clash["event_type"], clash["sub_event_type"]) == ("Battles", "Armed clash")
    assert (clash["actor1"], clash["inter1"]) == ("FAMa", "1")
    assert (clash["actor2"], clash["inter2"]) == ("JNIM", "2")
    assert clash["admin1"] == "Mopti" and clash["location"] == "Boni"
    assert float(clash["latitude"]) == 15.07752 and float(clash["longitude"]) == -1.85641
    assert clash["geo_precision"] == "1" and clash["time_precision"] == "1"
    abduction = next(r for r in rows if r["sub_event_type"] == "Abduction/forced disappearance")
    # A perpetrator without a name is written as its type, as ACLED does.
    assert abduction["actor1"] == "Rebel group" and abduction["inter1"] == "2"
    assert abduction["actor2"] == "Moussa Traoré" and abduction["inter2"] == "7"
    assert abduction["admin2"] == "ML0604"
    checkpoint = next(r for r in rows if r["event_date"] == "2026-10-03")
    assert checkpoint["notes"].startswith("NARRATIVE-MARKER")
    assert checkpoint["source"] == "Staff"
