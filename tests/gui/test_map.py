"""The Map tab: markers, click to open, shared filters, the time slider, a map pack or not."""

from __future__ import annotations

import json
import random
import sqlite3
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage

from fieldreport.geo import mappack
from fieldreport.gui.map_model import cluster_points, project, unproject
from fieldreport.gui.map_view import MapCanvas, MapView
from fieldreport.gui.report_filter import ReportFilter
from fieldreport.store.points import IncidentPoint
from fieldreport.store.store import Store
from tests.conftest import minimal_report

PLACES = {
    "Tonka": (16.131, -3.749, "ML06"),
    "Boni": (15.078, -1.856, "ML05"),
    "Bamako": (12.639, -8.003, "ML09"),
    "Gao": (16.272, -0.044, "ML07"),
}


def _report(place: str, day: str, **fields: Any) -> dict[str, Any]:
    lat, lon, adm1 = PLACES[place]
    return minimal_report(
        title=f"{place} {day}",
        occurred_at=f"{day}T10:00:00+00:00",
        location={"name": place, "lat": lat, "lon": lon, "adm1_pcode": adm1},
        **fields,
    )


@pytest.fixture
def seeded(store: Store) -> Store:
    store.add_report(_report("Tonka", "2026-10-01"))
    store.add_report(
        _report(
            "Boni", "2026-10-15", event_type="Battles", sub_event_type="Armed clash", severity=5
        )
    )
    store.add_report(_report("Bamako", "2026-11-01", severity=1))
    store.add_report(
        _report("Gao", "2026-11-10", event_type="Battles", sub_event_type="Armed clash", severity=4)
    )
    return store


def _view(qtbot: Any, store: Store, flt: ReportFilter | None = None) -> MapView:
    view = MapView(store, flt)
    qtbot.addWidget(view)
    view.resize(900, 640)
    view.show()
    qtbot.waitUntil(lambda: not view.loading and len(view.canvas.points) > 0, timeout=10000)
    return view


def test_markers_are_drawn_for_reports_and_a_click_opens_one(qtbot: Any, seeded: Store) -> None:
    view = _view(qtbot, seeded)
    canvas = view.canvas
    assert len(canvas.points) == 4
    singles = [c for c in canvas.ensure_clusters().all() if c.count == 1]
    assert len(singles) == 4  # the four towns are far apart at the fitted zoom
    image = canvas.grab().toImage()
    boni = next(c for c in singles if c.members[0].title.startswith("Boni"))
    where = canvas.to_screen(boni.x, boni.y).toPoint()
    assert image.pixelColor(where) == QColor("#D55E00")  # Battles colour under the marker
    with qtbot.waitSignal(view.report_activated, timeout=2000) as opened:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=where)
    assert opened.args == [boni.members[0].id]
    assert "Boni 2026-10-15" in canvas.describe(boni)


def test_keyboard_moves_to_a_marker_and_enter_opens_it(qtbot: Any, seeded: Store) -> None:
    view = _view(qtbot, seeded)
    canvas = view.canvas
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_N)  # westmost first: Bamako
    with qtbot.waitSignal(view.report_activated, timeout=2000) as opened:
        qtbot.keyClick(canvas, Qt.Key.Key_Return)
    bamako = next(p for p in canvas.points if p.title.startswith("Bamako"))
    assert opened.args == [bamako.id]
    before = canvas.scale
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.scale == pytest.approx(before * 2)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.scale == pytest.approx(before)


def test_a_cluster_click_zooms_in_until_markers_split(qtbot: Any, seeded: Store) -> None:
    view = _view(qtbot, seeded)
    canvas = view.canvas
    canvas.zoom_by(1 / 64)  # the whole of Mali in a few pixels: one group
    clusters = canvas.ensure_clusters().all()
    assert len(clusters) < 4 and sum(c.count for c in clusters) == 4
    group = max(clusters, key=lambda c: c.count)
    scale = canvas.scale
    qtbot.mouseClick(
        canvas, Qt.MouseButton.LeftButton, pos=canvas.to_screen(group.x, group.y).toPoint()
    )
    assert canvas.scale > scale
    assert "incident" in canvas.describe(group)


def test_filters_are_shared_and_reduce_markers(qtbot: Any, seeded: Store) -> None:
    shared = ReportFilter()
    view = _view(qtbot, seeded, shared)
    view.event_box.setCurrentIndex(view.event_box.findData("Battles"))
    qtbot.waitUntil(lambda: len(view.canvas.points) == 2, timeout=5000)
    assert shared.query().event_type == "Battles"  # the list would follow
    assert {p.event_type for p in view.canvas.points} == {"Battles"}
    shared.update(event_type=None, severity_min=4)  # changed elsewhere (the list)
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert {p.severity for p in view.canvas.points} == {4, 5}
    assert view.severity_box.currentData() == 4
    assert view.event_box.currentData() is None
    assert "2" in view.status.text()


def test_time_slider_shows_incidents_up_to_a_date(qtbot: Any, seeded: Store) -> None:
    view = _view(qtbot, seeded)
    assert view.slider.value() == view.slider.maximum()
    assert view.date_label.text() == "2026-11-10"
    view.set_date("2026-10-20")
    assert sorted(p.title for p in view.canvas.points) == ["Boni 2026-10-15", "Tonka 2026-10-01"]
    assert view.date_label.text() == "2026-10-20"
    view.period_box.setCurrentIndex(view.period_box.findData(7))  # the week up to 20 Oct
    assert [p.title for p in view.canvas.points] == ["Boni 2026-10-15"]
    view.slider.setValue(0)  # the first day
    assert [p.title for p in view.canvas.points] == ["Tonka 2026-10-01"]


def test_without_a_map_pack_a_grid_and_how_to_install_one(qtbot: Any, seeded: Store) -> None:
    view = _view(qtbot, seeded)
    qtbot.waitUntil(view.banner.isVisible, timeout=5000)
    assert "fieldreport mappack install FILE|DIR" in view.banner.text()
    assert view.canvas.basemap is None
    image = view.canvas.grab().toImage()
    grey = QColor("#d3d3cc")  # graticule lines are painted
    assert any(image.pixelColor(x, 300) == grey for x in range(image.width()))


def _tiny_pack(folder: Path, with_tiles: bool) -> Path:
    folder.mkdir()
    ring = [[-12.0, 10.0], [4.0, 10.0], [4.0, 25.0], [-12.0, 25.0], [-12.0, 10.0]]
    layer = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"pcode": "ML05", "name": "Mopti"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }
    (folder / "adm1.geojson").write_text(json.dumps(layer), "utf-8")
    manifest: dict[str, Any] = {
        "format": "fieldreport-mappack/1",
        "id": "tiny",
        "name": "Tiny",
        "version": "1",
        "attribution": "Test boundaries",
        "layers": [
            {
                "id": "adm1",
                "role": "admin1",
                "file": "adm1.geojson",
                "code_property": "pcode",
                "name_property": "name",
            }
        ],
    }
    if with_tiles:
        image = QImage(256, 256, QImage.Format.Format_RGB32)
        image.fill(QColor("#3366ff"))
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        png = bytes(buffer.data().data())
        db = sqlite3.connect(folder / "tiles.mbtiles")
        db.execute("CREATE TABLE metadata (name text, value text)")
        db.execute(
            "CREATE TABLE tiles (zoom_level int, tile_column int, tile_row int, tile_data blob)"
        )
        rows = [(z, x, (1 << z) - 1 - y, png) for z in range(0, 9) for x, y in _mali_tiles(z)]
        db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", rows)
        db.commit()
        db.close()
        manifest["tiles"] = "tiles.mbtiles"
    (folder / "mappack.json").write_text(json.dumps(manifest), "utf-8")
    return folder


def _mali_tiles(zoom: int) -> list[tuple[int, int]]:
    size = 256 / (1 << zoom)
    (x0, y0), (x1, y1) = project(-13, 26), project(5, 9)
    return [
        (x, y)
        for x in range(int(x0 // size), int(x1 // size) + 1)
        for y in range(int(y0 // size), int(y1 // size) + 1)
    ]


def test_a_map_pack_draws_its_regions_and_tiles(qtbot: Any, seeded: Store, tmp_path: Path) -> None:
    mappack.install(_tiny_pack(tmp_path / "pack", with_tiles=True), seeded.layout.root)
    view = _view(qtbot, seeded)
    qtbot.waitUntil(lambda: view.canvas.basemap is not None, timeout=5000)
    assert not view.banner.isVisible()
    assert view.canvas.basemap.labels[0][0] == "Mopti"
    view.canvas.grab()  # asks for tiles (in a worker)
    qtbot.waitUntil(lambda: any(view.canvas._tiles.values()), timeout=5000)
    image = view.canvas.grab().toImage()
    blue = QColor("#3366ff")
    assert sum(image.pixelColor(x, 400) == blue for x in range(0, image.width(), 10)) > 5


def test_projection_round_trips() -> None:
    for lon, lat in ((-3.749, 16.131), (0.0, 0.0), (4.0, 25.0)):
        back = unproject(*project(lon, lat))
        assert back[0] == pytest.approx(lon) and back[1] == pytest.approx(lat)


def _synthetic(count: int) -> list[IncidentPoint]:
    rng = random.Random(6)
    types = ["Battles", "Protests", "Riots", "Strategic developments", "Violence against civilians"]
    return [
        IncidentPoint(
            id=f"id-{i}",
            lat=rng.uniform(11.0, 24.0),
            lon=rng.uniform(-11.5, 3.5),
            event_type=types[i % len(types)],
            severity=1 + i % 5,
            occurred_ts=1_790_000_000 + i * 600,
            occurred_at="2026-10-01T00:00:00+00:00",
            title=f"Incident {i}",
            adm1_pcode=None,
        )
        for i in range(count)
    ]


def test_ten_thousand_points_paint_clustered_under_50_ms(qtbot: Any) -> None:
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1200, 760)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_points(_synthetic(10_000))
    canvas.fit()
    best = []
    for factor in (1.0, 2.0, 2.0, 2.0, 2.0, 1 / 32):  # every step re-clusters at the new zoom
        timings = []
        for _attempt in range(5):  # a shared machine: keep the best of five
            canvas.zoom_by(factor if not timings else 1.0)
            canvas._clustered_at = None
            started = time.perf_counter()
            canvas.grab()  # paints now (repaint() may wait for an expose on offscreen)
            timings.append((time.perf_counter() - started) * 1000)
        best.append(min(timings))
        assert sum(c.count for c in canvas.grid.all()) == 10_000
    assert max(best) < 50, best
    assert canvas.last_paint_ms < 50


def test_clusters_keep_every_point() -> None:
    points = _synthetic(500)
    for scale in (1.0, 16.0, 4096.0):
        clusters = cluster_points(points, scale)
        assert sum(c.count for c in clusters) == 500
    assert len(cluster_points(points, 1.0)) < len(cluster_points(points, 4096.0))


def test_time_slider_with_ten_thousand_points_stays_under_50_ms(qtbot: Any, store: Store) -> None:
    from fieldreport.gui.map_model import ProjectedPoints
    from fieldreport.store.points import PointSet

    view = MapView(store)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitUntil(lambda: not view.loading, timeout=10000)
    points = sorted(_synthetic(10_000), key=lambda p: p.occurred_ts)
    view._loaded(view._generation, PointSet(tuple(points), 0), ProjectedPoints(points))
    assert len(view.canvas.points) == 10_000
    worst = []
    for value in (view.slider.maximum() // 2, view.slider.maximum() // 4, view.slider.maximum()):
        timings = []
        for _attempt in range(5):  # a shared machine: keep the best of five
            view.slider.setValue(0)
            started = time.perf_counter()
            view.slider.setValue(value)
            view.canvas.grab()
            timings.append((time.perf_counter() - started) * 1000)
        worst.append(min(timings))
        first = points[0].occurred_ts // 86400
        expected = sum(p.occurred_ts // 86400 <= first + value for p in points)
        assert len(view.canvas.points) == expected
    assert max(worst) < 50, worst


def test_markers_that_would_overlap_are_merged() -> None:
    from fieldreport.gui.map_model import ClusterGrid, ProjectedPoints
    from fieldreport.gui.map_view import merge_overlapping

    points = _synthetic(2)
    scale = 1000.0
    cell = ClusterGrid(ProjectedPoints([]), scale).cell
    # Two incidents 4 px apart on either side of a cell border: two cells, one marker.
    border = (int(project(-3.0, 15.0)[0] / cell) + 1) * cell
    lon_a, lat = unproject(border - 2 / scale, project(-3.0, 15.0)[1])
    lon_b, _ = unproject(border + 2 / scale, project(-3.0, 15.0)[1])
    near = [replace(points[0], lon=lon_a, lat=lat), replace(points[1], lon=lon_b, lat=lat)]
    grid = ClusterGrid(ProjectedPoints(near), scale)
    assert len(grid.all()) == 2
    merged = merge_overlapping(grid.all(), scale)
    assert len(merged) == 1 and merged[0].count == 2
    assert merged[0].max_severity == max(p.severity for p in near)
