"""Run an export of the sample store through the public core API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fieldreport.exports import ExportContext, ExportFilter, export_reports


def export(
    store: Any,
    fmt: str,
    out: Path,
    *,
    partner_safe: bool = False,
    lang: str = "en",
    **filters: Any,
) -> int:
    flt = ExportFilter(partner_safe=partner_safe, **filters)
    ctx = ExportContext(lang=lang, partner_safe=partner_safe, filter_text=flt.describe())
    return export_reports(store, fmt, out, flt, ctx)
