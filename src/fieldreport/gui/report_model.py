"""The report table: a Qt model over the store, fetched page by page in a worker.

A new query (search text, filters) counts the matches and loads the first page off the GUI
thread; scrolling asks for more (`canFetchMore`/`fetchMore`), again off the thread. Results of
an outdated query are dropped (a generation counter), so fast typing never shows stale rows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from fieldreport.domain import load_taxonomy
from fieldreport.gui.i18n import current_language
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store.search import ReportQuery
from fieldreport.store.store import Store

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    loading_changed = Signal(bool)
    count_changed = Signal(int)
    failed = Signal(str)

    COLUMNS = ("date", "severity", "title", "event", "place", "region", "status", "reviewed")
    # Columns the store can sort on (its list index); the others keep the current order.
    SORT_KEYS: ClassVar[dict[str, str]] = {
        "date": "occurred",
        "severity": "severity",
        "event": "event_type",
        "region": "adm1_pcode",
        "status": "status",
    }

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._taxonomy = load_taxonomy()
        self._query = ReportQuery(limit=PAGE)
        self._rows: list[dict[str, Any]] = []
        self._reviewed: dict[str, int] = {}
        self._total = 0
        self._generation = 0
        self._fetching = False
        self.headers: dict[str, str] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.headers = {
            "date": self.tr("Date"),
            "severity": self.tr("Severity"),
            "title": self.tr("Title"),
            "event": self.tr("Event type"),
            "place": self.tr("Place"),
            "region": self.tr("Region"),
            "status": self.tr("Status"),
            "reviewed": self.tr("Reviewed"),
        }
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:  # data labels follow the language too
            last = self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # ----- queries ---------------------------------------------------------------------------
    def set_query(self, query: ReportQuery) -> None:
        """A new search or filter; the current sort order is kept."""
        self._generation += 1
        generation = self._generation
        self._query = replace(
            query,
            limit=PAGE,
            offset=0,
            sort=self._query.sort,
            newest_first=self._query.newest_first,
        )
        first = self._query
        self.loading_changed.emit(True)
        store = self._store

        def work(job: Job) -> tuple[int, list[dict[str, Any]], dict[str, int]]:
            rows = store.list_reports(first)
            marks = store.reviewed_revisions([r["id"] for r in rows])
            return store.count_reports(first), rows, marks

        run_in_background(
            work,
            on_done=lambda result: self._reset(generation, *result),
            on_failed=self._on_failed,
            owner=self,
        )

    def refresh(self) -> None:
        self.set_query(self._query)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS.get(self.COLUMNS[column])
        if key is None:
            return  # not sortable at this size (the view puts the indicator back)
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._query.sort, self._query.newest_first):
            return
        self._query = replace(self._query, sort=key, newest_first=descending)
        self.set_query(self._query)

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The column and direction of the current sort (for the header's indicator)."""
        name = next(c for c, k in self.SORT_KEYS.items() if k == self._query.sort)
        order = (
            Qt.SortOrder.DescendingOrder
            if self._query.newest_first
            else Qt.SortOrder.AscendingOrder
        )
        return self.COLUMNS.index(name), order

    def _reset(
        self, generation: int, total: int, rows: list[dict[str, Any]], marks: dict[str, int]
    ) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows = rows
        self._reviewed = marks
        self._total = total
        self._fetching = False
        self.endResetModel()
        self.loading_changed.emit(False)
        self.count_changed.emit(total)

    def _on_failed(self, message: str) -> None:
        self._fetching = False
        self.loading_changed.emit(False)
        if message:
            self.failed.emit(message)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        page = replace(self._query, offset=len(self._rows))
        store = self._store

        def work(job: Job) -> tuple[list[dict[str, Any]], dict[str, int]]:
            rows = store.list_reports(page)
            return rows, store.reviewed_revisions([r["id"] for r in rows])

        run_in_background(
            work,
            on_done=lambda result: self._append(generation, *result),
            on_failed=self._on_failed,
            owner=self,
        )

    def _append(self, generation: int, rows: list[dict[str, Any]], marks: dict[str, int]) -> None:
        self._fetching = False
        if generation != self._generation or not rows:
            return
        self._reviewed.update(marks)
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # ----- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[self.COLUMNS[section]]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        doc = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return doc["id"]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and column in ("title", "event", "reviewed"):
            role = Qt.ItemDataRole.DisplayRole  # cut text is shown whole on hover
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        # Only the asked column is computed: views call data() once per visible cell.
        if column == "date":
            return doc["occurred_at"][:16].replace("T", " ")
        if column == "severity":
            return str(doc["severity"])
        if column == "title":
            return doc["title"]
        lang = current_language()
        if column == "event":
            event = self._taxonomy.event_label(doc["event_type"], lang)
            sub = self._taxonomy.sub_event_label(doc["event_type"], doc["sub_event_type"], lang)
            return f"{event} / {sub}"
        if column == "place":
            return doc["location"]["name"]
        if column == "region":
            return doc["location"].get("adm1_pcode") or ""
        if column == "reviewed":
            return self.review_label(doc)
        return self.status_label(doc["status"])

    def review_label(self, doc: dict[str, Any]) -> str:
        marked = self._reviewed.get(doc["id"])
        if marked is None:
            return ""
        if marked >= doc["revision"]:
            return self.tr("Reviewed")
        return self.tr("Updated since review")

    def mark_reviewed(self, report_id: str, revision: int) -> None:
        """Show a mark the store just recorded, without reloading the page."""
        self._reviewed[report_id] = revision
        for row, doc in enumerate(self._rows):
            if doc["id"] == report_id:
                cell = self.index(row, self.COLUMNS.index("reviewed"))
                self.dataChanged.emit(cell, cell)

    def status_label(self, status: str) -> str:
        return self._taxonomy.label("status", status, current_language())

    def report_id(self, row: int) -> str:
        return str(self._rows[row]["id"])

    def document(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    @property
    def total(self) -> int:
        return self._total

    def clear(self) -> None:
        """Forget every row (locking: nothing of the data stays in the window)."""
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._reviewed = {}
        self._total = 0
        self.endResetModel()
