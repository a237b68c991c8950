"""The Reports tab: search (debounced, run off the GUI thread), filters and sorting over the
report table, and the coordinator's review actions on the selected report."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldreport.domain import load_taxonomy
from fieldreport.gui.i18n import current_language
from fieldreport.gui.report_model import ReportTableModel
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store.search import ReportQuery
from fieldreport.store.store import Store

SEARCH_DELAY_MS = 300
NO_DATE = QDate(2000, 1, 1)  # the date edits' minimum, shown as "any date"


class ReportsView(QWidget):
    open_report = Signal(str)  # report id: edit it (a new revision)
    new_update = Signal(str)  # report id: write an update to this incident
    message = Signal(str)  # a line for the status bar

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.taxonomy = load_taxonomy()
        self.model = ReportTableModel(store, self)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.count = QLabel("")
        self._filters()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(
            ReportTableModel.COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch
        )
        header.setSortIndicator(*self.model.sort_column())
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.run_query)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.model.count_changed.connect(self._show_count)
        self.model.loading_changed.connect(self._loading)
        self._actions()

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.filter_row)
        layout.addWidget(self.table, 1)
        chain = [
            self.search,
            self.since,
            self.until,
            self.clear_filters_button,
            *self.filter_combos,
            self.table,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.retranslate()
        self.run_query()
        self.model.count_changed.connect(self._first_result)

    def _first_result(self, _total: int) -> None:
        """The device filter is filled once the first page is shown (a scan of the list)."""
        self.model.count_changed.disconnect(self._first_result)
        self._load_devices()

    # ----- filters ---------------------------------------------------------------------------
    def _filters(self) -> None:
        self.since_label, self.until_label = QLabel(), QLabel()
        self.since = QDateEdit()
        self.until = QDateEdit()
        for edit, label in ((self.since, self.since_label), (self.until, self.until_label)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(NO_DATE)
            edit.setDate(NO_DATE)
            edit.dateChanged.connect(lambda _date: self._debounce.start())
            label.setBuddy(edit)
        self.event_filter = QComboBox()
        self.severity_filter = QComboBox()
        self.region_filter = QComboBox()
        self.status_filter = QComboBox()
        self.device_filter = QComboBox()
        self.clear_filters_button = QPushButton()
        self.clear_filters_button.clicked.connect(self.clear_filters)
        self.filter_combos = (
            self.event_filter,
            self.severity_filter,
            self.region_filter,
            self.status_filter,
            self.device_filter,
        )
        for combo in self.filter_combos:
            combo.currentIndexChanged.connect(lambda _i: self.run_query())
        # Two short rows rather than one long one: the tab must fit at 200 % scaling.
        dates = QHBoxLayout()
        for widget in (self.since_label, self.since, self.until_label, self.until):
            dates.addWidget(widget)
        dates.addStretch(1)
        dates.addWidget(self.clear_filters_button)
        combos = QHBoxLayout()
        for combo in self.filter_combos:
            # Shrink to a few characters when space is short; the full label is the tooltip.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            combos.addWidget(combo, 1)
        row = QVBoxLayout()
        row.addLayout(dates)
        row.addLayout(combos)
        self.filter_row = row

    def _fill_filters(self) -> None:
        lang = current_language()
        tax = self.taxonomy
        choices: dict[QComboBox, list[tuple[str, Any]]] = {
            self.event_filter: [(self.tr("Any event type"), None)]
            + [(tax.event_label(e, lang), e) for e in tax.event_types()],
            self.severity_filter: [(self.tr("Any severity"), None)]
            + [(self.tr("Severity %1 or more").replace("%1", str(n)), n) for n in range(2, 6)],
            self.region_filter: [(self.tr("Any region"), None)]
            + [(f"{name} ({code})", code) for code, name in tax.adm1_pcodes().items()],
            self.status_filter: [(self.tr("Any status"), None)]
            + [(tax.label("status", s, lang), s) for s in tax.codes("status")],
            self.device_filter: [(self.tr("Any device"), None)]
            + [(d["name"], d["device_id"]) for d in getattr(self, "_devices", [])],
        }
        for combo, items in choices.items():
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, code in items:
                combo.addItem(text, code)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def _load_devices(self) -> None:
        store = self.store

        def done(devices: list[dict[str, str]]) -> None:
            self._devices = devices
            self._fill_filters()

        run_in_background(lambda job: store.report_devices(), on_done=done, owner=self)

    def clear_filters(self) -> None:
        for edit in (self.since, self.until):
            edit.blockSignals(True)
            edit.setDate(NO_DATE)
            edit.blockSignals(False)
        for combo in self.filter_combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.run_query()

    def query(self) -> ReportQuery:
        since = self.since.date()
        until = self.until.date()
        return ReportQuery(
            text=self.search.text(),
            since=None
            if since == NO_DATE
            else f"{since.toString(Qt.DateFormat.ISODate)}T00:00:00+00:00",
            until=None
            if until == NO_DATE
            else f"{until.toString(Qt.DateFormat.ISODate)}T23:59:59+00:00",
            event_type=self.event_filter.currentData(),
            severity_min=self.severity_filter.currentData(),
            adm1_pcode=self.region_filter.currentData(),
            status=self.status_filter.currentData(),
            device_id=self.device_filter.currentData(),
        )

    def run_query(self) -> None:
        self._debounce.stop()
        self.model.set_query(self.query())

    def _sort_indicator_changed(self, _column: int, _order: Qt.SortOrder) -> None:
        # The model ignores columns it cannot sort; put the indicator back on the real order.
        QTimer.singleShot(0, self._show_sort)

    def _show_sort(self) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(*self.model.sort_column())
        header.blockSignals(False)

    # ----- review and opening ------------------------------------------------------------------
    def _actions(self) -> None:
        self.open_action = QAction(self)
        self.open_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.update_action = QAction(self)
        self.update_action.setShortcut(QKeySequence("Ctrl+U"))
        self.review_action = QAction(self)
        self.review_action.setShortcut(QKeySequence("Ctrl+R"))
        self.comment_action = QAction(self)
        self.comment_action.setShortcut(QKeySequence("Ctrl+M"))
        self.history_action = QAction(self)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        for action, slot in (
            (self.open_action, self._open_selected),
            (self.update_action, self._update_selected),
            (self.review_action, self.mark_reviewed),
            (self.comment_action, self.add_comment),
            (self.history_action, self.show_history),
        ):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
        self.table.addAction(self.open_action)
        for action in (
            self.update_action,
            self.review_action,
            self.comment_action,
            self.history_action,
        ):
            self.addAction(action)

    def _context_menu(self, position: Any) -> None:
        if self.selected_id() is None:
            return
        menu = QMenu(self)
        for action in (
            self.open_action,
            self.update_action,
            self.review_action,
            self.comment_action,
            self.history_action,
        ):
            menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            current = self.table.currentIndex()
            if not current.isValid():
                return None
            return self.model.report_id(current.row())
        return self.model.report_id(rows[0].row())

    def _open_selected(self) -> None:
        report_id = self.selected_id()
        if report_id:
            self.open_report.emit(report_id)

    def _update_selected(self) -> None:
        report_id = self.selected_id()
        if report_id:
            self.new_update.emit(report_id)

    def mark_reviewed(self, comment: str = "") -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        self._review(report_id, comment if isinstance(comment, str) else "", True)

    def add_comment(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Review comment"), self.tr("Comment on this report:")
        )
        if ok and text.strip():
            self._review(report_id, text, False)

    def show_history(self) -> None:
        report_id = self.selected_id()
        if report_id is None:
            return
        store = self.store
        run_in_background(
            lambda job: store.reviews_of(report_id),
            on_done=self._show_history,
            on_failed=self.message.emit,
            owner=self,
        )

    def _show_history(self, entries: list[Any]) -> None:
        lines = []
        for entry in entries:
            when = entry.created_at[:16].replace("T", " ")
            what = (
                self.tr("marked reviewed (revision %1)").replace("%1", str(entry.revision))
                if entry.reviewed
                else self.tr("comment (revision %1)").replace("%1", str(entry.revision))
            )
            lines.append(f"{when} — {what}" + (f"\n    {entry.comment}" if entry.comment else ""))
        self.history_box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Review history"),
            "\n".join(lines) if lines else self.tr("Nobody has reviewed this report yet."),
            QMessageBox.StandardButton.Close,
            self,
        )
        self.history_box.open()

    def _review(self, report_id: str, comment: str, reviewed: bool) -> None:
        store = self.store

        def work(job: Job) -> Any:
            return store.review_report(report_id, comment=comment, reviewed=reviewed)

        def done(entry: Any) -> None:
            if entry.reviewed:
                self.model.mark_reviewed(entry.report_id, entry.revision)
                self.message.emit(self.tr("Marked reviewed."))
            else:
                self.message.emit(self.tr("Comment saved."))

        run_in_background(work, on_done=done, on_failed=self.message.emit, owner=self)

    # ----- language, counts, locking -------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search reports (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search reports"))
        self.table.setAccessibleName(self.tr("Reports"))
        self.since_label.setText(self.tr("&From"))
        self.until_label.setText(self.tr("&To"))
        for label in (self.since_label, self.until_label):  # short words must never be cut
            plain = label.text().replace("&", "")
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(plain) + 6)
        for edit in (self.since, self.until):
            edit.setSpecialValueText(self.tr("any date"))
        self.since.setAccessibleName(self.tr("Occurred on or after"))
        self.until.setAccessibleName(self.tr("Occurred on or before"))
        for combo, name in (
            (self.event_filter, self.tr("Filter by event type")),
            (self.severity_filter, self.tr("Filter by severity")),
            (self.region_filter, self.tr("Filter by region")),
            (self.status_filter, self.tr("Filter by status")),
            (self.device_filter, self.tr("Filter by device")),
        ):
            combo.setAccessibleName(name)
            combo.setToolTip(name)
        self.clear_filters_button.setText(self.tr("Clear filters"))
        self.open_action.setText(self.tr("&Open and edit"))
        self.update_action.setText(self.tr("Write an &update to this incident"))
        self.review_action.setText(self.tr("Mark &reviewed"))
        self.comment_action.setText(self.tr("Add a review &comment…"))
        self.history_action.setText(self.tr("Review &history"))
        self._fill_filters()
        self.model.retranslate()
        self._fit_columns()
        self._show_count(self.model.total)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

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
            "event": "x" * 24,
            "place": "x" * 16,
            "reviewed": self.model.headers["reviewed"],  # longer marks elide, with a tooltip
        }
        for name, text in samples.items():
            width = (
                max(
                    metrics.horizontalAdvance(text),
                    metrics.horizontalAdvance(self.model.headers[name]),
                )
                + 28  # room for the sort indicator
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
