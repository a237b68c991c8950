"""A filter shared by the views that show reports (list, map, charts): one ReportQuery.

The main window makes one and hands it to each view; a view that changes it (the map's
event type box) makes the others follow through `changed`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from fieldreport.store.search import ReportQuery


class ReportFilter(QObject):
    changed = Signal()

    def __init__(self, query: ReportQuery | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = replace(query or ReportQuery(), limit=None, offset=0)

    def query(self) -> ReportQuery:
        return self._query

    def set_query(self, query: ReportQuery) -> None:
        query = replace(query, limit=None, offset=0)
        if query != self._query:
            self._query = query
            self.changed.emit()

    def update(self, **changes: Any) -> None:
        """Change some fields (`event_type=None` clears one)."""
        self.set_query(replace(self._query, **changes))
