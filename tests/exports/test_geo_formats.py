"""GeoJSON (checked against RFC 7946's rules with the json module) and KML (an XML parser)."""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from tests.exports.conftest import Sample
from tests.exports.helpers import export

KML = "{http://www.opengis.net/kml/2.2}"


def _check_rfc7946(doc: dict[str, Any]) -> None:
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc  # section 4: no crs member; WGS 84 only
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert "properties" in feature and "geometry" in feature  # section 3.2: both members
        assert isinstance(feature.get("id"), str | int)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert math.isfinite(lon) and math.isfinite(lat)


def test_geojson_is_rfc7946_with_lon_lat_order(
    filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / "r.geojson"
    assert export(filled_store, "geojson", out) == 6
    doc = json.loads(out.read_text("utf-8"))  # strict JSON: NaN would fail below
    _check_rfc7946(doc)
    by_id = {f["id"]: f for f in doc["features"]}
    assert set(by_id) == {s.id for s in samples.values()}
    tonka = by_id[samples["checkpoint"].id]
    assert tonka["geometry"]["coordinates"] == [-3.749, 16.131]  # longitude first
    assert tonka["properties"]["location_name"] == "Tonka"
    assert tonka["properties"]["severity"] == 3
    assert "lat" not in tonka["properties"]  # the position lives in the geometry only
    assert by_id[samples["nowhere"].id]["geometry"] is None


def test_kml_has_a_placemark_per_report_with_time_and_data(
    filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / "r.kml"
    assert export(filled_store, "kml", out) == 6
    root = ET.parse(out).getroot()
    assert root.tag == f"{KML}kml"
    placemarks = root.findall(f"{KML}Document/{KML}Placemark")
    assert len(placemarks) == 6
    by_id = {p.get("id"): p for p in placemarks}
    clash = by_id[samples["clash"].id]
    assert clash.findtext(f"{KML}name") == '=HYPERLINK("http://evil") clash near Boni'
    assert clash.findtext(f"{KML}TimeStamp/{KML}when") == "2026-11-02T16:00:00+00:00"
    assert clash.findtext(f"{KML}Point/{KML}coordinates") == "-1.85641,15.07752"
    data = {
        d.get("name"): d.findtext(f"{KML}value")
        for d in clash.findall(f"{KML}ExtendedData/{KML}Data")
    }
    assert data["event_type"] == "Battles" and data["killed"] == "9"
    assert data["adm1_pcode"] == "ML05"
    assert by_id[samples["nowhere"].id].find(f"{KML}Point") is None


def test_kml_in_french_describes_in_french(
    filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / "r.kml"
    export(filled_store, "kml", out, lang="fr")
    root = ET.parse(out).getroot()
    clash = next(p for p in root.iter(f"{KML}Placemark") if p.get("id") == samples["clash"].id)
    assert "Batailles / Affrontement armé" in (clash.findtext(f"{KML}description") or "")
