"""The PDF situation report: period, key figures, highlights, map, chart, table of incidents.

Built with reportlab's platypus in one pass over the reports (sitrep_summary.py keeps only
what is printed). The standard Helvetica fonts cover French (Windows-1252); characters they
lack are replaced, so text extraction and printing never show blank boxes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fieldreport import __version__
from fieldreport.exports.context import ExportContext
from fieldreport.exports.sitrep_drawings import (
    map_drawing,
    severity_chart,
    severity_legend,
    weekly_chart,
)
from fieldreport.exports.sitrep_labels import labels_for
from fieldreport.exports.sitrep_summary import MAX_TABLE_ROWS, SitrepSummary

_PAGE_WIDTH = A4[0] - 30 * mm


def printable(text: str) -> str:
    """`text` limited to what the standard PDF fonts can show (WinAnsi / Windows-1252)."""
    out = []
    for ch in text:
        try:
            ch.encode("cp1252")
            out.append(ch)
        except UnicodeEncodeError:
            # An accent we cannot draw is better dropped than the letter: "ǹ" → "n".
            base = unicodedata.normalize("NFKD", ch).encode("cp1252", "ignore").decode("cp1252")
            out.append(base or "?")
    return "".join(out)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(printable(text)), style)


def write_pdf(reports: Iterable[dict[str, Any]], out: BinaryIO, ctx: ExportContext) -> int:
    summary = SitrepSummary()
    for doc in reports:
        summary.add(doc)
    words = labels_for(ctx.lang)
    styles = getSampleStyleSheet()
    small = ParagraphStyle("small", parent=styles["BodyText"], fontSize=8, leading=10)
    story: list[Any] = [
        _p(words["title"], styles["Title"]),
        *_cover(summary, ctx, words, styles["BodyText"]),
    ]
    if summary.count == 0:
        story.append(_p(words["none"], styles["BodyText"]))
    else:
        story += _figures(summary, ctx, words, styles)
        story += _highlights(summary, ctx, words, styles)
        story += _map(summary, ctx, words, styles, small)
        story += _chart(summary, ctx, words, styles)
        story += _table(summary, ctx, words, styles, small)

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.drawString(
            15 * mm, 10 * mm, printable(f"FieldReport {__version__} · {words['title']}")
        )
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"{words['page']} {document.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=printable(words["title"]),
        author="FieldReport",
        creator=f"FieldReport {__version__}",
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return summary.count


def _period(summary: SitrepSummary, ctx: ExportContext) -> str:
    start = (ctx.since or summary.first or "")[:10]
    end = (ctx.until or summary.last or "")[:10]
    return f"{start or '…'} – {end or '…'}"


def _cover(
    summary: SitrepSummary, ctx: ExportContext, words: dict[str, str], body: Any
) -> list[Any]:
    lines = [
        f"<b>{escape(words['period'])}:</b> {escape(_period(summary, ctx))}",
        f"<b>{escape(words['generated'])}:</b> {escape(ctx.generated_at.isoformat())}",
    ]
    if ctx.filter_text:
        lines.append(f"<b>{escape(words['filter'])}:</b> {escape(printable(ctx.filter_text))}")
    items: list[Any] = [Paragraph(printable(line), body) for line in lines]
    notice = words["partner_safe"] if ctx.partner_safe else words["internal"]
    items.append(Paragraph(f"<i>{escape(printable(notice))}</i>", body))
    items.append(Spacer(1, 4 * mm))
    return items


def _grid_style(header_rows: int = 1) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
            ("FONT", (0, 0), (-1, header_rows - 1), "Helvetica-Bold", 8),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e8e8e8")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )


def _figures(
    summary: SitrepSummary, ctx: ExportContext, words: dict[str, str], styles: Any
) -> list[Any]:
    kinds = ("killed", "injured", "abducted", "detained")
    header = [words["incidents"], *(words[k] for k in kinds), words["severe"]]
    values = [summary.count, *(summary.casualties[k] for k in kinds), summary.severe]
    figures = Table([[printable(h) for h in header], [str(v) for v in values]])
    figures.setStyle(_grid_style())
    tax, lang = ctx.taxonomy, ctx.lang
    by_type = [[printable(words["type"]), "n"]] + [
        [printable(tax.event_label(code, lang)), str(n)]
        for code, n in summary.by_event_type.most_common()
    ]
    by_region = [[printable(words["region"]), "n"]] + [
        [printable(tax.adm1_name(code) or code if code else words["unknown_region"]), str(n)]
        for code, n in summary.by_region.most_common()
    ]
    side = Table(
        [[_styled(by_type), _styled(by_region)]],
        colWidths=[_PAGE_WIDTH / 2] * 2,
        style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
    )
    return [
        _p(words["key_figures"], styles["Heading2"]),
        figures,
        Spacer(1, 3 * mm),
        side,
    ]


def _styled(data: list[list[str]]) -> Table:
    table = Table(data, hAlign="LEFT")
    table.setStyle(_grid_style())
    return table


def _highlights(
    summary: SitrepSummary, ctx: ExportContext, words: dict[str, str], styles: Any
) -> list[Any]:
    items: list[Any] = [_p(words["highlights"], styles["Heading2"])]
    tax, lang = ctx.taxonomy, ctx.lang
    for item in summary.highlights():
        kind = tax.sub_event_label(item.event_type, item.sub_event_type, lang)
        text = (
            f"<b>{escape(item.occurred_at[:10])} · {escape(item.place)}</b> — "
            f"{escape(item.title)} ({escape(kind)}; {escape(words['sev'])} {item.severity}"
            + (f"; {escape(words['killed'])} {item.killed}" if item.killed else "")
            + ")"
        )
        items.append(Paragraph(printable(text), styles["BodyText"], bulletText="•"))
    return items


def _map(
    summary: SitrepSummary, ctx: ExportContext, words: dict[str, str], styles: Any, small: Any
) -> list[Any]:
    width = _PAGE_WIDTH
    drawing = map_drawing(
        ctx.outlines, summary.points, width, 120 * mm, context=ctx.country_outlines
    )
    severity = [printable(ctx.taxonomy.label("severity", n, ctx.lang)) for n in range(1, 6)]
    caption = ctx.attribution if ctx.outlines else words["no_pack"]
    return [
        KeepTogether(
            [
                _p(words["map"], styles["Heading2"]),
                drawing,
                severity_legend(severity, width),
                _p(caption, small),
            ]
        )
    ]


def _chart(
    summary: SitrepSummary, ctx: ExportContext, words: dict[str, str], styles: Any
) -> list[Any]:
    series = summary.weekly.series()
    labels = {code: printable(ctx.taxonomy.event_label(code, ctx.lang)) for code in series.counts}
    return [
        KeepTogether(
            [
                _p(words["chart"], styles["Heading2"]),
                weekly_chart(series, labels, _PAGE_WIDTH, 70 * mm),
            ]
        ),
        KeepTogether(
            [
                _p(words["severity_chart"], styles["Heading2"]),
                severity_chart(
                    summary.severity.points(),
                    (printable(words["mean_severity"]), printable(words["severe"])),
                    _PAGE_WIDTH,
                    60 * mm,
                ),
            ]
        ),
    ]


def _table(
    summary: SitrepSummary, ctx: ExportContext, words: dict[str, str], styles: Any, small: Any
) -> list[Any]:
    tax, lang = ctx.taxonomy, ctx.lang
    header = [
        words[k] for k in ("date", "region", "place", "type", "sev", "casualties", "report_title")
    ]
    data: list[list[Any]] = [[printable(h) for h in header]]
    for row in summary.rows:
        region = tax.adm1_name(row["adm1"]) or row["adm1"] if row["adm1"] else ""
        data.append(
            [
                row["date"],
                printable(region),
                _p(row["place"], small),
                _p(tax.sub_event_label(row["event_type"], row["sub_event_type"], lang), small),
                str(row["severity"]),
                f"{row['killed']}/{row['injured']}",
                _p(row["title"], small),
            ]
        )
    widths = [18 * mm, 20 * mm, 28 * mm, 32 * mm, 10 * mm, 12 * mm]
    widths.append(_PAGE_WIDTH - sum(widths))
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(_grid_style())
    items: list[Any] = [_p(words["table"], styles["Heading2"]), table]
    if summary.count > MAX_TABLE_ROWS:
        items.append(_p(words["more_rows"].format(n=summary.count - MAX_TABLE_ROWS), small))
    return items
