"""The export dialog: filters, the plaintext warning and its confirmation, a file read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from fieldreport.gui.export_dialog import ExportDialog
from fieldreport.gui.report_filter import ReportFilter
from fieldreport.store.store import Store
from tests.conftest import minimal_report


def _seed(store: Store) -> None:
    store.add_report(minimal_report(title="Tonka checkpoint", sharing_level="partners"))
    store.add_report(minimal_report(title="Internal note", sharing_level="internal"))
    store.add_report(
        minimal_report(
            title="Clash near Boni",
            event_type="Battles",
            sub_event_type="Armed clash",
            occurred_at="2026-10-02T09:00:00+00:00",
            location={"name": "Boni", "lat": 15.08, "lon": -1.86, "adm1_pcode": "ML05"},
            sharing_level="public",
        )
    )


def _dialog(qtbot: Any, store: Store, flt: ReportFilter | None = None) -> ExportDialog:
    dialog = ExportDialog(store, flt)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _confirm(qtbot: Any, dialog: ExportDialog, answer: QMessageBox.StandardButton) -> str:
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    box = dialog.confirm_box
    assert box is not None
    text = box.text()
    box.button(answer).click()
    return text


def test_csv_export_warns_then_writes_a_file_read_back(
    qtbot: Any, store: Store, tmp_path: Path
) -> None:
    _seed(store)
    dialog = _dialog(qtbot, store)
    out = tmp_path / "reports.csv"
    dialog.set_format("csv")
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=20000) as done:
        warning = _confirm(qtbot, dialog, QMessageBox.StandardButton.Yes)
    assert (
        warning == f"{out} is not encrypted; store it on an encrypted disk and delete it when done"
    )
    assert done.args == [str(out), 3]
    with out.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["title"] for r in rows) == [
        "Clash near Boni",
        "Internal note",
        "Tonka checkpoint",
    ]
    assert "not encrypted" in dialog.status.text()
    assert dialog.progress.value() == dialog.progress.maximum()


def test_cancelling_the_warning_writes_nothing(qtbot: Any, store: Store, tmp_path: Path) -> None:
    _seed(store)
    dialog = _dialog(qtbot, store)
    out = tmp_path / "reports.geojson"
    dialog.path.setText(str(out))
    _confirm(qtbot, dialog, QMessageBox.StandardButton.Cancel)
    assert not out.exists()
    assert dialog.job is None
    assert dialog.status.text() == "Nothing was exported."


def test_filters_and_partner_safe_shape_a_geojson_export(
    qtbot: Any, store: Store, tmp_path: Path
) -> None:
    _seed(store)
    shared = ReportFilter()
    shared.update(event_type="Strategic developments")
    dialog = _dialog(qtbot, store, shared)
    assert dialog.event_type.currentData() == "Strategic developments"
    dialog.set_format("geojson")
    dialog.partner_safe.setChecked(True)
    out = tmp_path / "partners"
    dialog.path.setText(str(out))
    dialog._fix_extension()
    assert dialog.path.text().endswith("partners.geojson")
    with qtbot.waitSignal(dialog.exported, timeout=20000) as done:
        _confirm(qtbot, dialog, QMessageBox.StandardButton.Yes)
    written = Path(done.args[0])
    features = json.loads(written.read_text("utf-8"))["features"]
    assert done.args[1] == len(features) == 1  # the internal note and the battle are left out
    props = features[0]["properties"]
    assert "narrative" not in props and props.get("title") != "Tonka checkpoint"
    assert features[0]["geometry"]["type"] == "Point"


def test_date_region_and_sharing_filters(qtbot: Any, store: Store, tmp_path: Path) -> None:
    _seed(store)
    dialog = _dialog(qtbot, store)
    dialog.use_until.setChecked(True)
    dialog.until.setDate(dialog.until.date().fromString("2026-10-31", "yyyy-MM-dd"))
    dialog.region.setCurrentIndex(dialog.region.findData("ML05"))
    dialog.sharing.setCurrentIndex(dialog.sharing.findData("partners"))
    flt = dialog.export_filter()
    assert flt.until == "2026-10-31T23:59:59+00:00"
    assert (flt.adm1_pcode, flt.sharing_level, flt.since) == ("ML05", "partners", None)
    out = tmp_path / "october.csv"
    dialog.set_format("acled")
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=20000) as done:
        _confirm(qtbot, dialog, QMessageBox.StandardButton.Yes)
    assert done.args[1] == 1
    assert "Boni" in out.read_text("utf-8-sig")


def test_no_file_chosen_is_explained(qtbot: Any, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    dialog.export_button.click()
    assert dialog.confirm_box is None
    assert dialog.status.text() == "Choose where to save the file first."


def test_pdf_sitrep_from_the_dialog(qtbot: Any, store: Store, tmp_path: Path) -> None:
    from pypdf import PdfReader

    _seed(store)
    dialog = _dialog(qtbot, store)
    dialog.set_format("pdf")
    out = tmp_path / "sitrep.pdf"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=60000) as done:
        _confirm(qtbot, dialog, QMessageBox.StandardButton.Yes)
    assert done.args[1] == 3
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Situation report" in text
