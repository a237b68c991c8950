"""The report list window: a read-only table over the store."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QMainWindow, QTableWidget, QTableWidgetItem

from fieldreport.store.store import Store

COLUMNS = ("Date", "Severity", "Title", "Event type", "Place", "Region", "Status")


class ReportListWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.setWindowTitle(f"FieldReport — {store.device.name}")
        self.resize(1100, 600)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName("Reports")
        self.table.setSortingEnabled(True)
        self.setCentralWidget(self.table)
        self.reload(store)

    def reload(self, store: Store) -> None:
        docs = store.list_reports()
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(docs))
        for row, doc in enumerate(docs):
            cells = (
                doc["occurred_at"][:16].replace("T", " "),
                str(doc["severity"]),
                doc["title"],
                f"{doc['event_type']} / {doc['sub_event_type']}",
                doc["location"]["name"],
                doc["location"].get("adm1_pcode") or "",
                doc["status"],
            )
            for col, value in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in (COLUMNS.index("Event type"), COLUMNS.index("Place")):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
        header.setSectionResizeMode(COLUMNS.index("Title"), QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        self.statusBar().showMessage(f"{len(docs)} reports")
