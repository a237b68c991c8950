"""KML 2.2: a Placemark per report with its TimeStamp, a point and ExtendedData.

Google Earth, QGIS and phones' offline map apps read it. The description is short readable
text in the chosen language; ExtendedData carries the flat table for tools. Everything is
escaped by hand while streaming (a DOM would hold every report in memory).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO
from xml.sax.saxutils import escape, quoteattr

from fieldreport.exports.columns import columns_for, row
from fieldreport.exports.context import ExportContext
from fieldreport.exports.textio import text_stream

NAMESPACE = "http://www.opengis.net/kml/2.2"
# aabbggrr colours, yellow (minor) to dark red (critical).
SEVERITY_COLOURS = ("ff7fffff", "ff00d7ff", "ff008cff", "ff0000ff", "ff00008b")
_DOC_NAME = {"en": "FieldReport incidents", "fr": "Incidents FieldReport"}


def _clean(value: object) -> str:
    # XML 1.0 cannot carry most control characters, even escaped; reports refuse them on
    # input but a hand-edited import might not have.
    text = str(value)
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def _description(doc: dict[str, Any], ctx: ExportContext) -> str:
    tax, lang = ctx.taxonomy, ctx.lang
    lines = [
        f"{tax.event_label(doc['event_type'], lang)} / "
        f"{tax.sub_event_label(doc['event_type'], doc['sub_event_type'], lang)}",
        f"{tax.label('severity', doc['severity'], lang)} ({doc['severity']}/5)",
    ]
    if doc.get("narrative"):
        lines.append(doc["narrative"])
    return "\n".join(lines)


def placemark(doc: dict[str, Any], ctx: ExportContext) -> str:
    columns = columns_for(ctx.partner_safe)
    loc = doc.get("location") or {}
    severity = int(doc.get("severity") or 1)
    parts = [
        f"<Placemark id={quoteattr(_clean(doc.get('id') or ''))}>",
        f"<name>{escape(_clean(doc.get('title') or ''))}</name>",
        f"<description>{escape(_clean(_description(doc, ctx)))}</description>",
        f"<TimeStamp><when>{escape(str(doc['occurred_at']))}</when></TimeStamp>",
        f"<styleUrl>#severity{min(max(severity, 1), 5)}</styleUrl>",
        "<ExtendedData>",
    ]
    for column, value in zip(columns, row(doc, columns, ctx.taxonomy), strict=True):
        if value is None:
            continue
        parts.append(
            f"<Data name={quoteattr(column.name)}><value>{escape(_clean(value))}</value></Data>"
        )
    parts.append("</ExtendedData>")
    if loc.get("lat") is not None and loc.get("lon") is not None:
        parts.append(f"<Point><coordinates>{loc['lon']},{loc['lat']}</coordinates></Point>")
    parts.append("</Placemark>\n")
    return "".join(parts)


def write_kml(reports: Iterable[dict[str, Any]], out: BinaryIO, ctx: ExportContext) -> int:
    count = 0
    with text_stream(out) as text:
        text.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        text.write(f'<kml xmlns="{NAMESPACE}">\n<Document>\n')
        text.write(f"<name>{escape(_DOC_NAME.get(ctx.lang, _DOC_NAME['en']))}</name>\n")
        for level, colour in enumerate(SEVERITY_COLOURS, start=1):
            icon = f"<IconStyle><color>{colour}</color></IconStyle>"
            text.write(f'<Style id="severity{level}">{icon}</Style>\n')
        for doc in reports:
            text.write(placemark(doc, ctx))
            count += 1
        text.write("</Document>\n</kml>\n")
    return count
