"""The sitrep's map and chart, drawn with reportlab's own graphics (vector, no Qt, no tiles).

The map is an equirectangular plot (longitude scaled by cos of the mid latitude, so Mali is
not stretched) of the map pack's outlines when one is installed, else a plain 1° grid, with
one dot per incident coloured by severity.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors

from fieldreport.exports.charts import SeverityPoint, WeeklySeries
from fieldreport.exports.context import Outline
from fieldreport.exports.palette import EVENT_TYPE_COLOURS

MALI_BBOX = (-12.3, 10.1, 4.3, 25.1)  # lon min, lat min, lon max, lat max
SEVERITY_COLOURS = (
    colors.HexColor("#fee08b"),
    colors.HexColor("#fdae61"),
    colors.HexColor("#f46d43"),
    colors.HexColor("#d73027"),
    colors.HexColor("#7f0000"),
)
SERIES_COLOURS = (
    colors.HexColor("#1b9e77"),
    colors.HexColor("#d95f02"),
    colors.HexColor("#7570b3"),
    colors.HexColor("#e7298a"),
    colors.HexColor("#66a61e"),
    colors.HexColor("#e6ab02"),
    colors.HexColor("#a6761d"),
    colors.HexColor("#666666"),
)


def _bbox(
    outlines: Sequence[Outline], points: Sequence[tuple[float, float, int]]
) -> tuple[float, float, float, float]:
    """The outlines' extent when a pack gives some, else Mali's; widened to every point."""
    lons = [p[0] for _, rings in outlines for ring in rings for p in ring]
    lats = [p[1] for _, rings in outlines for ring in rings for p in ring]
    if not lons:
        lons, lats = [MALI_BBOX[0], MALI_BBOX[2]], [MALI_BBOX[1], MALI_BBOX[3]]
    lons += [p[0] for p in points]
    lats += [p[1] for p in points]
    pad = 0.3
    return min(lons) - pad, min(lats) - pad, max(lons) + pad, max(lats) + pad


def map_drawing(
    outlines: Sequence[Outline],
    points: Sequence[tuple[float, float, int]],
    width: float,
    height: float,
    *,
    context: Sequence[Outline] = (),
) -> Drawing:
    """Regions (`outlines`) framed to fit, neighbours (`context`) clipped by the frame."""
    west, south, east, north = _bbox(outlines, points)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = min(width / ((east - west) * squeeze), height / (north - south))
    # Centre the map in the frame; the leftover margin shows the neighbours.
    dx = (width - (east - west) * squeeze * scale) / 2
    dy = (height - (north - south) * scale) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return dx + (lon - west) * squeeze * scale, dy + (lat - south) * scale

    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.HexColor("#eef3f7"), strokeColor=None))
    for _, rings in context:
        for ring in rings:
            clipped = clip_ring([xy(lon, lat) for lon, lat in ring], width, height)
            if len(clipped) >= 3:
                drawing.add(_polygon(clipped, "#f4f1ea", "#b8b2a6"))
    for _, rings in outlines:
        for ring in rings:
            drawing.add(_polygon([xy(lon, lat) for lon, lat in ring], "#fbfaf5", "#7a7466"))
    if not outlines:
        _grid(drawing, xy, (west, south, east, north))
    for lon, lat, severity in sorted(points, key=lambda p: p[2]):  # severe dots on top
        x, y = xy(lon, lat)
        colour = SEVERITY_COLOURS[min(max(severity, 1), 5) - 1]
        drawing.add(
            Circle(
                x,
                y,
                2.2 + severity * 0.5,
                fillColor=colour,
                strokeColor=colors.black,
                strokeWidth=0.3,
            )
        )
    drawing.add(Rect(0, 0, width, height, fillColor=None, strokeColor=colors.grey))
    return drawing


def clip_ring(
    points: list[tuple[float, float]], width: float, height: float
) -> list[tuple[float, float]]:
    """The ring cut to the drawing's rectangle (Sutherland–Hodgman).

    reportlab drawings do not clip: a neighbour country larger than the frame would paint
    over the page's text.
    """
    edges: tuple[tuple[int, float, bool], ...] = (
        (0, 0.0, True),  # x >= 0
        (0, width, False),  # x <= width
        (1, 0.0, True),
        (1, height, False),
    )
    out = points
    for axis, limit, keep_above in edges:
        if not out:
            break

        def inside(
            p: tuple[float, float],
            axis: int = axis,
            limit: float = limit,
            keep_above: bool = keep_above,
        ) -> bool:
            return p[axis] >= limit if keep_above else p[axis] <= limit

        def cross(
            a: tuple[float, float], b: tuple[float, float], axis: int = axis, limit: float = limit
        ) -> tuple[float, float]:
            t = (limit - a[axis]) / (b[axis] - a[axis])
            return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))

        source, out = out, []
        previous = source[-1]
        for current in source:
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
            previous = current
    return out


def _polygon(points: list[tuple[float, float]], fill: str, stroke: str) -> Polygon:
    flat = [c for point in points for c in point]
    return Polygon(
        flat, fillColor=colors.HexColor(fill), strokeColor=colors.HexColor(stroke), strokeWidth=0.5
    )


def _grid(
    drawing: Drawing,
    project: Callable[[float, float], tuple[float, float]],
    box: tuple[float, float, float, float],
) -> None:
    west, south, east, north = box
    for lon in range(math.ceil(west), math.floor(east) + 1):
        x0, y0 = project(lon, south)
        x1, y1 = project(lon, north)
        drawing.add(Line(x0, y0, x1, y1, strokeColor=colors.lightgrey, strokeWidth=0.3))
        drawing.add(String(x0 + 1, y0 + 2, f"{lon}°", fontSize=5, fillColor=colors.grey))
    for lat in range(math.ceil(south), math.floor(north) + 1):
        x0, y0 = project(west, lat)
        x1, y1 = project(east, lat)
        drawing.add(Line(x0, y0, x1, y1, strokeColor=colors.lightgrey, strokeWidth=0.3))
        drawing.add(String(x0 + 2, y0 + 1, f"{lat}°", fontSize=5, fillColor=colors.grey))


def weekly_chart(
    series: WeeklySeries, labels: dict[str, str], width: float, height: float
) -> Drawing:
    """Stacked bars: incidents per week, one colour per event type, with a legend."""
    drawing = Drawing(width, height)
    categories = list(series.counts)
    if not series.weeks:
        return drawing
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 45
    chart.width, chart.height = width * 0.62, height - 60
    chart.data = [list(series.counts[c]) for c in categories]
    chart.categoryAxis.style = "stacked"
    step = max(1, len(series.weeks) // 8)  # about eight readable dates on the axis
    chart.categoryAxis.categoryNames = [
        w.strftime("%d/%m") if i % step == 0 else "" for i, w in enumerate(series.weeks)
    ]
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.forceZero = True
    peak = max((sum(col) for col in zip(*chart.data, strict=True)), default=1)
    chart.valueAxis.valueStep = max(1, math.ceil(peak / 5))
    fills = [_series_colour(i, c) for i, c in enumerate(categories)]
    for i, fill in enumerate(fills):
        chart.bars[i].fillColor = fill
        chart.bars[i].strokeWidth = 0
    drawing.add(chart)
    legend = Legend()
    # One column to the right of the bars: two columns ran off the page.
    legend.x, legend.y = chart.x + chart.width + 20, height - 15
    legend.columnMaximum = max(1, len(categories))
    legend.fontSize = 6
    legend.dy = 6
    legend.alignment = "right"
    legend.colorNamePairs = [
        (fill, labels.get(c, c)) for fill, c in zip(fills, categories, strict=True)
    ]
    drawing.add(legend)
    return drawing


def _series_colour(index: int, category: str) -> colors.Color:
    """Event types in the map's colours; other series (regions) from a general palette."""
    if category in EVENT_TYPE_COLOURS:
        return colors.HexColor(EVENT_TYPE_COLOURS[category])
    return SERIES_COLOURS[index % len(SERIES_COLOURS)]


def severity_legend(labels: Sequence[str], width: float) -> Drawing:
    drawing = Drawing(width, 14)
    x = 0.0
    for i, label in enumerate(labels):
        drawing.add(
            Circle(
                x + 4,
                6,
                3.5,
                fillColor=SEVERITY_COLOURS[i],
                strokeColor=colors.black,
                strokeWidth=0.3,
            )
        )
        drawing.add(String(x + 10, 3, label, fontSize=6))
        x += width / len(labels)
    return drawing


def severity_chart(
    points: Sequence[SeverityPoint], labels: tuple[str, str], width: float, height: float
) -> Drawing:
    """Two lines per week: mean severity (1–5) and the number of severe (4–5) incidents."""
    drawing = Drawing(width, height)
    if not points:
        return drawing
    chart = HorizontalLineChart()
    chart.x, chart.y = 30, 45
    chart.width, chart.height = width * 0.62, height - 60
    chart.data = [[p.mean for p in points], [float(p.severe) for p in points]]
    step = max(1, len(points) // 8)
    chart.categoryAxis.categoryNames = [
        p.week.strftime("%d/%m") if i % step == 0 else "" for i, p in enumerate(points)
    ]
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(5, max(p.severe for p in points))
    chart.valueAxis.valueStep = 1 if chart.valueAxis.valueMax <= 10 else None
    chart.valueAxis.labels.fontSize = 6
    colours = (SEVERITY_COLOURS[3], SERIES_COLOURS[2])
    for i, colour in enumerate(colours):
        chart.lines[i].strokeColor = colour
        chart.lines[i].strokeWidth = 1.5
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width * 0.62 + 45, height - 15
    legend.fontSize = 6
    legend.alignment = "right"
    legend.colorNamePairs = list(zip(colours, labels, strict=True))
    drawing.add(legend)
    return drawing
