"""Export fetches report files twice: once for the manifest's hashes, again while packing."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update

from fieldreport.bundle import export
from fieldreport.bundle.importer import import_bundle
from fieldreport.errors import FieldReportError
from fieldreport.store.tables import OUTBOX, REVISION
from tests.bundle.conftest import Pair


def test_report_files_fetched_again_in_batches_make_a_valid_bundle(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches of 3 over 7 reports with attachments (14 revisions): batch edges fall inside
    # runs of report files and next to attachments (export.interleave spreads them).
    monkeypatch.setattr(export, "BATCH", 3)
    ids = pair.add_reports(7, attachment_size=70_000)
    result = import_bundle(pair.coordinator, pair.export())
    assert result.status == "imported" and result.new_revisions == 14
    assert {d["id"] for d in pair.coordinator.list_reports()} == set(ids)


def test_a_revision_changed_between_the_two_fetches_stops_the_export(pair: Pair) -> None:
    pair.add_reports(3)
    with pair.field.read() as conn:
        sources, revision_ids, _ = export._report_sources(conn, pair.field)
    with pair.field.write() as conn:  # never happens through the program: revisions are final
        conn.execute(
            update(REVISION)
            .where(REVISION.c.id == revision_ids[1])
            .values(body=REVISION.c.body + " ")
        )
    assert b"".join(sources[0].chunks())  # untouched: packs
    with pytest.raises(FieldReportError, match="changed while it was being exported"):
        b"".join(sources[1].chunks())


def test_a_revision_gone_between_the_two_fetches_stops_the_export(pair: Pair) -> None:
    pair.add_reports(2)
    with pair.field.read() as conn:
        sources, revision_ids, _ = export._report_sources(conn, pair.field)
    with pair.field.write() as conn:
        conn.execute(delete(OUTBOX).where(OUTBOX.c.revision_id == revision_ids[0]))
        conn.execute(delete(REVISION).where(REVISION.c.id == revision_ids[0]))
    with pytest.raises(FieldReportError, match=revision_ids[0]):
        b"".join(sources[0].chunks())
