"""The sample map pack for the demo and the tests, built from third-party files found beside
the repository (../shared/data/geo), never stored in it.

geoBoundaries' Mali admin 1 (TopoJSON, ISO 3166-2 codes mapped to OCHA P-codes), Natural
Earth countries cut to Mali and its neighbours, and our own settlements list of villages
GeoNames lacks (Tonka, Léré, Boni, Hombori…).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from pathlib import Path

from fieldreport.geo import mappack
from fieldreport.geo.manifest import MANIFEST

ADM1_FILE = "geoBoundaries-MLI-ADM1.topojson"
COUNTRIES_FILE = "ne_110m_admin_0_countries.geojson"
SAMPLE_GEO_ENV = "FIELDREPORT_SAMPLE_GEO"
# geoBoundaries carries ISO 3166-2 codes; the program works with OCHA P-codes (schema.md).
ISO_TO_PCODE = {f"ML-{i}": f"ML0{i}" for i in range(1, 9)} | {"ML-BKO": "ML09"}
NEIGHBOURS = ["MLI", "SEN", "MRT", "DZA", "NER", "BFA", "CIV", "GIN"]
SETTLEMENTS = [
    # name, lat, lon, alternative names, adm1, adm2
    ("Tonka", 16.131, -3.749, "", "ML06", "ML0602"),
    ("Léré", 15.71583, -4.91611, "Lere", "ML06", "ML0604"),
    ("Boni", 15.07752, -1.85641, "", "ML05", "ML0504"),
    ("Hombori", 15.28333, -1.69889, "", "ML05", "ML0504"),
    ("Goundam", 16.41451, -3.67082, "", "ML06", "ML0602"),
    ("Tessalit", 20.19861, 1.01139, "", "ML08", "ML0803"),
    ("Diéma", 14.54121, -9.18437, "Diema", "ML01", "ML0102"),
    ("Macina", 13.96285, -5.35737, "Massina|Ké-Macina", "ML04", "ML0403"),
    ("Sévaré", 14.53333, -4.09988, "Severe|Sevare", "ML05", "ML0506"),
    ("Bandiagara", 14.35005, -3.61038, "", "ML05", "ML0501"),
    ("Douentza", 15.00155, -2.94978, "", "ML05", "ML0504"),
    ("Bourem", 16.95000, -0.35000, "", "ML07", "ML0702"),
]
ATTRIBUTION = (
    "Boundaries: geoBoundaries (CC BY 4.0), source DNCT/DNP Mali, UN OCHA; "
    "countries: Natural Earth."
)


def find_sample_geo() -> Path | None:
    """$FIELDREPORT_SAMPLE_GEO, else ../shared/data/geo beside the source checkout."""
    candidates = []
    if os.environ.get(SAMPLE_GEO_ENV):
        candidates.append(Path(os.environ[SAMPLE_GEO_ENV]))
    candidates.append(Path(__file__).resolve().parents[3].parent / "shared" / "data" / "geo")
    candidates.append(Path.cwd().parent / "shared" / "data" / "geo")
    for folder in candidates:
        if (folder / ADM1_FILE).is_file() and (folder / COUNTRIES_FILE).is_file():
            return folder
    return None


def build_sample_pack(out: Path, geo: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(geo / ADM1_FILE, out / "mali-adm1.topojson")
    shutil.copyfile(geo / COUNTRIES_FILE, out / "countries.geojson")
    with (out / "settlements.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "lat", "lon", "alt_names", "adm1_pcode", "adm2_pcode"])
        writer.writerows(SETTLEMENTS)
    manifest = {
        "format": "fieldreport-mappack/1",
        "id": "sample-mali",
        "name": "Sample pack: Mali regions (2015), neighbours, settlements",
        "version": "2026.11-sample",
        "country": "ML",
        "attribution": ATTRIBUTION,
        "layers": [
            {
                "id": "adm1",
                "role": "admin1",
                "file": "mali-adm1.topojson",
                "code_property": "shapeISO",
                "name_property": "shapeName",
                "code_map": ISO_TO_PCODE,
            },
            {
                "id": "countries",
                "role": "countries",
                "file": "countries.geojson",
                "code_property": "ADM0_A3",
                "name_property": "NAME",
                "name_properties": {"fr": "NAME_FR"},
                "keep": NEIGHBOURS,
            },
        ],
        "settlements": "settlements.csv",
    }
    text = json.dumps(manifest, ensure_ascii=False, indent=2)
    (out / MANIFEST).write_text(text, "utf-8")
    return out


def install_sample_pack(data_dir: Path) -> bool:
    """Install the sample pack into `data_dir` unless a pack is already active or the
    third-party files are not there. Returns True when it installed it."""
    geo = find_sample_geo()
    if geo is None or mappack.active_id(data_dir) is not None:
        return False
    with tempfile.TemporaryDirectory(prefix="fieldreport-sample-pack-") as tmp:
        mappack.install(build_sample_pack(Path(tmp) / "sample-mali", geo), data_dir)
    return True
