"""The Map tab: incidents on an offline basemap, clustered, filtered, with a time slider.

`MapView(store, report_filter)` is the whole tab; `MapCanvas` paints. Points and the map pack
are read in workers (never on the GUI thread); painting transforms prepared paths and draws
at most one marker per grid cell, so 10k incidents pan and zoom smoothly.

Mouse: drag to pan, wheel to zoom, click a marker to open its report (a group: zoom in).
Keyboard: arrows pan, + and - zoom, 0 shows everything, N / P move to the next / previous
marker, Enter opens the marker under the cross-hair.
"""

from __future__ import annotations

import functools
import math
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QSlider,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from fieldreport.domain import load_taxonomy
from fieldreport.exports.palette import event_type_colour
from fieldreport.geo import mbtiles
from fieldreport.gui.hidden_reload import ReloadWhenShown
from fieldreport.gui.i18n import current_language
from fieldreport.gui.map_model import (
    WORLD,
    Basemap,
    Cluster,
    ClusterGrid,
    ProjectedPoints,
    combine,
    load_basemap,
    project,
    unproject,
)
from fieldreport.gui.report_filter import ReportFilter
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store.points import IncidentPoint, PointSet, incident_points
from fieldreport.store.store import Store

MIN_SCALE, MAX_SCALE = 0.5, 2.0**17  # screen pixels per world unit (zoom 0 … 17)
PAN_STEP_PX = 60
CLICK_SLOP_PX = 5
PERIODS = (0, 7, 30, 90, 365)  # days shown up to the slider's date; 0: everything before
DAY = 86400


@functools.cache
def event_colour(event_type: str) -> QColor:
    """The event type's colour of exports/palette.py (one QColor each: painting asks often)."""
    return QColor(event_type_colour(event_type))


def marker_radius(cluster: Cluster) -> float:
    if cluster.count == 1:
        return 4.0 + 1.5 * cluster.max_severity
    return min(26.0, 10.0 + 4.0 * math.log10(cluster.count) * 2)


def merge_overlapping(clusters: list[Cluster], scale: float) -> list[Cluster]:
    """Markers of neighbouring grid cells that would overlap on screen become one marker
    (grid clustering alone splits a town's incidents when it sits on a cell border).
    Largest first, so a group absorbs the stray points beside it; linear with a hash grid."""
    cell = 2 * 26.0  # the largest marker's diameter, in pixels
    placed: dict[tuple[int, int], list[int]] = {}
    kept: list[Cluster] = []
    absorbed: dict[int, list[Cluster]] = {}
    for cluster in sorted(clusters, key=lambda c: (-len(c.members), c.x, c.y)):
        sx, sy = cluster.x * scale, cluster.y * scale
        key = (int(sx // cell), int(sy // cell))
        radius = marker_radius(cluster)
        into = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for index in placed.get((key[0] + dx, key[1] + dy), ()):
                    other = kept[index]
                    reach = (marker_radius(other) + radius) * 0.9
                    if math.hypot(other.x * scale - sx, other.y * scale - sy) < reach:
                        into = index
                        break
                if into is not None:
                    break
            if into is not None:
                break
        if into is None:
            placed.setdefault(key, []).append(len(kept))
            kept.append(cluster)
        else:
            absorbed.setdefault(into, []).append(cluster)
    for index, extra in absorbed.items():
        kept[index] = combine([kept[index], *extra])
    return kept


class MapCanvas(QWidget):
    """Paints the basemap (or a grid), the clusters and the legend; handles pan and zoom."""

    report_activated = Signal(str)
    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(240, 160)  # fits the window at 200 % scaling
        self.setAutoFillBackground(False)
        self.taxonomy = load_taxonomy()
        self.basemap: Basemap | None = None
        self.points: list[IncidentPoint] = []
        self._data = ProjectedPoints([])
        self.grid = ClusterGrid(self._data, 1.0)
        self._clustered_at: float | None = None
        self.scale = 8.0
        self.center = QPointF(*project(-2.0, 17.0))  # Mali
        self._press: QPoint | None = None
        self._press_center = QPointF()
        self._dragged = False
        self._cursor_index = -1  # N / P keyboard navigation through the visible markers
        self.keyboard_mode = False  # show the cross-hair once the keyboard drives the map
        self.user_moved = False  # the user panned or zoomed: loading data no longer refits
        self.last_paint_ms = 0.0
        self._tiles: dict[tuple[int, int, int], QImage | None] = {}
        self._visible: list[Cluster] = []
        self._visible_key: tuple[int, ...] = ()
        self._sprites: dict[tuple[str, bool, int, int, float], QPixmap] = {}
        self._tiles_pending: set[tuple[int, int, int]] = set()
        self.legend_title = ""
        self.severity_hint = ""
        self.group_hint = ""

    # ----- data ------------------------------------------------------------------------------
    def set_basemap(self, basemap: Basemap | None) -> None:
        self.basemap = basemap
        self._tiles.clear()
        self._tiles_pending.clear()
        self.update()

    def set_points(self, points: list[IncidentPoint] | ProjectedPoints) -> None:
        self._data = points if isinstance(points, ProjectedPoints) else ProjectedPoints(points)
        self.points = self._data.points
        self._clustered_at = None
        self._cursor_index = -1
        self.update()

    def fit(self) -> None:
        """Show every incident (or the map pack's country, or Mali when there is nothing)."""
        box = QRectF()
        if self.points:
            xs, ys = self._data.xs, self._data.ys
            box = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        if self.basemap is not None and not self.basemap.bounds.isEmpty():
            box = box.united(self.basemap.bounds) if box.isValid() else self.basemap.bounds
        if not box.isValid():
            west, north = project(-12.5, 25.5)
            east, south = project(4.5, 10.0)
            box = QRectF(west, north, east - west, south - north)
        pad = 40  # pixels kept free around the markers on every side
        width = max(box.width(), 0.02)
        height = max(box.height(), 0.02)
        self.center = box.center()
        self._set_scale(
            min(max(self.width() - 2 * pad, 40) / width, max(self.height() - 2 * pad, 40) / height)
        )

    def _set_scale(self, scale: float) -> None:
        self.scale = max(MIN_SCALE, min(MAX_SCALE, scale))
        self.update()
        self.view_changed.emit()

    def ensure_clusters(self) -> ClusterGrid:
        if self._clustered_at != self.scale:
            self.grid = ClusterGrid(self._data, self.scale)
            self._clustered_at = self.scale
            self._visible_key = ()  # markers of the old grid are stale
        return self.grid

    def visible_clusters(self, margin_px: float = 30.0) -> list[Cluster]:
        box = QRectF(
            self.to_world(QPointF(-margin_px, -margin_px)),
            self.to_world(QPointF(self.width() + margin_px, self.height() + margin_px)),
        )
        grid = self.ensure_clusters()
        cell = grid.cell
        key = (
            int(box.left() // cell),
            int(box.top() // cell),
            int(box.right() // cell),
            int(box.bottom() // cell),
        )
        if self._visible_key != key:  # panning within the same cells reuses the markers
            self._visible = merge_overlapping(grid.within(box), self.scale)
            self._visible_key = key
        return self._visible

    # ----- geometry --------------------------------------------------------------------------
    def to_screen(self, x: float, y: float) -> QPointF:
        return QPointF(
            (x - self.center.x()) * self.scale + self.width() / 2,
            (y - self.center.y()) * self.scale + self.height() / 2,
        )

    def to_world(self, pos: QPointF) -> QPointF:
        return QPointF(
            (pos.x() - self.width() / 2) / self.scale + self.center.x(),
            (pos.y() - self.height() / 2) / self.scale + self.center.y(),
        )

    def world_transform(self) -> QTransform:
        s = self.scale
        return QTransform(
            s,
            0,
            0,
            s,
            self.width() / 2 - self.center.x() * s,
            self.height() / 2 - self.center.y() * s,
        )

    def cluster_at(self, pos: QPointF, slop: float = 3.0) -> Cluster | None:
        best, best_d = None, float("inf")
        for cluster in self.visible_clusters():
            p = self.to_screen(cluster.x, cluster.y)
            d = math.hypot(p.x() - pos.x(), p.y() - pos.y())
            if d <= marker_radius(cluster) + slop and d < best_d:
                best, best_d = cluster, d
        return best

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        before = self.to_world(anchor)
        self.scale = max(MIN_SCALE, min(MAX_SCALE, self.scale * factor))
        after = self.to_world(anchor)
        self.center += before - after
        self.user_moved = True
        self.update()
        self.view_changed.emit()

    def pan_by(self, dx_px: float, dy_px: float) -> None:
        self.center += QPointF(dx_px / self.scale, dy_px / self.scale)
        self.user_moved = True
        self.update()
        self.view_changed.emit()

    # ----- activation ------------------------------------------------------------------------
    def activate(self, cluster: Cluster, global_pos: QPoint | None = None) -> None:
        if cluster.count == 1:
            self.report_activated.emit(cluster.members[0].id)
            return
        same_place = len({(p.lat, p.lon) for p in cluster.members}) == 1
        if self.scale >= MAX_SCALE or same_place:
            self._choose(cluster, global_pos)
            return
        self.center = QPointF(cluster.x, cluster.y)
        self._set_scale(self.scale * 4)

    def _choose(self, cluster: Cluster, global_pos: QPoint | None) -> None:
        """Incidents at one spot: a menu of their titles (the first 25)."""
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Incidents at this place"))
        for point in sorted(cluster.members, key=lambda p: -p.occurred_ts)[:25]:
            action = menu.addAction(f"{point.occurred_at[:10]}  {point.title}")
            action.triggered.connect(lambda _c=False, rid=point.id: self.report_activated.emit(rid))
        where = self.to_screen(cluster.x, cluster.y).toPoint()
        menu.popup(global_pos or self.mapToGlobal(where))

    # ----- events ----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._press_center = QPointF(self.center)
            self._dragged = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = pos.toPoint() - self._press
            if self._dragged or delta.manhattanLength() > CLICK_SLOP_PX:
                self._dragged = True
                self.user_moved = True
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self.center = self._press_center - QPointF(delta) / self.scale
                self.update()
            return
        cluster = self.cluster_at(pos)
        if cluster is None:
            self.unsetCursor()
            QToolTip.hideText()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(cluster), self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            clicked = not self._dragged
            self._press = None
            self.unsetCursor()
            if self._dragged:
                self.view_changed.emit()
            if clicked:
                cluster = self.cluster_at(event.position())
                if cluster is not None:
                    self.activate(cluster, event.globalPosition().toPoint())
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(2 ** (steps / 2), event.position())

    def resizeEvent(self, event: QResizeEvent) -> None:
        if not self.user_moved:
            self.fit()
        super().resizeEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        keyboard = (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        self.keyboard_mode = event.reason() in keyboard
        self.update()
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        self.keyboard_mode = True
        moves = {
            Qt.Key.Key_Left: (-PAN_STEP_PX, 0),
            Qt.Key.Key_Right: (PAN_STEP_PX, 0),
            Qt.Key.Key_Up: (0, -PAN_STEP_PX),
            Qt.Key.Key_Down: (0, PAN_STEP_PX),
        }
        if key in moves:
            self.pan_by(*moves[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(2.0)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(0.5)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.fit()
        elif key in (Qt.Key.Key_N, Qt.Key.Key_P):
            self._step_marker(1 if key == Qt.Key.Key_N else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            centre = QPointF(self.width() / 2, self.height() / 2)
            cluster = self.cluster_at(centre, slop=12.0)
            if cluster is not None:
                self.activate(cluster)
        else:
            super().keyPressEvent(event)

    def _step_marker(self, step: int) -> None:
        """Centre the next marker on screen (west to east), so Enter can open it."""
        visible = [c for c in self.visible_clusters(0) if self.rect().contains(self._screen(c))]
        if not visible:
            visible = self.ensure_clusters().all()
        if not visible:
            return
        visible.sort(key=lambda c: (c.x, c.y))
        self._cursor_index = (self._cursor_index + step) % len(visible)
        chosen = visible[self._cursor_index]
        self.center = QPointF(chosen.x, chosen.y)
        self.update()
        self.view_changed.emit()
        where = self.mapToGlobal(QPoint(self.width() // 2, self.height() // 2))
        QToolTip.showText(where, self.describe(chosen), self)

    def _screen(self, cluster: Cluster) -> QPoint:
        return self.to_screen(cluster.x, cluster.y).toPoint()

    def describe(self, cluster: Cluster) -> str:
        lang = current_language()
        if cluster.count == 1:
            p = cluster.members[0]
            return "\n".join(
                (
                    p.title,
                    f"{p.occurred_at[:16].replace('T', ' ')} · "
                    f"{self.taxonomy.event_label(p.event_type, lang)}",
                    self.taxonomy.label("severity", p.severity, lang),
                )
            )
        counts: dict[str, int] = {}
        for p in cluster.members:
            counts[p.event_type] = counts.get(p.event_type, 0) + 1
        lines = [self.tr("%n incident(s)", "", cluster.count)]
        for code, n in sorted(counts.items(), key=lambda kv: -kv[1])[:4]:
            lines.append(f"{n} × {self.taxonomy.event_label(code, lang)}")
        lines.append(self.tr("Click to zoom in"))
        return "\n".join(lines)

    # ----- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        started = time.perf_counter()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#f4f1ea") if self.basemap else QColor("#fbfbf8"))
        if self.basemap is not None:
            self._paint_basemap(painter, self.basemap)
        else:
            self._paint_grid(painter)
        self._paint_markers(painter)
        if self.basemap is not None and self.scale >= 160:
            self._paint_place_names(painter, self.basemap)
        self._paint_legend(painter)
        if self.hasFocus() and self.keyboard_mode:
            self._paint_crosshair(painter)
        painter.end()
        self.last_paint_ms = (time.perf_counter() - started) * 1000

    def _paint_basemap(self, painter: QPainter, base: Basemap) -> None:
        if base.tiles is not None and base.tile_zooms is not None:
            self._paint_tiles(painter, base)
        painter.save()
        painter.setTransform(self.world_transform())
        pen = QPen(QColor("#9a9486"), 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QColor("#e9e4d8") if base.tiles is None else Qt.BrushStyle.NoBrush)
        painter.drawPath(base.countries)
        pen = QPen(QColor("#6d6a63"), 1.2)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QColor("#fffdf7") if base.tiles is None else Qt.BrushStyle.NoBrush)
        painter.drawPath(base.admin1)
        painter.restore()
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.95))
        font.setItalic(True)
        painter.setFont(font)
        painter.setPen(QColor("#5c5850"))
        metrics = QFontMetrics(font)
        for name, point in base.labels:
            p = self.to_screen(point.x(), point.y())
            width = metrics.horizontalAdvance(name)
            painter.drawText(QPointF(p.x() - width / 2, p.y()), name)
        if self.scale >= 160 and base.places:  # village dots once zoomed to a region
            painter.setBrush(QColor("#333333"))
            painter.setPen(Qt.PenStyle.NoPen)
            for _name, point in base.places:
                p = self.to_screen(point.x(), point.y())
                if self.rect().contains(p.toPoint()):
                    painter.drawEllipse(p, 2.0, 2.0)
        if base.attribution:
            small = QFont(self.font())
            small.setPointSizeF(max(6.5, small.pointSizeF() * 0.8))
            painter.setFont(small)
            painter.setPen(QColor("#555555"))
            box = QRectF(self.rect()).adjusted(8, 4, -8, -4)
            painter.drawText(
                box,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
                base.attribution,
            )

    def _paint_tiles(self, painter: QPainter, base: Basemap) -> None:
        assert base.tile_zooms is not None and base.tiles is not None
        low, high = base.tile_zooms
        zoom = max(low, min(high, round(math.log2(max(self.scale, 1e-9)))))
        n = 1 << zoom
        size = WORLD / n  # a tile's side in world units
        top_left = self.to_world(QPointF(0, 0))
        bottom_right = self.to_world(QPointF(self.width(), self.height()))
        x0, x1 = max(0, int(top_left.x() // size)), min(n - 1, int(bottom_right.x() // size))
        y0, y1 = max(0, int(top_left.y() // size)), min(n - 1, int(bottom_right.y() // size))
        missing = []
        for tx in range(x0, x1 + 1):
            for ty in range(y0, y1 + 1):
                key = (zoom, tx, ty)
                if key in self._tiles:
                    image = self._tiles[key]
                    if image is not None:
                        corner = self.to_screen(tx * size, ty * size)
                        side = size * self.scale
                        painter.drawImage(QRectF(corner.x(), corner.y(), side, side), image)
                elif key not in self._tiles_pending:
                    missing.append(key)
        if missing and len(missing) <= 64:
            self._tiles_pending.update(missing)
            path = base.tiles

            def work(job: Job) -> dict[tuple[int, int, int], bytes | None]:
                return mbtiles.read_tiles(path, missing)

            run_in_background(work, on_done=self._tiles_loaded, owner=self)

    def _tiles_loaded(self, found: dict[tuple[int, int, int], bytes | None]) -> None:
        for key, data in found.items():
            self._tiles_pending.discard(key)
            image = QImage.fromData(data) if data else None
            self._tiles[key] = image if image is not None and not image.isNull() else None
        if len(self._tiles) > 512:  # keep memory bounded: drop the oldest half
            for key in list(self._tiles)[:256]:
                del self._tiles[key]
        self.update()

    def _paint_grid(self, painter: QPainter) -> None:
        """No map pack: a latitude/longitude graticule so positions still read."""
        west, north = unproject(self.to_world(QPointF(0, 0)).x(), self.to_world(QPointF(0, 0)).y())
        corner = self.to_world(QPointF(self.width(), self.height()))
        east, south = unproject(corner.x(), corner.y())
        span = max(east - west, 1e-6)
        step = next(
            (s for s in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30) if span / s <= 14),
            45,
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp 1 px lines
        pen = QPen(QColor("#d3d3cc"), 1)
        painter.setPen(pen)
        label_pen = QPen(QColor("#77776f"))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        decimals = 0 if step >= 1 else (1 if step >= 0.1 else 2)
        lon = math.floor(west / step) * step
        while lon <= east:
            x = QPointF(round(self.to_screen(*project(lon, 0)).x()), 0)
            painter.setPen(pen)
            painter.drawLine(QPointF(x.x(), 0), QPointF(x.x(), self.height()))
            painter.setPen(label_pen)
            hemisphere = "E" if lon >= 0 else "W"
            if not 16 < x.x() < self.width() - 40:
                lon += step
                continue
            painter.drawText(
                QPointF(x.x() + 3, self.height() - 6), f"{abs(lon):.{decimals}f}°{hemisphere}"
            )
            lon += step
        lat = math.floor(south / step) * step
        while lat <= north:
            y = QPointF(0, round(self.to_screen(*project(0, lat)).y()))
            painter.setPen(pen)
            painter.drawLine(QPointF(0, y.y()), QPointF(self.width(), y.y()))
            painter.setPen(label_pen)
            hemisphere = "N" if lat >= 0 else "S"
            label = f"{abs(lat):.{decimals}f}°{hemisphere}"
            if 16 < y.y() < self.height() - 24:  # clear of the longitude labels
                width = QFontMetrics(font).horizontalAdvance(label)
                painter.drawText(QPointF(self.width() - width - 4, y.y() - 3), label)
            lat += step
        painter.restore()

    def _paint_place_names(self, painter: QPainter, base: Basemap) -> None:
        """Village names after the markers, pushed right of any marker on the village, with a
        light halo so they read over borders and markers alike."""
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.95))
        painter.setFont(font)
        clusters = [(self.to_screen(c.x, c.y), marker_radius(c)) for c in self.visible_clusters()]
        halo, ink = QColor(255, 253, 247, 230), QColor("#333333")
        for name, point in base.places:
            p = self.to_screen(point.x(), point.y())
            if not self.rect().contains(p.toPoint()):
                continue
            shift = 4.0
            for centre, radius in clusters:
                if abs(centre.y() - p.y()) < radius + 6 and -radius - 4 < centre.x() - p.x() < 40:
                    shift = max(shift, centre.x() - p.x() + radius + 3)
            at = p + QPointF(shift, 4)
            painter.setPen(halo)
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                painter.drawText(at + QPointF(dx, dy), name)
            painter.setPen(ink)
            painter.drawText(at, name)

    def _sprite(self, event_type: str, severe: bool, radius: float, count: int) -> QPixmap:
        """A marker drawn once and blitted after: an antialiased ellipse costs ten times a
        pixmap copy, and 10k incidents show hundreds of markers at some zooms."""
        ratio = self.devicePixelRatioF()
        key = (event_type, severe, round(radius * 2), count, ratio)
        sprite = self._sprites.get(key)
        if sprite is not None:
            return sprite
        side = math.ceil(2 * radius + 6)
        sprite = QPixmap(int(side * ratio), int(side * ratio))
        sprite.setDevicePixelRatio(ratio)
        sprite.fill(Qt.GlobalColor.transparent)
        painter = QPainter(sprite)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(event_colour(event_type))
        painter.setPen(QPen(QColor("#222222"), 2.5) if severe else QPen(QColor("white"), 1.5))
        centre = QPointF(side / 2, side / 2)
        painter.drawEllipse(centre, radius, radius)
        if count > 1:
            font = QFont(self.font())
            font.setBold(True)
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
            painter.setFont(font)
            painter.setPen(QColor("white"))
            painter.drawText(
                QRectF(0, 0, side, side), int(Qt.AlignmentFlag.AlignCenter), str(count)
            )
        painter.end()
        if len(self._sprites) > 4000:
            self._sprites.clear()
        self._sprites[key] = sprite
        return sprite

    def _paint_markers(self, painter: QPainter) -> None:
        bounds = QRectF(self.rect()).adjusted(-30, -30, 30, 30)
        cx, cy, scale = self.center.x(), self.center.y(), self.scale
        half_w, half_h = self.width() / 2, self.height() / 2
        for cluster in self.visible_clusters():
            x = (cluster.x - cx) * scale + half_w
            y = (cluster.y - cy) * scale + half_h
            if not bounds.contains(x, y):
                continue
            radius = marker_radius(cluster)
            count = len(cluster.members)
            sprite = self._sprite(cluster.event_type, cluster.max_severity >= 4, radius, count)
            half = sprite.width() / sprite.devicePixelRatio() / 2
            painter.drawPixmap(QPointF(x - half, y - half), sprite)

    def legend_entries(self) -> list[tuple[str, QColor]]:
        present = sorted({p.event_type for p in self.points})
        lang = current_language()
        return [(self.taxonomy.event_label(code, lang), event_colour(code)) for code in present]

    def _paint_legend(self, painter: QPainter) -> None:
        entries = self.legend_entries()
        if not entries:
            return
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        line = metrics.height() + 2
        notes = [self.severity_hint, self.group_hint]
        width = max(
            [metrics.horizontalAdvance(label) + 26 for label, _ in entries]
            + [metrics.horizontalAdvance(n) + 10 for n in [*notes, self.legend_title]]
        )
        height = line * (len(entries) + len(notes) + 1) + 10
        box = QRectF(8, 8, width + 8, height)
        painter.setPen(QPen(QColor("#b8b4aa")))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(box, 4, 4)
        y = box.top() + 5 + metrics.ascent()
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#222222"))
        painter.drawText(QPointF(box.left() + 6, y), self.legend_title)
        painter.setFont(font)
        for label, colour in entries:
            y += line
            painter.setBrush(QBrush(colour))
            painter.setPen(QPen(QColor("white"), 1))
            painter.drawEllipse(QPointF(box.left() + 13, y - metrics.ascent() / 2 + 1), 6, 6)
            painter.setPen(QColor("#222222"))
            painter.drawText(QPointF(box.left() + 24, y), label)
        painter.setPen(QColor("#444444"))
        for note in notes:
            y += line
            painter.drawText(QPointF(box.left() + 6, y), note)

    def _paint_crosshair(self, painter: QPainter) -> None:
        c = QPointF(self.width() / 2, self.height() / 2)
        painter.setPen(QPen(QColor("#1a1a1a"), 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(c, 12, 12)
        painter.drawLine(c + QPointF(-18, 0), c + QPointF(-8, 0))
        painter.drawLine(c + QPointF(8, 0), c + QPointF(18, 0))
        painter.drawLine(c + QPointF(0, -18), c + QPointF(0, -8))
        painter.drawLine(c + QPointF(0, 8), c + QPointF(0, 18))


class MapView(ReloadWhenShown):
    """The Map tab. `report_activated(report_id)` when the user opens a marker."""

    report_activated = Signal(str)

    def __init__(
        self,
        store: Store,
        report_filter: ReportFilter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.filter = report_filter if report_filter is not None else ReportFilter(parent=self)
        self.taxonomy = load_taxonomy()
        self._generation = 0
        self._all: list[IncidentPoint] = []
        self._projected = ProjectedPoints(())
        self._without = 0
        self._fitted = False
        self.loading = False

        self.canvas = MapCanvas(self)
        self.canvas.report_activated.connect(self.report_activated)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setStyleSheet(
            "QLabel { background: #fff4d6; border: 1px solid #e0c46c; padding: 6px; }"
        )
        self.banner.hide()
        self.event_box = QComboBox(self)
        self.severity_box = QComboBox(self)
        self.period_box = QComboBox(self)
        # At 200 % scaling the window has 640 logical pixels: the combos and the count may
        # shrink (their full text stays in the popup and the tooltip).
        for box in (self.event_box, self.severity_box, self.period_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(6)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setPageStep(7)
        self.slider.setRange(0, 0)
        self.date_label = QLabel(self)
        self.status = QLabel(self)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.event_label = QLabel(self)
        self.severity_label = QLabel(self)
        self.period_label = QLabel(self)
        self.event_label.setBuddy(self.event_box)
        self.severity_label.setBuddy(self.severity_box)
        self.period_label.setBuddy(self.period_box)
        self.zoom_in = QToolButton(self)
        self.zoom_out = QToolButton(self)
        self.zoom_fit = QToolButton(self)
        self.zoom_in.setText("+")
        self.zoom_out.setText("−")
        self.zoom_in.clicked.connect(lambda: self.canvas.zoom_by(2.0))
        self.zoom_out.clicked.connect(lambda: self.canvas.zoom_by(0.5))
        self.zoom_fit.clicked.connect(self.canvas.fit)

        filters = QHBoxLayout()
        filters.addWidget(self.event_label)
        filters.addWidget(self.event_box)
        filters.addWidget(self.severity_label)
        filters.addWidget(self.severity_box)
        filters.addStretch(1)
        filters.addWidget(self.status)
        filters.addWidget(self.zoom_out)
        filters.addWidget(self.zoom_in)
        filters.addWidget(self.zoom_fit)
        timeline = QHBoxLayout()
        timeline.addWidget(self.period_label)
        timeline.addWidget(self.period_box)
        timeline.addWidget(self.slider, 1)
        timeline.addWidget(self.date_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(timeline)

        self._retranslating = False
        self.retranslate()
        self.event_box.currentIndexChanged.connect(self._filters_edited)
        self.severity_box.currentIndexChanged.connect(self._filters_edited)
        self.period_box.currentIndexChanged.connect(self._apply_time)
        self.slider.valueChanged.connect(self._apply_time)
        self.filter.changed.connect(self._filter_changed)
        self._sync_boxes()
        self.reload_basemap()
        self.reload()

    # ----- text ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._retranslating = True
        lang = current_language()
        self.event_label.setText(self.tr("&Event type:"))
        self.severity_label.setText(self.tr("&Severity:"))
        self.period_label.setText(self.tr("&Period:"))
        self.event_box.clear()
        self.event_box.addItem(self.tr("All event types"), None)
        for code in self.taxonomy.event_types():
            self.event_box.addItem(self.taxonomy.event_label(code, lang), code)
        self.severity_box.clear()
        self.severity_box.addItem(self.tr("Any severity"), None)
        for level in range(2, 6):
            self.severity_box.addItem(self.tr("%1 or more").replace("%1", str(level)), level)
        self.period_box.clear()
        self.period_box.addItem(self.tr("Everything up to"), 0)
        for days in PERIODS[1:]:
            self.period_box.addItem(self.tr("%n day(s) up to", "", days), days)
        self.event_box.setAccessibleName(self.tr("Event type shown on the map"))
        self.severity_box.setAccessibleName(self.tr("Lowest severity shown on the map"))
        self.period_box.setAccessibleName(self.tr("Period shown on the map"))
        self.slider.setAccessibleName(self.tr("Date shown on the map"))
        self.zoom_in.setToolTip(self.tr("Zoom in (+)"))
        self.zoom_in.setAccessibleName(self.tr("Zoom in"))
        self.zoom_out.setToolTip(self.tr("Zoom out (-)"))
        self.zoom_out.setAccessibleName(self.tr("Zoom out"))
        self.zoom_fit.setText(self.tr("Fit"))
        self.zoom_fit.setToolTip(self.tr("Show every incident (0)"))
        self.zoom_fit.setAccessibleName(self.tr("Show every incident"))
        self.canvas.setAccessibleName(self.tr("Incident map"))
        self.canvas.setAccessibleDescription(
            self.tr(
                "Arrow keys pan, + and - zoom, 0 shows everything, N and P move to the next "
                "or previous marker, Enter opens the marker under the cross-hair."
            )
        )
        self.canvas.legend_title = self.tr("Event type")
        self.canvas.severity_hint = self.tr("Larger dot: more severe; dark ring: 4 or 5")
        self.canvas.group_hint = self.tr("Numbered circle: incidents grouped")
        self.banner.setText(
            self.tr(
                "No map pack is installed: incidents are drawn on a plain latitude/longitude "
                "grid. Ask IT to install one with: fieldreport mappack install FILE|DIR"
            )
        )
        self._retranslating = False
        if getattr(self, "_basemap_lang", lang) != lang:
            self.reload_basemap()  # region names come in the interface's language
        self._sync_boxes()
        self._show_status()
        self._show_date()
        self.canvas.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ----- filters ---------------------------------------------------------------------------
    def _sync_boxes(self) -> None:
        """Show the shared filter's event type and severity in the boxes."""
        query = self.filter.query()
        for box, value in (
            (self.event_box, query.event_type),
            (self.severity_box, query.severity_min),
        ):
            index = box.findData(value) if value is not None else 0
            box.blockSignals(True)
            box.setCurrentIndex(max(index, 0))
            box.blockSignals(False)

    def _filters_edited(self) -> None:
        if self._retranslating:
            return
        self.filter.update(
            event_type=self.event_box.currentData(), severity_min=self.severity_box.currentData()
        )

    def _filter_changed(self) -> None:
        self._sync_boxes()
        self.reload()

    # ----- loading ---------------------------------------------------------------------------
    def load(self) -> None:
        """Read the points matching the shared filter, off the GUI thread."""
        self._generation += 1
        generation = self._generation
        query = replace(self.filter.query(), limit=None, offset=0)
        store = self._store
        self.loading = True
        self._show_status()

        def work(job: Job) -> tuple[PointSet, ProjectedPoints]:
            found = incident_points(store, query)
            return found, ProjectedPoints(found.points)  # projected here, not in the GUI

        run_in_background(
            work,
            on_done=lambda result: self._loaded(generation, *result),
            on_failed=self._failed,
            owner=self,
        )

    def reload_basemap(self) -> None:
        data_dir: Path = self._store.layout.root
        lang = current_language()
        self._basemap_lang = lang

        def work(job: Job) -> Basemap | None:
            return load_basemap(data_dir, lang)

        run_in_background(
            work, on_done=self._basemap_loaded, on_failed=self._basemap_failed, owner=self
        )

    def _basemap_loaded(self, basemap: Basemap | None) -> None:
        self.banner.setVisible(basemap is None)
        self.canvas.set_basemap(basemap)
        if not self.canvas.user_moved:
            self.canvas.fit()

    def _basemap_failed(self, message: str) -> None:
        self.banner.setVisible(True)
        self.canvas.set_basemap(None)
        self.status.setText(
            self.tr("The map pack could not be read: %1").replace("%1", str(message))
        )

    def _loaded(self, generation: int, result: PointSet, projected: ProjectedPoints) -> None:
        if generation != self._generation:
            return  # an older query finished after a newer one started
        self.loading = False
        self._all = projected.points
        self._projected = projected
        self._without = result.without_coordinates
        self._setup_slider()
        self._apply_time()
        if not self._fitted and self._all and not self.canvas.user_moved:
            self.canvas.fit()
            self._fitted = True

    def _failed(self, message: str) -> None:
        self.loading = False
        if message:
            self.status.setText(
                self.tr("Could not load the incidents: %1").replace("%1", str(message))
            )

    # ----- time ------------------------------------------------------------------------------
    def _day_range(self) -> tuple[int, int]:
        if not self._all:
            return 0, 0
        return self._all[0].occurred_ts // DAY, self._all[-1].occurred_ts // DAY

    def _setup_slider(self) -> None:
        first, last = self._day_range()
        at_end = self.slider.value() == self.slider.maximum()
        self.slider.blockSignals(True)
        self.slider.setRange(0, last - first)
        if at_end or self.slider.value() > last - first:
            self.slider.setValue(last - first)
        self.slider.blockSignals(False)
        self.slider.setEnabled(bool(self._all))

    def time_window(self) -> tuple[int, int]:
        """Epoch seconds [start, end] the slider and period select."""
        first, _ = self._day_range()
        end = (first + self.slider.value() + 1) * DAY - 1
        days = int(self.period_box.currentData() or 0)
        start = end - days * DAY + 1 if days else -(2**62)
        return start, end

    def _apply_time(self) -> None:
        if self._retranslating:
            return
        start, end = self.time_window()
        self.canvas.set_points(self._projected.between(start, end))
        self._show_status()
        self._show_date()

    def _show_date(self) -> None:
        if not self._all:
            self.date_label.setText("")
            return
        _, end = self.time_window()
        day = datetime.fromtimestamp(end, UTC).date()
        self.date_label.setText(day.isoformat())
        self.slider.setAccessibleDescription(day.isoformat())

    def _show_status(self) -> None:
        if self.loading:
            self.status.setText(self.tr("Loading incidents…"))
            return
        text = self.tr("%n incident(s) on the map", "", len(self.canvas.points))
        if self._without:
            text += " · " + self.tr("%n without coordinates", "", self._without)
        self.status.setText(text)

    def set_date(self, day: str) -> None:
        """Move the slider to the ISO date `day` (for tests and a future date box)."""
        first, _ = self._day_range()
        target = datetime.fromisoformat(day).replace(tzinfo=UTC)
        offset = int(target.timestamp()) // DAY - first
        self.slider.setValue(max(0, min(self.slider.maximum(), offset)))

    def forget(self) -> None:
        """Drop every point (the window is being locked)."""
        self._generation += 1
        self._all = []
        self._projected = ProjectedPoints(())
        self.canvas.set_points([])
        self.canvas.set_basemap(None)
