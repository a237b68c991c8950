"""XLSX through openpyxl's write-only mode, which streams rows to disk instead of holding them.

Sheet "Incidents" holds the flat table (same columns as CSV, numbers as numbers); sheet
"About" says what was exported, when, and whether it is partner-safe.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from fieldreport.exports.columns import columns_for, row
from fieldreport.exports.context import ExportContext

_SHEETS = {"en": ("Incidents", "About"), "fr": ("Incidents", "À propos")}
_ABOUT = {
    "en": ("Generated", "Filter", "Partner-safe", "Incidents", "yes", "no"),
    "fr": ("Généré le", "Filtre", "Pour partenaires", "Incidents", "oui", "non"),
}


def _cell(sheet: Any, value: object) -> Any:
    # openpyxl stores a string beginning with "=" as a formula: force text for those only
    # (a WriteOnlyCell per value would make big exports several times slower).
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def write_xlsx(reports: Iterable[dict[str, Any]], out: BinaryIO, ctx: ExportContext) -> int:
    columns = columns_for(ctx.partner_safe)
    names = _SHEETS.get(ctx.lang, _SHEETS["en"])
    book = Workbook(write_only=True)
    sheet = book.create_sheet(names[0])
    sheet.freeze_panes = "A2"
    sheet.append([c.name for c in columns])
    count = 0
    for doc in reports:
        sheet.append([_cell(sheet, v) for v in row(doc, columns, ctx.taxonomy)])
        count += 1
    about = book.create_sheet(names[1])
    words = _ABOUT.get(ctx.lang, _ABOUT["en"])
    about.append([words[0], ctx.generated_at.isoformat()])
    about.append([words[1], ctx.filter_text or "-"])
    about.append([words[2], words[4] if ctx.partner_safe else words[5]])
    about.append([words[3], count])
    book.save(out)
    return count
