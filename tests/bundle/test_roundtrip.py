"""Field → bundle → coordinator → receipt → field, through the core API."""

from __future__ import annotations

import io
from typing import Any

import pytest

from fieldreport.bundle import receipts
from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.export import export_bundle
from fieldreport.bundle.importer import import_bundle
from fieldreport.bundle.receipts import apply_receipt
from fieldreport.store import doctor
from fieldreport.store.search import ReportQuery
from tests.bundle.conftest import Pair
from tests.conftest import minimal_report


@pytest.mark.parametrize("which", ["pair", "pq_pair"])
def test_round_trip_with_attachments(which: str, request: pytest.FixtureRequest) -> None:
    p: Pair = request.getfixturevalue(which)
    ids = p.add_reports(3, attachment_size=200_000)
    bundle = p.export()
    result = import_bundle(p.coordinator, bundle)
    assert result.status == "imported"
    assert result.new_revisions == 6 and result.attachments == 3  # add + attach each
    assert result.missing_before == 0
    got = {d["id"]: d for d in p.coordinator.list_reports()}
    assert set(got) == set(ids)
    for report_id in ids:
        shown = p.coordinator.get_report(report_id)
        original = p.field.get_report(report_id)
        assert shown["title"] == original["title"] and shown["revision"] == 2
        assert shown["status"] == "received"
        [att] = shown["attachments"]
        mine, theirs = io.BytesIO(), io.BytesIO()
        p.field.extract_attachment(att["id"], mine)
        p.coordinator.extract_attachment(att["id"], theirs)
        assert mine.getvalue() == theirs.getvalue() and len(mine.getvalue()) == 200_000
    assert p.coordinator.count_reports(ReportQuery(text="report")) == 3
    assert doctor.run(p.coordinator).ok

    # The receipt goes back and moves the field device's reports to "received".
    assert {d["status"] for d in p.field.list_reports()} == {"sent"}
    applied = apply_receipt(p.field, result.receipt)
    assert applied.marked == 6
    assert {d["status"] for d in p.field.list_reports()} == {"received"}
    nothing = export_bundle(
        p.field, p.tmp / "empty.frb", [p.coordinator.device.identity.recipient()]
    )
    assert nothing.bundle_id is None and not (p.tmp / "empty.frb").exists()


def test_replay_is_a_no_op_that_still_gives_a_receipt(pair: Pair) -> None:
    pair.add_reports(2)
    bundle = pair.export()
    first = import_bundle(pair.coordinator, bundle)
    revisions_before = pair.coordinator.get_report(pair.coordinator.list_reports()[0]["id"])
    second = import_bundle(pair.coordinator, bundle)
    assert second.status == "duplicate" and second.new_revisions == 0
    assert second.receipt["bundle_id"] == first.receipt["bundle_id"]
    assert second.receipt["duplicate"] is True
    assert pair.coordinator.get_report(revisions_before["id"]) == revisions_before
    assert pair.coordinator.count_reports() == 2


def test_unacknowledged_revisions_are_sent_again_and_deduplicated(pair: Pair) -> None:
    pair.add_reports(1)
    first = import_bundle(pair.coordinator, pair.export("1.frb"))
    # No receipt came back: the next export repeats revision 1 and adds the new one.
    pair.add_reports(1)
    second = import_bundle(pair.coordinator, pair.export("2.frb"))
    assert first.new_revisions == 1
    assert second.new_revisions == 1 and second.known_revisions == 1
    assert second.sequence == 2 and second.missing_before == 0


def test_a_receipt_marks_received_only_reports_with_nothing_left_to_send(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(receipts, "BATCH", 2)  # the receipt's 5 revisions span 3 batches
    ids = pair.add_reports(5)
    result = import_bundle(pair.coordinator, pair.export("1.frb"))
    # Edited after the export: its second revision is not in the bundle the receipt covers.
    pair.field.update_report(ids[2], minimal_report(title="Corrected", severity=4))
    applied = apply_receipt(pair.field, result.receipt)
    assert applied.marked == 5 and applied.already == 0
    status = {d["id"]: d["status"] for d in pair.field.list_reports()}
    assert status.pop(ids[2]) != "received"
    assert set(status.values()) == {"received"} and len(status) == 4
    again = apply_receipt(pair.field, result.receipt)
    assert again.marked == 0 and again.already == 5


def test_an_older_revision_after_a_newer_one_keeps_the_newer(pair: Pair) -> None:
    [report_id] = pair.add_reports(1)
    old_bundle = pair.export("old.frb")
    pair.field.update_report(report_id, minimal_report(title="Corrected title", severity=5))
    new_bundle = pair.export("new.frb")
    import_bundle(pair.coordinator, new_bundle)
    late = import_bundle(pair.coordinator, old_bundle)  # arrives late (rollback attempt)
    shown = pair.coordinator.get_report(report_id)
    assert shown["title"] == "Corrected title" and shown["revision"] == 2
    assert [r["number"] for r in shown["revisions"]] == [1, 2]
    assert late.status == "imported" and late.new_revisions == 0


def test_search_finds_imported_reports_as_they_are_now(pair: Pair) -> None:
    """A report new here is indexed; a later revision replaces its index row, not adds one."""
    [first, second] = pair.add_reports(2)
    pair.field.update_report(first, minimal_report(title="Checkpoint near Ansongo"))
    import_bundle(pair.coordinator, pair.export("1.frb"))
    assert pair.coordinator.count_reports(ReportQuery(text="Ansongo")) == 1
    assert pair.coordinator.count_reports(ReportQuery(text="report")) == 1  # "Report 1"
    pair.field.update_report(first, minimal_report(title="Checkpoint near Menaka"))
    pair.field.update_report(second, minimal_report(title="Convoy stopped near Menaka"))
    import_bundle(pair.coordinator, pair.export("2.frb"))
    assert pair.coordinator.count_reports(ReportQuery(text="Ansongo")) == 0
    found = pair.coordinator.list_reports(ReportQuery(text="Menaka"))
    assert sorted(d["id"] for d in found) == sorted([first, second])
    assert pair.coordinator.count_reports(ReportQuery(text="report")) == 0


def test_history_only_when_the_old_revision_is_new_here(pair: Pair) -> None:
    [report_id] = pair.add_reports(1)
    pair.field.update_report(report_id, minimal_report(title="v2"))
    both = pair.export("both.frb")
    # Simulate arrival order: the coordinator first learns v2 only through a fresh device
    # export containing both; the importer must still end on v2.
    result = import_bundle(pair.coordinator, both)
    assert pair.coordinator.get_report(report_id)["title"] == "v2"
    assert result.history_only == 0


def test_sequence_gap_is_reported(pair: Pair) -> None:
    pair.add_reports(1)
    pair.export("1.frb")  # lost on the way
    pair.add_reports(1)
    pair.export("2.frb")  # lost too
    pair.add_reports(1)
    third = import_bundle(pair.coordinator, pair.export("3.frb"))
    assert third.sequence == 3 and third.missing_before == 2
    late = import_bundle(pair.coordinator, pair.tmp / "1.frb")
    assert late.missing_before == 0


def test_bundle_for_other_recipients_is_refused(pair: Pair, tmp_path: Any) -> None:
    from fieldreport.crypto import age

    pair.add_reports(1)
    stranger = age.X25519Identity.generate()
    out = tmp_path / "other.frb"
    export_bundle(pair.field, out, [stranger.recipient()])
    with pytest.raises(BundleError, match="not addressed to this identity") as info:
        import_bundle(pair.coordinator, out)
    assert info.value.reason == "not-addressed"
    assert pair.coordinator.count_reports() == 0


def test_unknown_and_revoked_devices_are_refused(pair: Pair, tmp_path: Any) -> None:
    from fieldreport.store.store import Store
    from fieldreport.trust.install import revoke_device
    from tests.conftest import PASSPHRASE

    stranger = Store.init(tmp_path / "stranger", PASSPHRASE, key_type="x25519")
    stranger.add_report(minimal_report())
    out = tmp_path / "stranger.frb"
    export_bundle(stranger, out, [pair.coordinator.device.identity.recipient()])
    with pytest.raises(BundleError, match="unknown device") as info:
        import_bundle(pair.coordinator, out)
    assert info.value.reason == "unknown-device"
    stranger.close()

    pair.add_reports(1)
    bundle = pair.export()
    revoke_device(pair.coordinator, pair.field.device.device_id)
    with pytest.raises(BundleError, match="revoked device") as info:
        import_bundle(pair.coordinator, bundle)
    assert info.value.reason == "revoked-device"
    assert pair.coordinator.count_reports() == 0
    assert (
        not any(pair.coordinator.layout.attachments.glob("*"))
        if pair.coordinator.layout.attachments.exists()
        else True
    )
