"""CSV, HXL, XLSX, GeoJSON, KML, ACLED and PDF exports (issue 6), plus the chart series.

    flt = ExportFilter(since="2026-10-01T00:00:00+00:00", partner_safe=True)
    ctx = ExportContext(lang="fr", partner_safe=True)
    count = export_reports(store, "geojson", Path("out.geojson"), flt, ctx)

No Qt here: the GUI calls the same function from a worker thread.
"""

from fieldreport.exports.context import ExportContext
from fieldreport.exports.filters import SHARING_LEVELS, ExportFilter, date_bound, iter_reports
from fieldreport.exports.partner_safe import is_sensitive, make_partner_safe
from fieldreport.exports.registry import FORMATS, ExportFormat, get_format
from fieldreport.exports.run import export_reports, plaintext_warning

__all__ = [
    "FORMATS",
    "SHARING_LEVELS",
    "ExportContext",
    "ExportFilter",
    "ExportFormat",
    "date_bound",
    "export_reports",
    "get_format",
    "is_sensitive",
    "iter_reports",
    "make_partner_safe",
    "plaintext_warning",
]
