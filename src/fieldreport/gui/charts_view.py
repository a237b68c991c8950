"""The charts: incidents per week by event type and by region, and severity over time.

The series come from exports.charts.chart_data (the same numbers as the PDF sitrep), computed
in a worker over the reports the shared filter selects. Drawn with QPainter (QtCharts is not
in PySide6-Essentials): stacked weekly bars, and for severity, weekly incidents as bars with
the mean severity as a line. Each chart takes the keyboard focus; Left/Right pick a week and
its figures are read out through the accessible description and a tooltip.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QLabel, QTabWidget, QToolTip, QVBoxLayout, QWidget

from fieldreport.domain import load_taxonomy
from fieldreport.exports.charts import (
    UNKNOWN_REGION,
    ChartData,
    SeverityPoint,
    WeeklySeries,
    chart_data,
)
from fieldreport.gui.hidden_reload import ReloadWhenShown
from fieldreport.gui.i18n import current_language
from fieldreport.gui.map_view import event_colour
from fieldreport.gui.report_filter import ReportFilter
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store.points import report_documents
from fieldreport.store.store import Store

# Tableau 10: distinct on screen and in print, for up to ten regions.
PALETTE = [
    QColor(c)
    for c in (
        "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F",
        "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC",
    )
]  # fmt: skip
SEVERE_COLOUR = QColor("#B2182B")
OTHER_COLOUR = QColor("#9FB4C7")
LINE_COLOUR = QColor("#222222")


@dataclass(frozen=True)
class DrawnBar:
    """One drawn segment: what it stands for and where it is (tests, hit testing)."""

    category: str
    week: date
    count: int
    rect: QRectF


def nice_step(maximum: float, ticks: int = 5) -> float:
    """A round axis step (1, 2, 5 × 10^k) giving about `ticks` ticks up to `maximum`."""
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(max(factor * power, 1))
    return float(10 * power)


class _ChartBase(QWidget):
    """Axes, week labels, keyboard week cursor, and hover tooltips shared by both charts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(360, 220)
        self.weeks: tuple[date, ...] = ()
        self.current = -1  # the week picked with the keyboard
        self.empty_text = ""
        self.plot = QRectF()

    def week_text(self, index: int) -> str:
        return ""

    def _plot_rect(self, legend_width: float) -> QRectF:
        metrics = QFontMetrics(self.font())
        left = metrics.horizontalAdvance("0000") + 14
        return QRectF(
            left,
            10,
            max(10.0, self.width() - left - legend_width - 20),
            max(10.0, self.height() - metrics.height() * 2 - 22),
        )

    def _slot(self, index: int) -> QRectF:
        width = self.plot.width() / max(len(self.weeks), 1)
        return QRectF(self.plot.left() + index * width, self.plot.top(), width, self.plot.height())

    def _paint_axes(self, painter: QPainter, maximum: float, step: float) -> None:
        metrics = QFontMetrics(painter.font())
        grid = QPen(QColor("#e3e3e3"))
        value = 0.0
        while value <= maximum + 1e-9:
            y = self.plot.bottom() - value / maximum * self.plot.height()
            painter.setPen(grid)
            painter.drawLine(QPointF(self.plot.left(), y), QPointF(self.plot.right(), y))
            painter.setPen(QColor("#555555"))
            label = f"{value:g}"
            painter.drawText(
                QPointF(
                    self.plot.left() - metrics.horizontalAdvance(label) - 6,
                    y + metrics.ascent() / 2 - 1,
                ),
                label,
            )
            value += step
        painter.setPen(QPen(QColor("#888888")))
        painter.drawLine(self.plot.bottomLeft(), self.plot.bottomRight())
        # Week labels, as many as fit without overlapping.
        if not self.weeks:
            return
        label_width = metrics.horizontalAdvance("2026-10-05") + 12
        every = max(1, math.ceil(label_width / max(self._slot(0).width(), 1)))
        painter.setPen(QColor("#555555"))
        for i, week in enumerate(self.weeks):
            if i % every:
                continue
            slot = self._slot(i)
            text = week.isoformat()
            x = slot.center().x() - metrics.horizontalAdvance(text) / 2
            x = max(0.0, min(x, self.width() - metrics.horizontalAdvance(text) - 2))
            painter.drawText(QPointF(x, self.plot.bottom() + metrics.height() + 2), text)

    def _paint_empty(self, painter: QPainter) -> None:
        painter.setPen(QColor("#666666"))
        painter.drawText(QRectF(self.rect()), int(Qt.AlignmentFlag.AlignCenter), self.empty_text)

    def _paint_cursor(self, painter: QPainter) -> None:
        if self.hasFocus() and 0 <= self.current < len(self.weeks):
            painter.setPen(QPen(QColor("#1a1a1a"), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self._slot(self.current).adjusted(1, -4, -1, 2))

    def week_at(self, x: float) -> int:
        if not self.weeks or not (self.plot.left() <= x <= self.plot.right()):
            return -1
        width = self.plot.width() / len(self.weeks)
        return min(len(self.weeks) - 1, int((x - self.plot.left()) / width))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.weeks and key in (
            Qt.Key.Key_Left,
            Qt.Key.Key_Right,
            Qt.Key.Key_Home,
            Qt.Key.Key_End,
        ):
            if key == Qt.Key.Key_Home:
                self.current = 0
            elif key == Qt.Key.Key_End:
                self.current = len(self.weeks) - 1
            else:
                step = -1 if key == Qt.Key.Key_Left else 1
                start = self.current if self.current >= 0 else (len(self.weeks) if step < 0 else -1)
                self.current = max(0, min(len(self.weeks) - 1, start + step))
            text = self.week_text(self.current)
            self.setAccessibleDescription(text)
            slot = self._slot(self.current)
            QToolTip.showText(self.mapToGlobal(slot.center().toPoint()), text, self)
            self.update()
            return
        super().keyPressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        index = self.week_at(event.position().x())
        if index >= 0:
            QToolTip.showText(event.globalPosition().toPoint(), self.week_text(index), self)
        else:
            QToolTip.hideText()


class WeeklyBarChart(_ChartBase):
    """Stacked bars: incidents per week, one colour per category (event type or region)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series = WeeklySeries((), {})
        self.labels: dict[str, str] = {}
        self.colours: dict[str, QColor] = {}
        self.bars: list[DrawnBar] = []

    def set_series(
        self, series: WeeklySeries, labels: dict[str, str], colours: dict[str, QColor]
    ) -> None:
        self.series = series
        self.weeks = series.weeks
        self.labels = labels
        self.colours = colours
        self.current = -1
        totals = sorted(series.counts, key=lambda c: -series.total(c))
        self.setAccessibleDescription(
            "; ".join(f"{labels.get(c, c)}: {series.total(c)}" for c in totals)
        )
        self.update()

    def categories(self) -> list[str]:
        """Largest total first: the biggest category sits at the bottom of each bar."""
        return sorted(self.series.counts, key=lambda c: (-self.series.total(c), c))

    def week_text(self, index: int) -> str:
        lines = [self.weeks[index].isoformat()]
        for cat in self.categories():
            n = self.series.counts[cat][index]
            if n:
                lines.append(f"{self.labels.get(cat, cat)}: {n}")
        return "\n".join(lines)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        self.bars = []
        if not self.weeks:
            self._paint_empty(painter)
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        cats = self.categories()
        widest = max(metrics.horizontalAdvance(self.labels.get(c, c)) for c in cats) + 30
        legend_width = min(float(widest), self.width() * 0.4)
        self.plot = self._plot_rect(legend_width)
        tallest = max(sum(self.series.counts[c][i] for c in cats) for i in range(len(self.weeks)))
        step = nice_step(tallest)
        maximum = max(step, math.ceil(tallest / step) * step)
        self._paint_axes(painter, maximum, step)
        for i, week in enumerate(self.weeks):
            slot = self._slot(i)
            gap = min(6.0, slot.width() * 0.2)
            bottom = self.plot.bottom()
            for cat in cats:
                n = self.series.counts[cat][i]
                if not n:
                    continue
                height = n / maximum * self.plot.height()
                rect = QRectF(slot.left() + gap / 2, bottom - height, slot.width() - gap, height)
                painter.fillRect(rect, self.colours.get(cat, QColor("#999999")))
                self.bars.append(DrawnBar(cat, week, n, rect))
                bottom -= height
        self._paint_cursor(painter)
        # Legend on the right.
        x = self.plot.right() + 16
        y = self.plot.top() + metrics.ascent()
        elided = legend_width - 22
        for cat in cats:
            painter.fillRect(
                QRectF(x, y - metrics.ascent() + 2, 10, 10), self.colours.get(cat, QColor("#999"))
            )
            painter.setPen(QColor("#222222"))
            text = metrics.elidedText(
                f"{self.labels.get(cat, cat)}", Qt.TextElideMode.ElideRight, int(elided)
            )
            painter.drawText(QPointF(x + 16, y + 1), text)
            y += metrics.height() + 3
        painter.end()


class SeverityChart(_ChartBase):
    """Per week: incidents as bars (severe ones, 4–5, in red at the bottom) and the mean
    severity as a line on a 1–5 scale at the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[SeverityPoint] = []
        self.bars: list[DrawnBar] = []
        self.line: list[QPointF] = []
        self.texts = {"severe": "", "other": "", "mean": "", "incidents": ""}

    def set_points(self, points: list[SeverityPoint]) -> None:
        self.points = points
        self.weeks = tuple(p.week for p in points)
        self.current = -1
        self.update()

    def week_text(self, index: int) -> str:
        p = self.points[index]
        return "\n".join(
            (
                p.week.isoformat(),
                f"{self.texts['incidents']}: {p.incidents}",
                f"{self.texts['severe']}: {p.severe}",
                f"{self.texts['mean']}: {p.mean:.1f}"
                if p.incidents
                else f"{self.texts['mean']}: –",
            )
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        self.bars = []
        self.line = []
        if not self.points:
            self._paint_empty(painter)
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        legend = [self.texts["severe"], self.texts["other"], self.texts["mean"]]
        legend_width = min(
            max(metrics.horizontalAdvance(t) for t in legend) + 52, self.width() * 0.4
        )
        self.plot = self._plot_rect(legend_width)
        tallest = max(p.incidents for p in self.points)
        step = nice_step(tallest)
        maximum = max(step, math.ceil(tallest / step) * step)
        self._paint_axes(painter, maximum, step)
        segments: list[tuple[QPointF, QPointF]] = []
        for i, p in enumerate(self.points):
            slot = self._slot(i)
            gap = min(6.0, slot.width() * 0.2)
            bottom = self.plot.bottom()
            for name, n, colour in (
                ("severe", p.severe, SEVERE_COLOUR),
                ("other", p.incidents - p.severe, OTHER_COLOUR),
            ):
                if n <= 0:
                    continue
                height = n / maximum * self.plot.height()
                rect = QRectF(slot.left() + gap / 2, bottom - height, slot.width() - gap, height)
                painter.fillRect(rect, colour)
                self.bars.append(DrawnBar(name, p.week, n, rect))
                bottom -= height
            if p.incidents:
                y = self.plot.bottom() - p.mean / 5 * self.plot.height()
                self.line.append(QPointF(slot.center().x(), y))
                if i and self.points[i - 1].incidents:  # join only consecutive weeks
                    segments.append((self.line[-2], self.line[-1]))
        # The mean severity: a line broken where a week had no incident, on its own 0–5 axis.
        painter.setPen(QPen(LINE_COLOUR, 2))
        for start, end in segments:
            painter.drawLine(start, end)
        painter.setBrush(LINE_COLOUR)
        for point in self.line:
            painter.drawEllipse(point, 3, 3)
        painter.setPen(QColor("#555555"))
        for level in range(1, 6):
            y = self.plot.bottom() - level / 5 * self.plot.height()
            painter.drawText(
                QPointF(self.plot.right() + 4, y + metrics.ascent() / 2 - 1), str(level)
            )
        self._paint_cursor(painter)
        x = self.plot.right() + 24
        y = self.plot.top() + metrics.ascent()
        for text, colour in zip(legend, (SEVERE_COLOUR, OTHER_COLOUR, LINE_COLOUR), strict=True):
            painter.fillRect(
                QRectF(x, y - metrics.ascent() + 2, 10, 10 if colour != LINE_COLOUR else 3), colour
            )
            painter.setPen(QColor("#222222"))
            painter.drawText(QPointF(x + 16, y + 1), text)
            y += metrics.height() + 3
        painter.end()


class ChartsView(ReloadWhenShown):
    """Three charts in tabs over the reports the shared filter selects."""

    loaded = Signal()

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
        self.data = ChartData(WeeklySeries((), {}), WeeklySeries((), {}), [])
        self.loading = False
        self._generation = 0
        self.by_type = WeeklyBarChart(self)
        self.by_region = WeeklyBarChart(self)
        self.severity = SeverityChart(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.by_type, "")
        self.tabs.addTab(self.by_region, "")
        self.tabs.addTab(self.severity, "")
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.filter.changed.connect(self.reload)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("By event type"))
        self.tabs.setTabText(1, self.tr("By region"))
        self.tabs.setTabText(2, self.tr("Severity"))
        self.by_type.setAccessibleName(self.tr("Incidents per week by event type"))
        self.by_region.setAccessibleName(self.tr("Incidents per week by region"))
        self.severity.setAccessibleName(self.tr("Severity per week"))
        empty = self.tr("No incidents match the filters.")
        for chart in (self.by_type, self.by_region, self.severity):
            chart.empty_text = empty
        self.severity.texts = {
            "severe": self.tr("Severe or critical (4–5)"),
            "other": self.tr("Other incidents"),
            "mean": self.tr("Mean severity (right scale)"),
            "incidents": self.tr("Incidents"),
        }
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self) -> None:
        """Read the chart series of the reports matching the shared filter, off the GUI
        thread."""
        self._generation += 1
        generation = self._generation
        query = replace(self.filter.query(), limit=None, offset=0)
        store = self._store
        self.loading = True
        self.status.setText(self.tr("Loading…"))

        def work(job: Job) -> ChartData:
            return chart_data(report_documents(store, query))

        run_in_background(
            work,
            on_done=lambda data: self._loaded(generation, data),
            on_failed=self._failed,
            owner=self,
        )

    def _loaded(self, generation: int, data: ChartData) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.data = data
        self._show()
        self.loaded.emit()

    def _failed(self, message: str) -> None:
        self.loading = False
        if message:
            self.status.setText(self.tr("Could not compute the charts: %1").replace("%1", message))

    def forget(self) -> None:
        """Drop every figure (the window is being locked)."""
        self._generation += 1
        self.data = ChartData(WeeklySeries((), {}), WeeklySeries((), {}), [])
        self._show()

    def _show(self) -> None:
        lang = current_language()
        types = self.data.by_event_type
        self.by_type.set_series(
            types,
            {c: self.taxonomy.event_label(c, lang) for c in types.counts},
            {c: event_colour(c) for c in types.counts},
        )
        regions = self.data.by_region
        names = {
            c: (self.taxonomy.adm1_name(c) or c)
            if c != UNKNOWN_REGION
            else self.tr("Unknown region")
            for c in regions.counts
        }
        order = sorted(regions.counts)
        self.by_region.set_series(
            regions, names, {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(order)}
        )
        self.severity.set_points(self.data.severity)
        if not self.loading:
            total = sum(p.incidents for p in self.data.severity)
            self.status.setText(self.tr("%n incident(s), per week (Monday to Sunday)", "", total))
