"""Partner-safe exports: no narrative, source or person name, no internal report, and
coordinates rounded to 0.1° for abductions, sexual violence and custody cases — in every
format, checked on the bytes (and the extracted text for PDF and XLSX)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

from fieldreport.domain import load_taxonomy
from fieldreport.exports import FORMATS, is_sensitive, make_partner_safe
from fieldreport.exports.partner_safe import PartnerSafeError
from tests.exports.conftest import SECRETS, Sample
from tests.exports.helpers import export


def _visible_text(path: Path, fmt: str) -> str:
    """Everything a reader of the file could see, as text."""
    if fmt == "pdf":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(path).pages)
    if fmt == "xlsx":
        with zipfile.ZipFile(path) as archive:  # every part, shared strings included
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return path.read_text("utf-8")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_partner_safe_leaks_nothing(
    fmt: str, filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / f"safe.{fmt}"
    count = export(filled_store, fmt, out, partner_safe=True)
    assert count == 5  # the internal report is never exported
    text = _visible_text(out, fmt)
    for secret in (*SECRETS, "INTERNAL-ONLY", samples["internal"].id):
        assert secret not in text, f"{secret!r} leaked into the {fmt} export"
    assert samples["clash"].id in text or fmt in ("pdf", "acled")


def _positions(path: Path, fmt: str) -> dict[str, tuple[float, float]]:
    """id -> (lat, lon) as written in the file."""
    if fmt in ("csv", "hxl"):
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
        header, body = rows[0], rows[2:] if fmt == "hxl" else rows[1:]
        return {
            r[header.index("id")]: (float(r[header.index("lat")]), float(r[header.index("lon")]))
            for r in body
            if r[header.index("lat")]
        }
    if fmt == "geojson":
        features = json.loads(path.read_text("utf-8"))["features"]
        return {
            f["id"]: (f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0])
            for f in features
            if f["geometry"]
        }
    ns = "{http://www.opengis.net/kml/2.2}"
    result = {}
    for mark in ET.parse(path).getroot().iter(f"{ns}Placemark"):
        coords = mark.findtext(f"{ns}Point/{ns}coordinates")
        if coords:
            lon, lat = (float(v) for v in coords.split(","))
            result[mark.get("id") or ""] = (lat, lon)
    return result


@pytest.mark.parametrize("fmt", ["csv", "hxl", "geojson", "kml"])
def test_sensitive_cases_are_rounded_to_a_tenth_of_a_degree(
    fmt: str, filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / f"safe.{fmt}"
    export(filled_store, fmt, out, partner_safe=True)
    positions = _positions(out, fmt)
    assert positions[samples["abduction"].id] == (15.7, -4.9)
    assert positions[samples["custody"].id] == (15.1, -1.9)
    # Other incidents keep their precision.
    assert positions[samples["clash"].id] == (15.07752, -1.85641)


def test_acled_partner_safe_rounds_and_names_no_one(
    filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / "safe.csv"
    export(filled_store, "acled", out, partner_safe=True)
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    abduction = next(r for r in rows if r["sub_event_type"].startswith("Abduction"))
    assert (abduction["latitude"], abduction["longitude"]) == ("15.7", "-4.9")
    assert abduction["location"] == "Tombouctou"  # the region, not the village
    assert abduction["geo_precision"] == "2"
    assert abduction["actor2"] == "Civilians"  # the type, not the person
    clash = next(r for r in rows if r["sub_event_type"] == "Armed clash")
    assert clash["actor1"] == "State forces"  # names dropped, types kept


def test_make_partner_safe_refuses_internal_and_keeps_the_input(
    samples: dict[str, Sample], store: Any
) -> None:
    taxonomy = load_taxonomy()
    docs = {d["id"]: d for d in store.list_reports()}
    with pytest.raises(PartnerSafeError):
        make_partner_safe(docs[samples["internal"].id], taxonomy)
    original = docs[samples["abduction"].id]
    safe = make_partner_safe(original, taxonomy, "fr")
    assert original["location"]["lat"] == 15.71583  # not modified in place
    assert safe["title"] == "Enlèvement/disparition forcée – Tombouctou"
    assert safe["narrative"] == "" and safe["tags"] == []
    assert all(actor["name"] is None for actor in safe["actors"])
    assert safe["location"]["adm2_pcode"] is None


@pytest.mark.parametrize(
    ("changes", "sensitive"),
    [
        ({"sub_event_type": "Sexual violence"}, True),
        ({"means": "Rape/sexual assault"}, True),
        ({"means": "Detention/arrest"}, True),
        ({"location": {"name": "x", "location_type": "custody"}}, True),
        ({"casualties": {"abducted": 2}}, True),
        ({"sub_event_type": "Armed clash"}, False),
        ({"casualties": {"killed": 3}}, False),
    ],
)
def test_sensitive_categories(changes: dict[str, Any], sensitive: bool) -> None:
    doc = {"event_type": "Battles", "sub_event_type": "Armed clash", "location": {}} | changes
    assert is_sensitive(doc) is sensitive
