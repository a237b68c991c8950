"""The PDF situation report, read back with pypdf's text extractor."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from fieldreport.exports import ExportContext, ExportFilter, export_reports
from tests.exports.conftest import Sample
from tests.exports.helpers import export


def _text(path: Path) -> str:
    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_pdf_sitrep_in_english(filled_store: Any, out_dir: Path) -> None:
    out = out_dir / "sitrep.pdf"
    assert export(filled_store, "pdf", out) == 6
    assert out.read_bytes().startswith(b"%PDF-")
    text = _text(out)
    assert "Situation report" in text
    assert "Period: 2026-10-03 – 2026-11-05" in text
    headings = ("Key figures", "Highlights", "Map of incidents", "Incidents per week",
                "Severity per week")  # fmt: skip
    for heading in headings:
        assert heading in text
    # Key figures: 6 incidents, 9 killed, 4 injured, 1 abducted, 1 detained, 2 severe.
    figures = re.search(r"Severe \(4–5\)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)", text)
    assert figures is not None, text[:800]
    assert figures.groups() == ("6", "9", "4", "1", "1", "2")
    # The most severe incident is the first highlight; the table lists every report.
    assert "Driver Moussa Traoré abducted near Léré" in text
    assert "Tonka" in text and "Gendarmerie de Boni" in text
    assert "No map pack installed" in text


def test_pdf_sitrep_in_french_with_the_period_asked_for(filled_store: Any, out_dir: Path) -> None:
    out = out_dir / "sitrep-fr.pdf"
    flt = ExportFilter(since="2026-10-15T00:00:00+00:00", until="2026-11-30T23:59:59+00:00")
    ctx = ExportContext(lang="fr", since=flt.since, until=flt.until)
    assert export_reports(filled_store, "pdf", out, flt, ctx) == 4
    text = _text(out)
    assert "Rapport de situation" in text
    assert "Période: 2026-10-15 – 2026-11-30" in text
    assert "Chiffres clés" in text and "Faits marquants" in text and "Gravité par semaine" in text
    assert "Affrontement armé" in text  # sub-event labels in French
    assert "Driver Moussa" not in text  # before the period


def test_pdf_of_nothing_says_so(store: Any, out_dir: Path) -> None:
    out = out_dir / "empty.pdf"
    assert export(store, "pdf", out) == 0
    assert "No incident matches this period and filter." in _text(out)


def test_pdf_partner_safe_has_no_names(
    filled_store: Any, samples: dict[str, Sample], out_dir: Path
) -> None:
    out = out_dir / "safe.pdf"
    assert export(filled_store, "pdf", out, partner_safe=True) == 5
    text = _text(out)
    assert "Partner-safe edition" in text
    for secret in ("Moussa", "Aminata", "NARRATIVE", "INTERNAL-ONLY", "Gendarmerie"):
        assert secret not in text


def test_pdf_survives_text_its_fonts_cannot_draw(store: Any, out_dir: Path) -> None:
    from tests.conftest import minimal_report

    store.add_report(
        minimal_report(title="Tombouctou تمبكتو — Ŋ ≥ 3 ✓", location={"name": "Tɔnka"})
    )
    out = out_dir / "unicode.pdf"
    assert export(store, "pdf", out) == 1
    text = _text(out)
    assert "Tombouctou" in text
    assert "T?nka" in text  # a letter the fonts lack becomes "?", not an empty box
    assert "≥" not in text and "✓" not in text


def test_printable_keeps_french_and_replaces_the_rest() -> None:
    from fieldreport.exports.pdf import printable

    assert printable("Ségou, Ménaka – Tombouctou « œ »") == "Ségou, Ménaka – Tombouctou « œ »"
    assert printable("ǹ") == "n"  # the accent dropped, the letter kept
    assert printable("ɔ≥") == "??"
