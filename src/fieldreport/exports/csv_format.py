"""CSV and HXL: the flat table (columns.py), streamed row by row.

HXL is the same CSV with the hashtag row right under the header (hxlstandard.org).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, BinaryIO

from fieldreport.exports.columns import columns_for, row
from fieldreport.exports.context import ExportContext
from fieldreport.exports.textio import defuse, text_stream


def _write(reports: Iterable[dict[str, Any]], out: BinaryIO, ctx: ExportContext, hxl: bool) -> int:
    columns = columns_for(ctx.partner_safe)
    count = 0
    # No BOM: HXL tools and scripts read the first cell as the header; UTF-8 is documented.
    with text_stream(out) as text:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([c.name for c in columns])
        if hxl:
            writer.writerow([c.hxl for c in columns])
        for doc in reports:
            writer.writerow([defuse(cell) for cell in row(doc, columns, ctx.taxonomy)])
            count += 1
    return count


def write_csv(reports: Iterable[dict[str, Any]], out: BinaryIO, ctx: ExportContext) -> int:
    return _write(reports, out, ctx, hxl=False)


def write_hxl(reports: Iterable[dict[str, Any]], out: BinaryIO, ctx: ExportContext) -> int:
    return _write(reports, out, ctx, hxl=True)
