"""Point-in-polygon, TopoJSON decoding and the shapefile reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldreport.geo.geometry import GeometryError, Region, polygons_from_geojson, region_at
from fieldreport.geo.layers import read_features, regions_from_features
from fieldreport.geo.shapefile import shapefile_features
from fieldreport.geo.topojson import topojson_features
from tests.geo.conftest import SHARED_GEO, square, write_shapefile


def _region(code: str, *polygons: list[list[list[float]]]) -> Region:
    geometry = {"type": "MultiPolygon", "coordinates": list(polygons)}
    return Region(code, code, polygons_from_geojson(geometry))


def test_point_in_polygon_with_a_hole_and_two_parts() -> None:
    ring = square(0, 0, 10, 10)
    hole = square(4, 4, 6, 6)
    island = square(20, 0, 22, 2)
    region = _region("R", [ring, hole], [island])
    assert region.contains(1, 1)
    assert not region.contains(5, 5)  # in the hole
    assert region.contains(21, 1)  # on the island
    assert not region.contains(15, 5)
    assert region.bbox == (0, 0, 22, 10)
    assert region_at([_region("A", [square(-5, -5, -1, -1)]), region], 21, 1) is region
    assert region_at([region], -50, 0) is None


@pytest.mark.parametrize(
    "geometry",
    [
        None,
        {"type": "Point", "coordinates": [0, 0]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 1]]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, "x"], [0, 0]]]},
        {"type": "Polygon", "coordinates": [square(300000, 1000000, 400000, 1100000)]},
    ],
)
def test_bad_geometries_are_refused(geometry: object) -> None:
    with pytest.raises(GeometryError):
        polygons_from_geojson(geometry)


def test_topojson_quantized_arcs_and_reversal() -> None:
    # Two unit squares sharing the edge x=1; the shared arc is used reversed by the second.
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
        "arcs": [
            [[2, 0], [0, 2]],  # shared edge (1,0)->(1,1) in quantized units, delta encoded
            [[2, 2], [-2, 0], [0, -2], [2, 0]],  # left square's other edges
            [[2, 0], [2, 0], [0, 2], [-2, 0]],  # right square's other edges
        ],
        "objects": {
            "regions": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"code": "L"}},
                    {"type": "Polygon", "arcs": [[2, -1]], "properties": {"code": "R"}},
                ],
            }
        },
    }
    features = topojson_features(topology)
    left = features[0]["geometry"]["coordinates"][0]
    right = features[1]["geometry"]["coordinates"][0]
    assert left == [[11, 20], [11, 21], [10, 21], [10, 20], [11, 20]]
    assert right == [[11, 20], [12, 20], [12, 21], [11, 21], [11, 20]]
    regions = regions_from_features(features, code_property="code", name_property="code")
    assert region_at(regions, 10.5, 20.5).code == "L"  # type: ignore[union-attr]
    assert region_at(regions, 11.5, 20.5).code == "R"  # type: ignore[union-attr]


def test_topojson_refuses_a_missing_arc() -> None:
    topology = {
        "type": "Topology",
        "arcs": [],
        "objects": {"o": {"type": "Polygon", "arcs": [[0]]}},
    }
    with pytest.raises(GeometryError, match="arc 0"):
        topojson_features(topology)


def test_geoboundaries_mali_topojson() -> None:
    path = SHARED_GEO / "geoBoundaries-MLI-ADM1.topojson"
    if not path.exists():
        pytest.skip("shared sample data not present")
    features = read_features(path)
    assert len(features) == 9
    regions = regions_from_features(features, code_property="shapeISO", name_property="shapeName")
    assert region_at(regions, -3.749, 16.131).name == "Tombouctou"  # type: ignore[union-attr]
    assert region_at(regions, -7.975, 12.609).code == "ML-BKO"  # type: ignore[union-attr]
    assert region_at(regions, 2.1098, 13.51366) is None  # Niamey is in Niger


def test_shapefile_polygons_holes_and_attributes(tmp_path: Path) -> None:
    clockwise = [(0.0, 0.0), (0.0, 10.0), (10.0, 10.0), (10.0, 0.0), (0.0, 0.0)]
    hole = [(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0)]  # counter-clockwise
    other = [(20.0, 0.0), (20.0, 2.0), (22.0, 2.0), (22.0, 0.0), (20.0, 0.0)]
    write_shapefile(tmp_path / "adm", [[clockwise, hole], [other]], ["Ségou", "Kidal"])
    features = shapefile_features(tmp_path / "adm.shp")
    assert [f["properties"] for f in features] == [
        {"NAME": "Ségou", "POP": 1000},
        {"NAME": "Kidal", "POP": 2000},
    ]
    regions = regions_from_features(features, code_property="NAME", name_property="NAME")
    assert region_at(regions, 1, 1).name == "Ségou"  # type: ignore[union-attr]
    assert region_at(regions, 5, 5) is None  # the hole
    assert region_at(regions, 21, 1).name == "Kidal"  # type: ignore[union-attr]


def test_projected_shapefile_is_refused(tmp_path: Path) -> None:
    write_shapefile(tmp_path / "utm", [[[(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (0.0, 0.0)]]], ["A"])
    (tmp_path / "utm.prj").write_text('PROJCS["WGS_1984_UTM_Zone_30N",GEOGCS["GCS_WGS_1984"]]')
    with pytest.raises(GeometryError, match="EPSG:4326"):
        shapefile_features(tmp_path / "utm.shp")


def test_not_a_layer(tmp_path: Path) -> None:
    bad = tmp_path / "x.geojson"
    bad.write_text(json.dumps({"type": "Feature"}))
    with pytest.raises(GeometryError, match="neither"):
        read_features(bad)
    with pytest.raises(GeometryError, match="GeoJSON, TopoJSON or a shapefile"):
        read_features(tmp_path / "x.kml")


@pytest.mark.parametrize(
    "obj",
    [{"type": "Polygon"}, [], {"type": "Polygon", "arcs": [["x"]]}],
    ids=["no arcs", "not an object", "arc index not a number"],
)
def test_a_malformed_topojson_object_is_one_geometry_error(obj: object) -> None:
    from fieldreport.geo.geometry import GeometryError
    from fieldreport.geo.topojson import topojson_features

    topology = {"type": "Topology", "objects": {"regions": obj}, "arcs": [[[0, 0], [1, 1]]]}
    with pytest.raises(GeometryError, match="TopoJSON"):
        topojson_features(topology)
