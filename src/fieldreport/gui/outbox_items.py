"""The outbox, item by item, for the Outbox & sync tab: every item shows its state, how many
attempts were made, the last error and when the next attempt is — never silently stuck."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from fieldreport.gui.sync_status import local_time
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store.store import Store
from fieldreport.sync import status as sync_status

COLUMNS = ("report", "state", "attempts", "last_error", "next_attempt")


SHOWN_ROWS = 200  # the newest; the Outbox tab's summary line counts them all


class OutboxItemsTable(QTableWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.store = store
        self.rows: list[dict[str, Any]] = []
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.retranslate()
        self.refresh()

    def state_label(self, state: str) -> str:
        return {
            "pending": self.tr("Waiting"),
            "bundled": self.tr("Ready to upload"),
            "sent": self.tr("On the relay, awaiting receipt"),
            "received": self.tr("Received"),
        }.get(state, state)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [
                self.tr("Report"),
                self.tr("State"),
                self.tr("Attempts"),
                self.tr("Last error"),
                self.tr("Next attempt"),
            ]
        )
        self.setAccessibleName(self.tr("Outbox items"))
        self._show(self.rows)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Reload off the GUI thread (connect SyncController.finished and saves to this)."""
        store = self.store

        def work(job: Job) -> list[dict[str, Any]]:
            return sync_status.outbox_rows(store, limit=SHOWN_ROWS)

        run_in_background(work, on_done=self._show, owner=self)

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.setRowCount(len(rows))
        for row, item in enumerate(rows):
            title = item["title"] or item["report_id"]
            waiting = item["state"] in sync_status.WAITING
            cells = (
                self.tr("%1 (revision %2)")
                .replace("%1", str(title))
                .replace("%2", str(item["number"])),
                self.state_label(item["state"]),
                str(item["attempts"]),
                item["last_error"] or "",
                (local_time(item["next_attempt_at"]) or self.tr("Next sync")) if waiting else "",
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.setItem(row, column, cell)
