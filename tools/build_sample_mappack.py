"""Build the sample map pack for the demo and the tests from ../shared/data/geo.

    python tools/build_sample_mappack.py OUT_DIR [--geo ../shared/data/geo] [--zip]

The boundary files are third-party data (geoBoundaries CC BY 4.0, Natural Earth public
domain): they are copied into the pack being built, never into this repository. The
settlements below are our own list of villages the GeoNames extract lacks.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GEO = REPO.parent / "shared" / "data" / "geo"
ADM1 = "geoBoundaries-MLI-ADM1.topojson"
COUNTRIES = "ne_110m_admin_0_countries.geojson"
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


def build(out: Path, geo: Path) -> Path:
    for name in (ADM1, COUNTRIES):
        if not (geo / name).is_file():
            raise SystemExit(f"error: {geo / name} not found (pass --geo)")
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(geo / ADM1, out / "mali-adm1.topojson")
    shutil.copyfile(geo / COUNTRIES, out / "countries.geojson")
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
        "attribution": "Boundaries: geoBoundaries (CC BY 4.0), source DNCT/DNP Mali, UN OCHA; "
        "countries: Natural Earth.",
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
    (out / "mappack.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
    return out


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{folder.name}/{path.name}")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create the pack in")
    parser.add_argument("--geo", type=Path, default=DEFAULT_GEO)
    parser.add_argument("--zip", action="store_true", help="also write OUT.zip")
    args = parser.parse_args()
    folder = build(args.out, args.geo)
    print(f"sample map pack in {folder}", file=sys.stderr)
    if args.zip:
        print(f"zipped: {zip_folder(folder, folder.with_suffix('.zip'))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
