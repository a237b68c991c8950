"""The export dialog (Ctrl+E): filters, a format, partner-safe, then a file written off the GUI
thread with progress.

Every export writes a file in the clear, so the user confirms after reading the same warning
the CLI prints (exports.plaintext_warning, translated here) before anything is written.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldreport.domain import load_taxonomy
from fieldreport.exports import (
    FORMATS,
    SHARING_LEVELS,
    ExportFilter,
    date_bound,
    export_reports,
)
from fieldreport.exports.prepare import export_context
from fieldreport.gui.i18n import current_language
from fieldreport.gui.report_filter import ReportFilter
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store.search import ReportQuery
from fieldreport.store.store import Store


class ExportDialog(QDialog):
    """`exported(path, count)` after a file was written."""

    exported = Signal(str, int)

    def __init__(
        self,
        store: Store,
        report_filter: ReportFilter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self.taxonomy = load_taxonomy()
        self.job: Job | None = None
        self.confirm_box: QMessageBox | None = None
        self.last_count: int | None = None

        self.use_since = QCheckBox(self)
        self.since = QDateEdit(self)
        self.use_until = QCheckBox(self)
        self.until = QDateEdit(self)
        today = QDate.currentDate()
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(today)
            edit.setEnabled(False)
        self.since.setDate(today.addDays(-30))
        self.use_since.toggled.connect(self.since.setEnabled)
        self.use_until.toggled.connect(self.until.setEnabled)
        self.region = QComboBox(self)
        self.event_type = QComboBox(self)
        self.sharing = QComboBox(self)
        self.format = QComboBox(self)
        self.partner_safe = QCheckBox(self)
        self.path = QLineEdit(self)
        self.browse = QPushButton(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self._close_or_cancel)
        self.browse.clicked.connect(self._browse)
        self.format.currentIndexChanged.connect(self._fix_extension)

        dates = QHBoxLayout()
        dates.addWidget(self.use_since)
        dates.addWidget(self.since)
        dates.addSpacing(12)
        dates.addWidget(self.use_until)
        dates.addWidget(self.until)
        dates.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        self.form = QFormLayout()
        self.labels = {name: QLabel(self) for name in ("dates", "region", "event", "sharing")}
        self.labels |= {name: QLabel(self) for name in ("format", "file")}
        self.form.addRow(self.labels["dates"], dates)
        self.form.addRow(self.labels["region"], self.region)
        self.form.addRow(self.labels["event"], self.event_type)
        self.form.addRow(self.labels["sharing"], self.sharing)
        self.form.addRow(self.labels["format"], self.format)
        self.form.addRow("", self.partner_safe)
        self.form.addRow(self.labels["file"], where)
        self.labels["region"].setBuddy(self.region)
        self.labels["event"].setBuddy(self.event_type)
        self.labels["sharing"].setBuddy(self.sharing)
        self.labels["format"].setBuddy(self.format)
        self.labels["file"].setBuddy(self.path)
        self.labels["dates"].setBuddy(self.use_since)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate()
        if report_filter is not None:
            self.apply_query(report_filter.query())
        self.resize(560, self.sizeHint().height())

    # ----- text ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        lang = current_language()
        self.setWindowTitle(self.tr("Export reports"))
        self.labels["dates"].setText(self.tr("&Dates:"))
        self.labels["region"].setText(self.tr("&Region:"))
        self.labels["event"].setText(self.tr("&Event type:"))
        self.labels["sharing"].setText(self.tr("&Sharing level:"))
        self.labels["format"].setText(self.tr("&Format:"))
        self.labels["file"].setText(self.tr("Sa&ve to:"))
        self.use_since.setText(self.tr("from"))
        self.use_until.setText(self.tr("to"))
        self.use_since.setAccessibleName(self.tr("Only reports from a date"))
        self.use_until.setAccessibleName(self.tr("Only reports up to a date"))
        self.since.setAccessibleName(self.tr("First date"))
        self.until.setAccessibleName(self.tr("Last date"))
        self._refill(
            self.region,
            self.tr("All regions"),
            sorted(self.taxonomy.adm1_pcodes().items(), key=lambda kv: kv[1]),
        )
        self._refill(
            self.event_type,
            self.tr("All event types"),
            [(c, self.taxonomy.event_label(c, lang)) for c in self.taxonomy.event_types()],
        )
        self._refill(
            self.sharing,
            self.tr("Every level"),
            [
                (level, self.tr("%1 or more open").replace("%1", self._sharing_label(level)))
                for level in SHARING_LEVELS
            ],
        )
        descriptions = {
            "csv": self.tr("CSV table"),
            "hxl": self.tr("CSV with HXL hashtags"),
            "xlsx": self.tr("Excel workbook"),
            "geojson": self.tr("GeoJSON (maps, GIS)"),
            "kml": self.tr("KML (Google Earth)"),
            "acled": self.tr("ACLED-style CSV"),
            "pdf": self.tr("PDF situation report"),
        }
        self._refill(
            self.format,
            None,
            [
                (name, f"{descriptions.get(name, fmt.description)} ({fmt.extension})")
                for name, fmt in FORMATS.items()
            ],
        )
        self.partner_safe.setText(
            self.tr("&Partner-safe: no internal reports, no names, sensitive places blurred")
        )
        self.region.setAccessibleName(self.tr("Region"))
        self.event_type.setAccessibleName(self.tr("Event type"))
        self.sharing.setAccessibleName(self.tr("Sharing level"))
        self.format.setAccessibleName(self.tr("Format"))
        self.path.setAccessibleName(self.tr("File to write"))
        self.path.setPlaceholderText(self.tr("Choose where to save the file"))
        self.browse.setText(self.tr("&Browse…"))
        self.export_button.setText(self.tr("E&xport"))
        self.progress.setAccessibleName(self.tr("Export progress"))

    def _sharing_label(self, level: str) -> str:
        return self.taxonomy.label("sharing_level", level, current_language())

    @staticmethod
    def _refill(box: QComboBox, everything: str | None, items: list[tuple[Any, str]]) -> None:
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        if everything is not None:
            box.addItem(everything, None)
        for code, label in items:
            box.addItem(label, code)
        index = box.findData(chosen) if chosen is not None else 0
        box.setCurrentIndex(max(index, 0))
        box.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ----- choices ---------------------------------------------------------------------------
    def apply_query(self, query: ReportQuery) -> None:
        """Start from the filters the list or the map shows."""
        for box, value in ((self.region, query.adm1_pcode), (self.event_type, query.event_type)):
            if value is not None and box.findData(value) >= 0:
                box.setCurrentIndex(box.findData(value))
        for check, edit, value in (
            (self.use_since, self.since, query.since),
            (self.use_until, self.until, query.until),
        ):
            if value:
                check.setChecked(True)
                edit.setDate(QDate.fromString(value[:10], "yyyy-MM-dd"))

    def set_format(self, name: str) -> None:
        self.format.setCurrentIndex(self.format.findData(name))

    def export_filter(self) -> ExportFilter:
        since = self.since.date().toString("yyyy-MM-dd") if self.use_since.isChecked() else None
        until = self.until.date().toString("yyyy-MM-dd") if self.use_until.isChecked() else None
        return ExportFilter(
            since=date_bound(since, end_of_day=False) if since else None,
            until=date_bound(until, end_of_day=True) if until else None,
            adm1_pcode=self.region.currentData(),
            event_type=self.event_type.currentData(),
            sharing_level=self.sharing.currentData(),
            partner_safe=self.partner_safe.isChecked(),
        )

    def output_path(self) -> Path | None:
        text = self.path.text().strip()
        return Path(text).expanduser() if text else None

    def _fix_extension(self) -> None:
        out = self.output_path()
        name = self.format.currentData()
        if out is not None and name in FORMATS and out.suffix.lower() != FORMATS[name].extension:
            self.path.setText(str(out.with_suffix(FORMATS[name].extension)))

    def _browse(self) -> None:
        name = self.format.currentData()
        extension = FORMATS[name].extension
        stamp = datetime.now(UTC).strftime("%Y-%m-%d")
        start = self.path.text() or str(Path.home() / f"fieldreport-{stamp}{extension}")
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export reports"), start, f"*{extension}"
        )
        if chosen:
            self.path.setText(chosen)
            self._fix_extension()

    # ----- running ---------------------------------------------------------------------------
    def warning_text(self, out: Path) -> str:
        """exports.plaintext_warning, in the interface's language."""
        return self.tr(
            "%1 is not encrypted; store it on an encrypted disk and delete it when done"
        ).replace("%1", str(out))

    def start_export(self) -> None:
        """Ask for confirmation (the file will be in the clear), then export."""
        if self.job is not None:
            return
        out = self.output_path()
        if out is None:
            self.status.setText(self.tr("Choose where to save the file first."))
            self.path.setFocus()
            return
        if not out.parent.is_dir():
            self.status.setText(
                self.tr("The folder %1 does not exist.").replace("%1", str(out.parent))
            )
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Export in the clear?"))
        box.setText(self.warning_text(out))
        box.setInformativeText(self.tr("Export anyway?"))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda result: self._confirmed(result, out))
        self.confirm_box = box
        box.open()  # window-modal, does not block the event loop

    def _confirmed(self, result: int, out: Path) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is not None:
            box.deleteLater()
        if result != QMessageBox.StandardButton.Yes:
            self.status.setText(self.tr("Nothing was exported."))
            return
        self._run(out)

    def _run(self, out: Path) -> None:
        store = self._store
        fmt = self.format.currentData()
        flt = self.export_filter()
        lang = current_language()
        data_dir = store.layout.root

        def work(job: Job) -> int:
            total = store.count_reports(flt.report_query())
            job.report(0, total)
            ctx = export_context(data_dir, fmt, flt, lang=lang)
            # The total counts every sharing level: the bar may end short of full.
            return export_reports(
                store, fmt, out, flt, ctx, progress=lambda done: job.report(done, total)
            )

        self._busy(True)
        self.status.setText(self.tr("Exporting…"))
        self.job = run_in_background(
            work,
            on_done=lambda count: self._done(out, count),
            on_failed=self._failed,
            on_progress=self._progress,
            owner=self,
        )

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _done(self, out: Path, count: int) -> None:
        self.job = None
        self._busy(False)
        self.last_count = count
        self.progress.setValue(self.progress.maximum())
        self.status.setText(
            self.tr("%n report(s) exported to %1.", "", count).replace("%1", str(out))
            + "\n"
            + self.warning_text(out)
        )
        self.exported.emit(str(out), count)

    def _failed(self, message: str) -> None:
        self.job = None
        self._busy(False)
        self.progress.setValue(0)
        if message:
            self.status.setText(self.tr("The export failed: %1").replace("%1", message))
        else:
            self.status.setText(self.tr("Export cancelled; no file was written."))

    def _busy(self, busy: bool) -> None:
        for widget in (self.export_button, self.format, self.path, self.browse, self.partner_safe):
            widget.setEnabled(not busy)
        self.close_button.setText(self.tr("Cancel") if busy else self.tr("Close"))
        if busy:
            self.progress.setRange(0, 0)  # busy until the total is known

    def _close_or_cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        else:
            self.reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            self.job.cancel()
        super().closeEvent(event)
