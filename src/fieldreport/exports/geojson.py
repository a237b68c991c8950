"""GeoJSON (RFC 7946): one Feature per report, written feature by feature.

RFC 7946 rules kept: WGS 84 only and no `crs` member; positions are [longitude, latitude];
a report without coordinates is a Feature with a null geometry (section 3.2), not dropped,
so counts agree with the other formats. Properties are the flat table of columns.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO

from fieldreport.exports.columns import columns_for, row
from fieldreport.exports.context import ExportContext
from fieldreport.exports.textio import text_stream


def feature(doc: dict[str, Any], ctx: ExportContext) -> dict[str, Any]:
    columns = columns_for(ctx.partner_safe)
    loc = doc.get("location") or {}
    geometry = None
    if loc.get("lat") is not None and loc.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
    properties = {
        c.name: value
        for c, value in zip(columns, row(doc, columns, ctx.taxonomy), strict=True)
        if c.name not in ("lat", "lon")  # already in the geometry
    }
    return {"type": "Feature", "id": doc.get("id"), "geometry": geometry, "properties": properties}


def write_geojson(reports: Iterable[dict[str, Any]], out: BinaryIO, ctx: ExportContext) -> int:
    count = 0
    with text_stream(out) as text:
        text.write('{"type": "FeatureCollection", "features": [')
        for doc in reports:
            text.write(",\n" if count else "\n")
            text.write(json.dumps(feature(doc, ctx), ensure_ascii=False, allow_nan=False))
            count += 1
        text.write("\n]}\n")
    return count
