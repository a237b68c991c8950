"""Saving, revising, listing and searching reports; the audit chain; the outbox."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text, update

from fieldreport.domain import ReportValidationError
from fieldreport.errors import NotFoundError
from fieldreport.store import doctor
from fieldreport.store.search import ReportQuery
from fieldreport.store.tables import OUTBOX, REVISION
from tests.conftest import minimal_report


def test_add_report_writes_revision_outbox_and_index(store: Any) -> None:
    saved = store.add_report(minimal_report())
    assert saved.revision == 1
    docs = store.list_reports()
    assert [d["id"] for d in docs] == [saved.report_id]
    doc = docs[0]
    assert doc["status"] == "final" and doc["revision"] == 1
    assert doc["location"]["adm1_pcode"] == "ML06"
    assert doc["reported_at"].endswith("+00:00")
    with store.read() as conn:
        outbox = conn.execute(select(OUTBOX)).all()
    assert [(o.revision_id, o.state) for o in outbox] == [(saved.revision_id, "pending")]
    assert store.list_reports(ReportQuery(text="phones"))[0]["id"] == saved.report_id


def test_invalid_report_leaves_nothing(store: Any) -> None:
    with pytest.raises(ReportValidationError):
        store.add_report(minimal_report(severity=9))
    assert store.count_reports() == 0
    with store.read() as conn:
        assert conn.execute(select(REVISION)).all() == []


def test_update_makes_a_new_revision_and_keeps_history(store: Any) -> None:
    first = store.add_report(minimal_report())
    second = store.update_report(first.report_id, minimal_report(severity=5))
    assert second.revision == 2
    shown = store.get_report(first.report_id)
    assert shown["severity"] == 5 and shown["revision"] == 2
    assert [r["number"] for r in shown["revisions"]] == [1, 2]
    assert all(r["outbox"] == "pending" for r in shown["revisions"])


def test_id_prefix_resolves_and_unknown_id_is_refused(store: Any) -> None:
    saved = store.add_report(minimal_report())
    assert store.get_report(saved.report_id[:13])["id"] == saved.report_id
    with pytest.raises(NotFoundError, match="no report with id"):
        store.get_report("00000000-0000-7000-8000-000000000000")


def test_search_ignores_accents_and_survives_fts_syntax(store: Any) -> None:
    store.add_report(minimal_report(title="Barrage près de Ségou", location={"name": "Ségou"}))
    store.add_report(minimal_report(title="Fuel queue in Gao", location={"name": "Gao"}))
    assert len(store.list_reports(ReportQuery(text="segou"))) == 1
    assert len(store.list_reports(ReportQuery(text="SÉG"))) == 1
    for nasty in [
        '"',
        "NEAR(",
        "a OR",
        "*",
        "title:x",
        "'); DROP TABLE report;--",
        "foo_bar",
        "e\u0301te\u0301",
        "\u00a0",
        "x" * 5000,
    ]:
        store.list_reports(ReportQuery(text=nasty))  # must not raise
    assert store.count_reports(ReportQuery(text="queue gao")) == 1


def test_filters(store: Any) -> None:
    store.add_report(minimal_report(severity=1, occurred_at="2026-10-01T08:00:00+00:00"))
    store.add_report(
        minimal_report(
            severity=5,
            event_type="Battles",
            sub_event_type="Armed clash",
            location={"name": "Gao", "adm1_pcode": "ML07"},
        )
    )
    assert store.count_reports(ReportQuery(severity_min=4)) == 1
    assert store.count_reports(ReportQuery(event_type="Battles")) == 1
    assert store.count_reports(ReportQuery(adm1_pcode="ML06")) == 1
    assert store.count_reports(ReportQuery(since="2026-11-01T00:00:00+00:00")) == 1
    assert store.count_reports(ReportQuery(device_id=store.device.device_id)) == 2


def test_doctor_passes_on_a_healthy_store(store: Any) -> None:
    for i in range(5):
        store.add_report(minimal_report(title=f"report {i}"))
    result = doctor.run(store)
    assert result.ok, result.problems
    assert result.counts["reports"] == 5


def test_doctor_detects_an_edited_revision(store: Any) -> None:
    a = store.add_report(minimal_report())
    store.add_report(minimal_report(title="second"))
    with store.write() as conn:
        body = json.loads(
            conn.execute(select(REVISION.c.body).where(REVISION.c.id == a.revision_id)).scalar_one()
        )
        body["severity"] = 1
        conn.execute(
            update(REVISION).where(REVISION.c.id == a.revision_id).values(body=json.dumps(body))
        )
    result = doctor.run(store)
    assert not result.ok
    assert any("content does not match its hash" in p for p in result.problems)


def test_doctor_detects_a_deleted_revision(store: Any) -> None:
    for i in range(3):
        store.add_report(minimal_report(title=f"r{i}"))
    with store.write() as conn:
        conn.execute(text("DELETE FROM outbox WHERE id = 2"))
        conn.execute(text("DELETE FROM revision WHERE seq = 2"))
    result = doctor.run(store)
    assert any("link to the previous revision is broken" in p for p in result.problems)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.text(max_size=60))
def test_any_search_text_is_safe(store: Any, words: str) -> None:
    """Whatever is typed in the search box, the query runs (and finds nothing odd)."""
    assert store.count_reports(ReportQuery(text=words)) >= 0
    store.list_reports(ReportQuery(text=words, severity_min=2, limit=5))


@settings(max_examples=300, deadline=None)
@given(
    body=st.dictionaries(
        st.text(max_size=8),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=5), inner, max_size=3)
            ),
            max_leaves=10,
        ),
        max_size=6,
    ),
    report_id=st.text(max_size=40),
    device_id=st.text(max_size=40),
    created=st.text(max_size=30),
    number=st.integers(min_value=1, max_value=10**9),
)
def test_fast_content_hash_equals_canonical_json(
    body: dict[str, Any], report_id: str, device_id: str, created: str, number: int
) -> None:
    """The assembled document hashes exactly like canonical_json of the whole document."""
    import hashlib

    from fieldreport.store.chain import canonical_json, content_hash

    doc = {
        "format": "fieldreport-revision/1",
        "report_id": report_id,
        "number": number,
        "device_id": device_id,
        "created_at": created,
        "body": body,
    }
    expected = hashlib.sha256(canonical_json(doc).encode()).hexdigest()
    assert content_hash(report_id, number, device_id, created, canonical_json(body)) == expected
