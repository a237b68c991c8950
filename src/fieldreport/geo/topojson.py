"""TopoJSON → GeoJSON features (the format geoBoundaries and many OCHA downloads use).

Implements what boundary layers need from the TopoJSON specification: quantized, delta-
encoded arcs (`transform`), reversed arcs (index ~i), and Polygon / MultiPolygon geometries,
possibly inside a GeometryCollection. Points and lines are not boundaries and are skipped.
"""

from __future__ import annotations

from typing import Any

from fieldreport.geo.geometry import GeometryError

Position = list[float]


def _decode_arcs(topology: dict[str, Any]) -> list[list[Position]]:
    arcs = topology.get("arcs")
    if not isinstance(arcs, list):
        raise GeometryError("the TopoJSON file has no arcs")
    transform = topology.get("transform")
    if transform is None:
        return [[[float(p[0]), float(p[1])] for p in arc] for arc in arcs]
    try:
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    except (KeyError, TypeError, ValueError):
        raise GeometryError("the TopoJSON transform needs scale and translate pairs") from None
    decoded = []
    for arc in arcs:
        x = y = 0
        points = []
        for delta in arc:  # each position is relative to the previous one
            x += delta[0]
            y += delta[1]
            points.append([x * sx + tx, y * sy + ty])
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[Position]]) -> list[Position]:
    ring: list[Position] = []
    for index in indexes:
        if not isinstance(index, int) or not -len(arcs) <= index < len(arcs):
            raise GeometryError(f"the TopoJSON refers to arc {index}, which does not exist")
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # Consecutive arcs share their joining point: keep it once.
        ring.extend(arc if not ring else arc[1:])
    return ring


def _geometry(obj: dict[str, Any], arcs: list[list[Position]]) -> dict[str, Any] | None:
    kind = obj.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(r, arcs) for r in obj["arcs"]]}
    if kind == "MultiPolygon":
        polygons = [[_ring(r, arcs) for r in poly] for poly in obj["arcs"]]
        return {"type": "MultiPolygon", "coordinates": polygons}
    return None


def topojson_features(topology: object, object_name: str | None = None) -> list[dict[str, Any]]:
    """GeoJSON features of one object of `topology` (the only one, or `object_name`)."""
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        raise GeometryError("not a TopoJSON topology (type must be 'Topology')")
    objects = topology.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise GeometryError("the TopoJSON file has no objects")
    if object_name is None:
        if len(objects) > 1:
            names = ", ".join(objects)
            raise GeometryError(f"the TopoJSON file has several objects ({names}); name one")
        object_name = next(iter(objects))
    if object_name not in objects:
        raise GeometryError(f"the TopoJSON file has no object {object_name!r}")
    try:
        return _features(topology, objects[object_name])
    except GeometryError:  # already says what is wrong (it is a ValueError too)
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        # A file of the right kind with a wrong shape inside: one clear refusal, not a crash.
        raise GeometryError(f"the TopoJSON object {object_name!r} is malformed") from None


def _features(topology: dict[str, Any], root: Any) -> list[dict[str, Any]]:
    arcs = _decode_arcs(topology)
    members = root.get("geometries", []) if root.get("type") == "GeometryCollection" else [root]
    features = []
    for member in members:
        geometry = _geometry(member, arcs)
        if geometry is not None:
            props = member.get("properties") or {}
            features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return features
