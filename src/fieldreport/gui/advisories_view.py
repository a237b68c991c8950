"""HQ's advisories (verified and kept by the sync engine): the Advisories tab, the banner that
says some are unread, and the pop-up for a critical one (shown once: dismissing it marks the
advisory read)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fieldreport.gui.sync_status import local_time
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store.store import Store
from fieldreport.sync.incoming import mark_advisory_read, stored_advisories


def _load(store: Store) -> Any:
    def work(job: Job) -> list[dict[str, Any]]:
        return stored_advisories(store)

    return work


class AdvisoriesView(QWidget):
    """The Advisories tab: title, severity, date; the body of the selected one; Mark as read."""

    changed = Signal()  # an advisory was marked read: refresh the banner

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.advisories: list[dict[str, Any]] = []
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.read_button = QPushButton()
        self.read_button.setEnabled(False)
        self.read_button.clicked.connect(self.mark_selected_read)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.body)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.read_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self.refresh()

    def severity_label(self, severity: str) -> str:
        return {
            "info": self.tr("Information"),
            "warning": self.tr("Warning"),
            "critical": self.tr("Critical"),
        }.get(severity, severity)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Title"), self.tr("Severity"), self.tr("Date"), self.tr("Read")]
        )
        self.table.setAccessibleName(self.tr("Advisories"))
        self.body.setAccessibleName(self.tr("Advisory text"))
        self.read_button.setText(self.tr("&Mark as read"))
        self.read_button.setAccessibleName(self.tr("Mark as read"))
        self._show(self.advisories)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        run_in_background(_load(self.store), on_done=self._show, owner=self)

    def _show(self, advisories: list[dict[str, Any]]) -> None:
        selected = self.selected_id()
        self.advisories = advisories
        self.table.blockSignals(True)
        self.table.setRowCount(len(advisories))
        for row, advisory in enumerate(advisories):
            unread = advisory["read_at"] is None
            cells = (
                str(advisory["title"]),
                self.severity_label(str(advisory["severity"])),
                local_time(str(advisory["published_at"])),
                self.tr("No") if unread else self.tr("Yes"),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if unread:
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(row, column, cell)
            if advisory["advisory_id"] == selected:
                self.table.selectRow(row)
        self.table.blockSignals(False)
        self._show_selected()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.advisories):
            return None
        return str(self.advisories[rows[0].row()]["advisory_id"])

    def select(self, advisory_id: str) -> None:
        for row, advisory in enumerate(self.advisories):
            if advisory["advisory_id"] == advisory_id:
                self.table.selectRow(row)

    def _show_selected(self) -> None:
        chosen = self.selected_id()
        advisory = next((a for a in self.advisories if a["advisory_id"] == chosen), None)
        self.body.setPlainText(str(advisory["body"]) if advisory else "")
        self.read_button.setEnabled(bool(advisory and advisory["read_at"] is None))

    def mark_selected_read(self) -> None:
        chosen = self.selected_id()
        if chosen is None:
            return
        store = self.store
        self.read_button.setEnabled(False)

        def work(job: Job) -> bool:
            return mark_advisory_read(store, chosen)

        def done(_changed: bool) -> None:
            self.refresh()
            self.changed.emit()

        run_in_background(work, on_done=done, owner=self)


class AdvisoryBanner(QFrame):
    """Above the tabs: "N unread advisories", with a button to open the tab; hidden when all
    are read. `refresh()` also pops up each unread critical advisory, once."""

    open_requested = Signal(str)  # the advisory to show in the tab
    changed = Signal()  # a critical pop-up was dismissed (marked read)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.unread: list[dict[str, Any]] = []
        self.popups: dict[str, QMessageBox] = {}
        self._popped: set[str] = set()
        self._stopped = False
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("advisoryBanner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.show_button = QPushButton()
        self.show_button.clicked.connect(self._open)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button)
        self.setVisible(False)
        self.retranslate()
        self.refresh()

    def severity_label(self, severity: str) -> str:
        return {
            "info": self.tr("Information"),
            "warning": self.tr("Warning"),
            "critical": self.tr("Critical"),
        }.get(severity, severity)

    def retranslate(self) -> None:
        self.show_button.setText(self.tr("&Show advisories"))
        self.show_button.setAccessibleName(self.tr("Show advisories"))
        self.setAccessibleName(self.tr("Unread advisories"))
        self._show(self.unread, popup=False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        def done(advisories: list[dict[str, Any]]) -> None:
            self._show([a for a in advisories if a["read_at"] is None], popup=True)

        run_in_background(_load(self.store), on_done=done, owner=self)

    def _show(self, unread: list[dict[str, Any]], popup: bool) -> None:
        self.unread = unread
        if unread:
            newest = unread[0]
            self.label.setText(
                self.tr("%n unread advisory(ies). Latest: %1", "", len(unread)).replace(
                    "%1", f"{newest['title']} ({self.severity_label(str(newest['severity']))})"
                )
            )
        self.setVisible(bool(unread))
        if popup:
            for advisory in unread:
                if advisory["severity"] == "critical":
                    self._pop_up(advisory)

    def _open(self) -> None:
        self.open_requested.emit(str(self.unread[0]["advisory_id"]) if self.unread else "")

    def _pop_up(self, advisory: dict[str, Any]) -> None:
        advisory_id = str(advisory["advisory_id"])
        if advisory_id in self._popped or self._stopped:
            return
        self._popped.add(advisory_id)
        box = QMessageBox(self.window())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Critical advisory"))
        box.setText(str(advisory["title"]))
        box.setInformativeText(str(advisory["body"]))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAccessibleName(self.tr("Critical advisory"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._acknowledge(advisory_id))
        self.popups[advisory_id] = box
        box.open()  # window-modal, without a nested event loop

    def close_popups(self) -> None:
        """On lock: hide every pop-up at once without marking it read (it shows again after
        unlock); nothing of an advisory stays on screen over the lock view."""
        self._stopped = True
        for box in list(self.popups.values()):
            box.finished.disconnect()
            box.close()
        self.popups.clear()

    def _acknowledge(self, advisory_id: str) -> None:
        self.popups.pop(advisory_id, None)
        store = self.store

        def work(job: Job) -> bool:
            return mark_advisory_read(store, advisory_id)

        def done(_changed: bool) -> None:
            self.refresh()
            self.changed.emit()

        run_in_background(work, on_done=done, owner=self)
