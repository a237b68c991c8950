"""Coordinator review: marks and comments per revision; sorting and device filters."""

from __future__ import annotations

from typing import Any

import pytest

from fieldreport.errors import NotFoundError, UsageError
from fieldreport.store.search import ReportQuery
from tests.conftest import minimal_report


def test_mark_reviewed_follows_the_current_revision(store: Any) -> None:
    saved = store.add_report(minimal_report())
    other = store.add_report(minimal_report(title="Another one"))
    entry = store.review_report(saved.report_id, comment="Checked with the Gao office")
    assert entry.reviewed and entry.revision == 1
    assert entry.device_id == store.device.device_id
    assert store.reviewed_revisions([saved.report_id, other.report_id]) == {saved.report_id: 1}
    store.update_report(saved.report_id, minimal_report(severity=4))  # an update from the field
    marks = store.reviewed_revisions([saved.report_id])
    current = store.get_report(saved.report_id)["revision"]
    assert marks[saved.report_id] < current  # to review again


def test_comments_are_kept_in_order(store: Any) -> None:
    saved = store.add_report(minimal_report())
    store.review_report(saved.report_id, comment="First look", reviewed=False)
    store.review_report(saved.report_id[:8], comment="  Confirmed by partner  ")
    history = store.reviews_of(saved.report_id)
    assert [(e.reviewed, e.comment) for e in history] == [
        (False, "First look"),
        (True, "Confirmed by partner"),
    ]
    assert store.reviewed_revisions([saved.report_id]) == {saved.report_id: 1}


def test_bad_reviews_are_refused(store: Any) -> None:
    saved = store.add_report(minimal_report())
    with pytest.raises(UsageError, match="empty"):
        store.review_report(saved.report_id, comment="  ", reviewed=False)
    with pytest.raises(UsageError, match="at most"):
        store.review_report(saved.report_id, comment="x" * 5001)
    with pytest.raises(NotFoundError):
        store.review_report("0" * 36)
    assert store.reviews_of(saved.report_id) == []


def test_sorting_by_an_indexed_column(store: Any) -> None:
    for severity in (2, 5, 1, 4):
        store.add_report(minimal_report(severity=severity, title=f"severity {severity}"))
    down = store.list_reports(ReportQuery(sort="severity"))
    assert [d["severity"] for d in down] == [5, 4, 2, 1]
    up = store.list_reports(ReportQuery(sort="severity", newest_first=False, limit=2))
    assert [d["severity"] for d in up] == [1, 2]
    with pytest.raises(UsageError):
        store.list_reports(ReportQuery(sort="title; DROP TABLE report"))


def test_devices_are_listed_for_the_filter(store: Any) -> None:
    store.add_report(minimal_report())
    devices = store.report_devices()
    assert devices == [{"device_id": store.device.device_id, "name": store.device.name}]
    only = store.count_reports(ReportQuery(device_id=store.device.device_id))
    assert only == 1
    assert store.count_reports(ReportQuery(device_id="someone-else")) == 0
