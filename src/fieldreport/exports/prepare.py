"""The context of one export, the same from the command line and from the desktop program."""

from __future__ import annotations

from pathlib import Path

from fieldreport.exports.context import ExportContext
from fieldreport.exports.filters import ExportFilter
from fieldreport.geo.mapcontext import map_context


def export_context(data_dir: Path, fmt: str, flt: ExportFilter, *, lang: str) -> ExportContext:
    """Language, the period and filters in words, and for the PDF the installed map pack's
    outlines (read only then: the other formats draw nothing)."""
    maps = map_context(data_dir, lang) if fmt == "pdf" else None
    return ExportContext(
        lang=lang,
        partner_safe=flt.partner_safe,
        since=flt.since,
        until=flt.until,
        filter_text=flt.describe(),
        outlines=maps.outlines if maps else (),
        country_outlines=maps.countries if maps else (),
        attribution=maps.attribution if maps else "",
    )
