"""Polygons as plain tuples, and the point-in-polygon test used to find a place's region.

A Polygon is a tuple of rings of (lon, lat): the first ring is the outer boundary, the others
holes (GeoJSON order). A region may be several polygons (islands, enclaves). The test is the
even-odd ray cast over every ring, which treats holes correctly without caring about winding
order — shapefiles and GeoJSON wind rings in opposite directions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

Point = tuple[float, float]  # lon, lat
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]


class GeometryError(ValueError):
    """A geometry that cannot be read (wrong type, too few points, not numbers)."""


def ring_contains(ring: Sequence[Point], lon: float, lat: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat):
            cross = (xj - xi) * (lat - yi) / (yj - yi) + xi
            if lon < cross:
                inside = not inside
        j = i
    return inside


def polygon_contains(polygon: Polygon, lon: float, lat: float) -> bool:
    return sum(ring_contains(ring, lon, lat) for ring in polygon) % 2 == 1


@dataclass(frozen=True)
class Region:
    """One feature of a boundary layer: its code, name, polygons and bounding box."""

    code: str
    name: str
    polygons: tuple[Polygon, ...]
    properties: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    bbox: tuple[float, float, float, float] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        lons = [p[0] for poly in self.polygons for ring in poly for p in ring]
        lats = [p[1] for poly in self.polygons for ring in poly for p in ring]
        box = (min(lons), min(lats), max(lons), max(lats)) if lons else (0.0, 0.0, -1.0, -1.0)
        object.__setattr__(self, "bbox", box)

    def contains(self, lon: float, lat: float) -> bool:
        west, south, east, north = self.bbox
        if not (west <= lon <= east and south <= lat <= north):
            return False
        return any(polygon_contains(poly, lon, lat) for poly in self.polygons)

    def rings(self) -> list[Ring]:
        """Outer rings only, for drawing."""
        return [poly[0] for poly in self.polygons if poly]


def region_at(regions: Sequence[Region], lon: float, lat: float) -> Region | None:
    """The first region containing the point (boundaries of one layer do not overlap)."""
    for region in regions:
        if region.contains(lon, lat):
            return region
    return None


def _position(value: object) -> Point:
    if not isinstance(value, list | tuple) or len(value) < 2:
        raise GeometryError("a position must be [longitude, latitude]")
    lon, lat = value[0], value[1]
    if isinstance(lon, bool) or isinstance(lat, bool):
        raise GeometryError("a position must hold numbers")
    if not isinstance(lon, int | float) or not isinstance(lat, int | float):
        raise GeometryError("a position must hold numbers")
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise GeometryError(f"position {lon}, {lat} is outside WGS 84 (is it projected?)")
    return float(lon), float(lat)


def _ring(value: object) -> Ring:
    if not isinstance(value, list | tuple) or len(value) < 4:
        raise GeometryError("a polygon ring needs at least 4 positions")
    return tuple(_position(p) for p in value)


def polygons_from_geojson(geometry: object) -> tuple[Polygon, ...]:
    """The polygons of a GeoJSON Polygon or MultiPolygon geometry (others are refused)."""
    if not isinstance(geometry, dict):
        raise GeometryError("a feature has no geometry")
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if not isinstance(coords, list):
        raise GeometryError(f"a {kind} geometry has no coordinates")
    if kind == "Polygon":
        return (tuple(_ring(r) for r in coords),)
    if kind == "MultiPolygon":
        return tuple(tuple(_ring(r) for r in poly) for poly in coords if isinstance(poly, list))
    raise GeometryError(f"boundary layers need Polygon or MultiPolygon geometries, not {kind}")


def polygons_to_geojson(polygons: Sequence[Polygon]) -> dict[str, Any]:
    coords = [[[list(p) for p in ring] for ring in poly] for poly in polygons]
    if len(coords) == 1:
        return {"type": "Polygon", "coordinates": coords[0]}
    return {"type": "MultiPolygon", "coordinates": coords}
