"""What the map draws, computed away from painting: projection, basemap, clusters.

Web Mercator ("world units": the whole world is 256 × 256 at zoom 0, as raster tiles are),
so a map pack's MBTiles line up with its GeoJSON layers and the incidents. The basemap is
read from the active map pack in a worker (`load_basemap`), turned into painter paths once;
painting only transforms them. Clusters are a grid over world units whose cell is a fixed
number of screen pixels, recomputed when the zoom changes (not while panning).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

from fieldreport.geo import mbtiles
from fieldreport.geo.mappack import load_active, region_label
from fieldreport.store.points import IncidentPoint

WORLD = 256.0
MAX_LAT = 85.05112878
CLUSTER_CELL_PX = 56.0  # > the largest marker: neighbouring markers rarely overlap


def project(lon: float, lat: float) -> tuple[float, float]:
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = (lon + 180.0) / 360.0 * WORLD
    sin = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * WORLD
    return x, y


def unproject(x: float, y: float) -> tuple[float, float]:
    lon = x / WORLD * 360.0 - 180.0
    n = math.pi - 2 * math.pi * y / WORLD
    lat = math.degrees(math.atan(math.sinh(n)))
    return lon, lat


@dataclass
class Basemap:
    """The active map pack, ready to paint (built in a worker thread)."""

    countries: QPainterPath = field(default_factory=QPainterPath)
    admin1: QPainterPath = field(default_factory=QPainterPath)
    labels: list[tuple[str, QPointF]] = field(default_factory=list)  # admin-1 names
    places: list[tuple[str, QPointF]] = field(default_factory=list)
    attribution: str = ""
    name: str = ""
    tiles: Path | None = None
    tile_zooms: tuple[int, int] | None = None
    bounds: QRectF = field(default_factory=QRectF)  # world units; admin-1 extent


def _path(rings: Sequence[Sequence[tuple[float, float]]]) -> QPainterPath:
    path = QPainterPath()
    for ring in rings:
        path.addPolygon(QPolygonF([QPointF(*project(lon, lat)) for lon, lat in ring]))
        path.closeSubpath()
    return path


def load_basemap(data_dir: Path, lang: str) -> Basemap | None:
    """None when no map pack is installed (the map then draws a latitude/longitude grid)."""
    pack = load_active(data_dir)
    if pack is None:
        return None
    base = Basemap(attribution=pack.manifest.attribution, name=pack.manifest.name)
    countries = [ring for r in pack.layers.get("countries", []) for ring in r.rings()]
    base.countries = _path(countries)
    admin1 = pack.admin1
    base.admin1 = _path([ring for r in admin1 for ring in r.rings()])
    for region in admin1:
        west, south, east, north = region.bbox
        x, y = project((west + east) / 2, (south + north) / 2)
        base.labels.append((region_label(region, lang), QPointF(x, y)))
    base.places = [(s.name, QPointF(*project(s.lon, s.lat))) for s in pack.settlements]
    extent = base.admin1.boundingRect() if admin1 else base.countries.boundingRect()
    base.bounds = extent
    if pack.tiles is not None and pack.tiles.is_file():
        base.tiles = pack.tiles
        base.tile_zooms = mbtiles.zoom_range(pack.tiles)
    return base


class ProjectedPoints:
    """Incidents with their world coordinates, as parallel lists (built once per data change):
    cluster statistics then run through C-level map()/sum() instead of Python loops."""

    def __init__(self, points: Sequence[IncidentPoint]) -> None:
        self.points = list(points)
        xy = [project(p.lon, p.lat) for p in self.points]
        self.xs = [x for x, _ in xy]
        self.ys = [y for _, y in xy]
        self.types = [p.event_type for p in self.points]
        self.severities = [p.severity for p in self.points]
        self.times = [p.occurred_ts for p in self.points]

    def __len__(self) -> int:
        return len(self.points)

    def between(self, start: int, end: int) -> ProjectedPoints:
        """The points with `start <= occurred_ts <= end`, for points in date order (as
        incident_points returns them): two bisections and list slices, no re-projection."""
        lo, hi = bisect_left(self.times, start), bisect_right(self.times, end)
        if lo == 0 and hi == len(self.points):
            return self
        part = ProjectedPoints(())
        part.points = self.points[lo:hi]
        part.xs, part.ys = self.xs[lo:hi], self.ys[lo:hi]
        part.types, part.severities = self.types[lo:hi], self.severities[lo:hi]
        part.times = self.times[lo:hi]
        return part


class Cluster:
    """Incidents drawn as one marker at `x`, `y` (world units, the mean of its members)."""

    __slots__ = ("event_type", "max_severity", "members", "x", "y")

    def __init__(
        self,
        x: float,
        y: float,
        members: tuple[IncidentPoint, ...],
        event_type: str,
        max_severity: int,
    ) -> None:
        self.x = x
        self.y = y
        self.members = members
        self.event_type = event_type  # the most common one
        self.max_severity = max_severity

    @property
    def count(self) -> int:
        return len(self.members)


class ClusterGrid:
    """Points bucketed into square cells of `cell_px` screen pixels at `scale`.

    Bucketing 10k points costs a few milliseconds; a cell's marker (mean position, main
    event type) is made only when it is first drawn or asked for, so a zoom step costs little
    even when thousands of cells are off screen.
    """

    def __init__(
        self, data: ProjectedPoints, scale: float, cell_px: float = CLUSTER_CELL_PX
    ) -> None:
        self.cell = cell_px / scale
        self._data = data
        inverse = 1.0 / self.cell
        buckets: dict[tuple[int, int], list[int]] = {}
        for i, key in enumerate(
            zip(
                [int(x * inverse) for x in data.xs],
                [int(y * inverse) for y in data.ys],
                strict=True,
            )
        ):  # world units are never negative: int() is floor
            bucket = buckets.get(key)
            if bucket is None:
                buckets[key] = [i]
            else:
                bucket.append(i)
        self._buckets = buckets
        self._made: dict[tuple[int, int], Cluster] = {}

    def __len__(self) -> int:
        return len(self._buckets)

    def _cluster(self, key: tuple[int, int]) -> Cluster:
        made = self._made.get(key)
        if made is None:
            members = self._buckets[key]
            data = self._data
            if len(members) == 1:
                i = members[0]
                p = data.points[i]
                made = Cluster(data.xs[i], data.ys[i], (p,), p.event_type, p.severity)
            else:
                n = len(members)
                made = Cluster(
                    sum(map(data.xs.__getitem__, members)) / n,
                    sum(map(data.ys.__getitem__, members)) / n,
                    tuple(map(data.points.__getitem__, members)),
                    Counter(map(data.types.__getitem__, members)).most_common(1)[0][0],
                    max(map(data.severities.__getitem__, members)),
                )
            self._made[key] = made
        return made

    def all(self) -> list[Cluster]:
        return [self._cluster(key) for key in self._buckets]

    def within(self, box: QRectF) -> list[Cluster]:
        """The clusters whose cell touches `box` (world units), plus one cell around it."""
        inverse = 1.0 / self.cell
        kx0, ky0 = int(box.left() * inverse) - 1, int(box.top() * inverse) - 1
        kx1, ky1 = int(box.right() * inverse) + 1, int(box.bottom() * inverse) + 1
        if (kx1 - kx0 + 1) * (ky1 - ky0 + 1) > len(self._buckets):
            keys = [k for k in self._buckets if kx0 <= k[0] <= kx1 and ky0 <= k[1] <= ky1]
        else:
            keys = [
                (kx, ky)
                for kx in range(kx0, kx1 + 1)
                for ky in range(ky0, ky1 + 1)
                if (kx, ky) in self._buckets
            ]
        return [self._cluster(key) for key in keys]


def combine(clusters: Sequence[Cluster]) -> Cluster:
    """One cluster holding the members of several (at their weighted mean position)."""
    members = tuple(p for c in clusters for p in c.members)
    n = len(members)
    x = sum(c.x * len(c.members) for c in clusters) / n
    y = sum(c.y * len(c.members) for c in clusters) / n
    top = Counter(p.event_type for p in members).most_common(1)[0][0]
    return Cluster(x, y, members, top, max(p.severity for p in members))


def cluster_points(
    points: Sequence[IncidentPoint], scale: float, cell_px: float = CLUSTER_CELL_PX
) -> list[Cluster]:
    """Every cluster at `scale` (tests, keyboard navigation)."""
    return ClusterGrid(ProjectedPoints(points), scale, cell_px).all()
