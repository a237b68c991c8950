"""Map packs for the geo tests: a tiny self-made one, and the sample pack built from
../shared/data/geo (third-party files, read in place; tests needing them skip without them)."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SHARED

SHARED_GEO = SHARED / "data" / "geo"


def square(west: float, south: float, east: float, north: float) -> list[list[float]]:
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def write_tiny_pack(folder: Path) -> Path:
    """Two square regions side by side (ZZ01 west of 0°, ZZ02 east) and two settlements."""
    folder.mkdir(parents=True, exist_ok=True)
    features = [
        {"type": "Feature", "properties": {"pcode": "ZZ01", "name": "Ouest", "name_en": "West"},
         "geometry": {"type": "Polygon", "coordinates": [square(-2, 10, 0, 12)]}},
        {"type": "Feature", "properties": {"pcode": "ZZ02", "name": "Est"},
         "geometry": {"type": "Polygon", "coordinates": [square(0, 10, 2, 12)]}},
    ]  # fmt: skip
    (folder / "regions.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), "utf-8"
    )
    (folder / "villages.csv").write_text(
        "name,lat,lon,alt_names\nKoro Tiny,11.5,-1.5,Koro|Kôrô\nDembé,11.0,1.0,\n", "utf-8"
    )
    manifest = {
        "format": "fieldreport-mappack/1",
        "id": "tiny",
        "name": "Tiny test pack",
        "version": "1",
        "country": "ZZ",
        "attribution": "Made up for the tests",
        "layers": [
            {"id": "adm1", "role": "admin1", "file": "regions.geojson",
             "code_property": "pcode", "name_property": "name",
             "name_properties": {"en": "name_en"}},
        ],
        "settlements": "villages.csv",
    }  # fmt: skip
    (folder / "mappack.json").write_text(json.dumps(manifest), "utf-8")
    return folder


def write_shapefile(
    base: Path, polygons: list[list[list[tuple[float, float]]]], names: list[str]
) -> None:
    """A polygon shapefile written byte by byte from the ESRI specification (with .dbf, .cpg):
    an independent writer for the reader under test."""
    records = b""
    for number, rings in enumerate(polygons, start=1):
        points = [p for ring in rings for p in ring]
        parts, start = [], 0
        for ring in rings:
            parts.append(start)
            start += len(ring)
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        content = struct.pack(
            "<i4d2i", 5, min(xs), min(ys), max(xs), max(ys), len(rings), len(points)
        )
        content += struct.pack(f"<{len(parts)}i", *parts)
        content += b"".join(struct.pack("<2d", *p) for p in points)
        records += struct.pack(">2i", number, len(content) // 2) + content
    header = struct.pack(">7i", 9994, 0, 0, 0, 0, 0, (100 + len(records)) // 2)
    header += struct.pack("<2i4d4d", 1000, 5, -180, -90, 180, 90, 0, 0, 0, 0)
    base.with_suffix(".shp").write_bytes(header + records)
    # dBase III: one character field NAME (20) and one numeric POP (8).
    fields = b"".join(
        name.ljust(11, b"\x00") + kind + b"\x00" * 4 + bytes([length, 0]) + b"\x00" * 14
        for name, kind, length in ((b"NAME", b"C", 20), (b"POP", b"N", 8))
    )
    header_len = 32 + len(fields) + 1
    dbf = struct.pack("<B3BIHH20x", 3, 126, 11, 24, len(names), header_len, 1 + 20 + 8)
    dbf += fields + b"\r"
    for i, name in enumerate(names):
        dbf += b" " + name.encode("utf-8").ljust(20) + str(1000 * (i + 1)).rjust(8).encode()
    base.with_suffix(".dbf").write_bytes(dbf + b"\x1a")
    base.with_suffix(".cpg").write_text("UTF-8")


@pytest.fixture
def tiny_pack(tmp_path: Path) -> Path:
    return write_tiny_pack(tmp_path / "tiny-pack")


@pytest.fixture(scope="session")
def sample_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample pack, built by the tool script the way IT or `make run` would."""
    if not (SHARED_GEO / "geoBoundaries-MLI-ADM1.topojson").exists():
        pytest.skip(f"{SHARED_GEO} is not there (third-party sample data)")
    out = tmp_path_factory.mktemp("sample") / "sample-mali"
    subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_sample_mappack.py"), str(out), "--zip",
         "--geo", str(SHARED_GEO)],
        check=True, capture_output=True,
    )  # fmt: skip
    return out
