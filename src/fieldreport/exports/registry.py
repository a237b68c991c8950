"""The export formats by name: what `--format` accepts and the GUI lists.

Writers are imported when used: reportlab and openpyxl take a noticeable time to import and
every other command (and the GUI's start) should not pay for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

from fieldreport.errors import UsageError
from fieldreport.exports.context import ExportContext

Writer = Callable[[Iterable[dict[str, Any]], BinaryIO, ExportContext], int]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    media_type: str
    description: str
    module: str  # within fieldreport.exports
    function: str

    def write(self, reports: Iterable[dict[str, Any]], out: BinaryIO, ctx: ExportContext) -> int:
        module = importlib.import_module(f"fieldreport.exports.{self.module}")
        writer = cast(Writer, getattr(module, self.function))
        return writer(reports, out, ctx)


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("csv", ".csv", "text/csv", "CSV table", "csv_format", "write_csv"),
        ExportFormat("hxl", ".csv", "text/csv", "CSV with HXL hashtags", "csv_format", "write_hxl"),
        ExportFormat("xlsx", ".xlsx", _XLSX, "Excel workbook", "xlsx", "write_xlsx"),
        ExportFormat(
            "geojson", ".geojson", "application/geo+json", "GeoJSON", "geojson", "write_geojson"
        ),
        ExportFormat(
            "kml", ".kml", "application/vnd.google-earth.kml+xml", "KML", "kml", "write_kml"
        ),
        ExportFormat("acled", ".csv", "text/csv", "ACLED-style CSV", "acled", "write_acled"),
        ExportFormat("pdf", ".pdf", "application/pdf", "PDF situation report", "pdf", "write_pdf"),
    )
}


def get_format(name: str) -> ExportFormat:
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UsageError(f"unknown export format {name!r} (known: {known})") from None
