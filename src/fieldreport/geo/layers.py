"""Read a boundary layer (GeoJSON, TopoJSON or shapefile) into Regions with a code and a name.

Which attribute holds the code and the name differs by publisher (OCHA: `ADM1_PCODE`,
`ADM1_FR`; geoBoundaries: `shapeISO`, `shapeName`; Natural Earth: `ADM0_A3`, `NAME`), so the
map pack's manifest names them; `code_map` translates codes (geoBoundaries' ISO 3166-2 codes
to OCHA P-codes) and `keep` restricts a world layer to the countries needed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from fieldreport.geo.geometry import GeometryError, Region, polygons_from_geojson
from fieldreport.geo.shapefile import shapefile_features
from fieldreport.geo.topojson import topojson_features

MAX_LAYER_BYTES = 256 * 1024 * 1024
LAYER_SUFFIXES = (".geojson", ".json", ".topojson", ".shp")


def read_features(path: Path, object_name: str | None = None) -> list[dict[str, Any]]:
    """GeoJSON-like features from a .geojson/.json, .topojson or .shp file."""
    suffix = path.suffix.lower()
    if suffix not in LAYER_SUFFIXES:
        raise GeometryError(f"{path.name}: layers must be GeoJSON, TopoJSON or a shapefile (.shp)")
    if not path.is_file():
        raise GeometryError(f"the layer file {path.name} is missing")
    if path.stat().st_size > MAX_LAYER_BYTES:
        raise GeometryError(f"{path.name} is larger than 256 MB; simplify it first")
    if suffix == ".shp":
        return shapefile_features(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GeometryError(f"{path.name} is not valid JSON ({exc})") from None
    if isinstance(data, dict) and data.get("type") == "Topology":
        return topojson_features(data, object_name)
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise GeometryError(f"{path.name}: the FeatureCollection has no features list")
        return [f for f in features if isinstance(f, dict)]
    raise GeometryError(f"{path.name} is neither a GeoJSON FeatureCollection nor a TopoJSON")


def regions_from_features(
    features: Sequence[Mapping[str, Any]],
    *,
    code_property: str,
    name_property: str,
    code_map: Mapping[str, str] | None = None,
    keep: Sequence[str] | None = None,
    extra_properties: Sequence[str] = (),
    source: str = "layer",
) -> list[Region]:
    regions = []
    wanted = set(keep) if keep else None
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        raw_code = props.get(code_property)
        if raw_code is None or raw_code == "":
            raise GeometryError(f"{source}: feature {number} has no {code_property!r} property")
        code = str(raw_code)
        if wanted is not None and code not in wanted:
            continue
        if code_map:
            code = code_map.get(code, code)
        name = str(props.get(name_property) or code)
        try:
            polygons = polygons_from_geojson(feature.get("geometry"))
        except GeometryError as exc:
            raise GeometryError(f"{source}: feature {number} ({name}): {exc}") from None
        extras = {key: props[key] for key in extra_properties if props.get(key) is not None}
        regions.append(Region(code, name, polygons, extras))
    if not regions:
        raise GeometryError(f"{source}: no feature left to use (check keep / code_property)")
    return regions
