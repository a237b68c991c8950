"""The Reports tab: a search box (debounced, run off the GUI thread) over the report table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldreport.gui.report_model import ReportTableModel
from fieldreport.store.search import ReportQuery
from fieldreport.store.store import Store

SEARCH_DELAY_MS = 300


class ReportsView(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ReportTableModel(store, self)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(
            ReportTableModel.COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch
        )
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.run_query)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.model.count_changed.connect(self._show_count)
        self.model.loading_changed.connect(self._loading)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate()
        self.run_query()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search reports (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search reports"))
        self.table.setAccessibleName(self.tr("Reports"))
        self.model.retranslate()
        self._fit_columns()
        self._show_count(self.model.total)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def query(self) -> ReportQuery:
        return ReportQuery(text=self.search.text())

    def run_query(self) -> None:
        self.model.set_query(self.query())

    def _fit_columns(self) -> None:
        """Widths from font metrics of typical content: measuring every cell would call
        data() for the whole page on the GUI thread (tens of ms)."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        samples = {
            "date": "2026-11-12 16:00",
            "severity": self.model.headers["severity"],
            "region": self.model.headers["region"],
            "status": max(
                (self.model.status_label(s) for s in ("draft", "final", "sent", "received")),
                key=len,
            ),
            "event": "x" * 28,
            "place": "x" * 22,
        }
        for name, text in samples.items():
            width = (
                max(
                    metrics.horizontalAdvance(text),
                    metrics.horizontalAdvance(self.model.headers[name]),
                )
                + 24
            )
            header.resizeSection(ReportTableModel.COLUMNS.index(name), width)

    def _show_count(self, total: int) -> None:
        self.count.setText(self.tr("%n report(s)", "", total))

    def _loading(self, busy: bool) -> None:
        if busy:
            self.count.setText(self.tr("Searching…"))

    def forget(self) -> None:
        """Drop every row and the search text (the window is being locked)."""
        self._debounce.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear()
        self.count.clear()
