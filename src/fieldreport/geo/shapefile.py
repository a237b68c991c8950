"""Read polygon shapefiles (.shp + .dbf, optional .cpg/.prj): OCHA COD-AB's usual download.

Only what boundary layers need: shape types Polygon (5), PolygonZ (15) and PolygonM (25);
Z and M values are ignored. Coordinates must be geographic WGS 84 (EPSG:4326): a projected
file (UTM…) is refused with a message, since reprojecting needs a projection library.

Rings: shapefiles wind outer rings clockwise and holes counter-clockwise; each hole is
attached to the outer ring that contains it, giving GeoJSON-style polygons.
"""

from __future__ import annotations

import itertools
import struct
from pathlib import Path
from typing import Any

from fieldreport.geo.geometry import (
    GeometryError,
    Point,
    Polygon,
    polygons_to_geojson,
    ring_contains,
)

POLYGON_TYPES = (5, 15, 25)
_HEADER = 100


def _signed_area(ring: list[Point]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _assemble(rings: list[list[Point]]) -> list[Polygon]:
    outers: list[list[list[Point]]] = []
    holes: list[list[Point]] = []
    for ring in rings:
        if _signed_area(ring) <= 0:
            outers.append([ring])
        else:
            holes.append(ring)
    if not outers:  # wrongly wound file: treat every ring as an outer ring
        return [(tuple(h),) for h in holes]
    for hole in holes:
        lon, lat = hole[0]
        owner = next((o for o in outers if ring_contains(o[0], lon, lat)), outers[0])
        owner.append(hole)
    return [tuple(tuple(r) for r in poly) for poly in outers]


def _read_shapes(data: bytes) -> list[list[Polygon] | None]:
    if len(data) < _HEADER or struct.unpack(">i", data[:4])[0] != 9994:
        raise GeometryError("not a shapefile (.shp): wrong file code")
    shape_type = struct.unpack("<i", data[32:36])[0]
    if shape_type not in POLYGON_TYPES:
        raise GeometryError(f"the shapefile holds shape type {shape_type}, not polygons")
    shapes: list[list[Polygon] | None] = []
    offset = _HEADER
    while offset + 8 <= len(data):
        _number, words = struct.unpack(">ii", data[offset : offset + 8])
        content = data[offset + 8 : offset + 8 + words * 2]
        offset += 8 + words * 2
        if len(content) < 4 or struct.unpack("<i", content[:4])[0] == 0:
            shapes.append(None)  # null shape: a record without geometry
            continue
        try:
            num_parts, num_points = struct.unpack("<ii", content[36:44])
            parts = list(struct.unpack(f"<{num_parts}i", content[44 : 44 + 4 * num_parts]))
            start = 44 + 4 * num_parts
            flat = struct.unpack(f"<{2 * num_points}d", content[start : start + 16 * num_points])
        except struct.error:
            raise GeometryError("the shapefile is truncated or damaged") from None
        points = [(flat[2 * i], flat[2 * i + 1]) for i in range(num_points)]
        for lon, lat in points[:1]:
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise GeometryError(
                    "the shapefile's coordinates are not degrees: export it in WGS 84 (EPSG:4326)"
                )
        bounds = [*parts, num_points]
        rings = [points[bounds[i] : bounds[i + 1]] for i in range(num_parts)]
        shapes.append(_assemble([r for r in rings if len(r) >= 4]))
    return shapes


def _decode(raw: bytes, encoding: str | None) -> str:
    if encoding is not None:
        return raw.decode(encoding, "replace")
    try:  # no .cpg: UTF-8 as QGIS writes today, else the Latin-1 of older exports
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _read_dbf(data: bytes, encoding: str | None) -> list[dict[str, Any]]:
    if len(data) < 32:
        raise GeometryError("the .dbf file is truncated")
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields: list[tuple[str, str, int, int]] = []
    pos = 32
    while pos < header_len - 1 and data[pos] != 0x0D:
        raw = data[pos : pos + 32]
        name = raw[:11].split(b"\x00")[0].decode("ascii", "replace")
        fields.append((name, chr(raw[11]), raw[16], raw[17]))
        pos += 32
    records: list[dict[str, Any]] = []
    for i in range(count):
        start = header_len + i * record_len
        record = data[start : start + record_len]
        if not record or record[:1] == b"*":
            records.append({})  # deleted: keep the position so shapes and rows stay paired
            continue
        values: dict[str, Any] = {}
        cursor = 1
        for name, kind, length, decimals in fields:
            text = _decode(record[cursor : cursor + length], encoding).strip()
            cursor += length
            values[name] = _value(text, kind, decimals)
        records.append(values)
    return records


def _value(text: str, kind: str, decimals: int) -> Any:
    if kind in "NF" and text:
        try:
            return float(text) if decimals or kind == "F" or "." in text else int(text)
        except ValueError:
            return None
    return text or None


def _encoding(shp: Path) -> str | None:
    cpg = shp.with_suffix(".cpg")
    if not cpg.exists():
        return None
    name = cpg.read_text("ascii", "replace").strip().lower()
    if name in ("utf-8", "utf8", "65001"):
        return "utf-8"
    return name or None


def shapefile_features(shp: Path) -> list[dict[str, Any]]:
    """GeoJSON-like features of a polygon shapefile and its attribute table."""
    prj = shp.with_suffix(".prj")
    if prj.exists() and "PROJCS" in prj.read_text("ascii", "replace").upper():
        raise GeometryError(
            f"{shp.name} is in a projected coordinate system: export it in WGS 84 (EPSG:4326)"
        )
    dbf = shp.with_suffix(".dbf")
    if not dbf.exists():
        raise GeometryError(f"{shp.name} has no attribute table ({dbf.name}) beside it")
    shapes = _read_shapes(shp.read_bytes())
    encoding = _encoding(shp)
    try:
        if encoding is not None:
            "".encode(encoding)  # refuse an unknown .cpg name before reading
        records = _read_dbf(dbf.read_bytes(), encoding)
    except LookupError:
        raise GeometryError(f"unknown text encoding {encoding!r} in {shp.stem}.cpg") from None
    features = []
    for shape, props in zip(shapes, records, strict=False):
        if shape:
            geometry = polygons_to_geojson(shape)
            features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return features
