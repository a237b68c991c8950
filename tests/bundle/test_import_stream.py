"""The import writes its one transaction while the bundle streams: a refusal found late (in
the last attachment, after every report row was already written) must roll everything back,
remove the staged files and release the write lock."""

from __future__ import annotations

import json
import time

import pytest

from fieldreport.bundle import revision_parser
from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.importer import import_bundle
from fieldreport.store import reports
from tests.bundle import craft
from tests.bundle.conftest import Pair
from tests.conftest import minimal_report


@pytest.fixture(params=["here", "child process"])
def parsing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Report files parsed in the writing thread (small bundles) or in a child process
    (large ones): the same outcomes either way."""
    if request.param == "child process":
        monkeypatch.setattr(revision_parser, "PROCESS_THRESHOLD", 1)
    return str(request.param)


def _damage_last_chunk(data: bytes) -> bytes:
    damaged = bytearray(data)
    damaged[-20] ^= 0x01  # inside the final STREAM chunk: the last attachment's bytes
    return bytes(damaged)


def test_a_refusal_at_the_end_rolls_back_rows_written_while_streaming(
    pair: Pair, parsing: str
) -> None:
    pair.add_reports(count=30)
    pair.add_reports(count=2, attachment_size=300_000)  # the tar ends with these files
    bundle = pair.export()
    good = bundle.read_bytes()
    bundle.write_bytes(_damage_last_chunk(good))
    before = craft.snapshot(pair.coordinator)

    with pytest.raises(BundleError) as refused:
        import_bundle(pair.coordinator, bundle)

    assert refused.value.reason == "tampered"
    assert craft.snapshot(pair.coordinator) == before  # rows and staged files both gone
    # The write lock went with the rolled-back transaction: a save takes no time at all.
    start = time.perf_counter()
    pair.coordinator.add_report(minimal_report(title="written right after"))
    assert time.perf_counter() - start < 2.0
    # And the intact bundle still imports completely.
    bundle.write_bytes(good)
    result = import_bundle(pair.coordinator, bundle)
    assert (result.status, result.new_revisions, result.attachments) == (
        "imported",
        34,
        2,
    )  # attaching adds a revision
    assert pair.coordinator.count_reports() == 33


def test_an_invalid_revision_is_refused_before_the_attachments_are_staged(
    pair: Pair, parsing: str
) -> None:
    """The writer refuses as soon as it parses a bad report (reports come first in the tar);
    the reader stops there, nothing staged is left behind, the store is unchanged."""
    pair.add_reports(count=3, attachment_size=200_000)
    unpacked = craft.unpack(pair.export(), pair.coordinator.device.identity)
    files = []
    for name, data in unpacked.files:
        if name.startswith("reports/"):
            doc = json.loads(data)
            doc["body"]["severity"] = 9  # out of range (1..5), correctly hashed and signed
            data = craft.revision_bytes(craft.rehash_revision(doc))
        files.append((name, data))
    crafter = craft.Crafter.between(pair.field, pair.coordinator)
    bad = crafter.bundle(pair.tmp / "bad.frb", files)
    before = craft.snapshot(pair.coordinator)

    with pytest.raises(BundleError) as refused:
        import_bundle(pair.coordinator, bad)

    assert refused.value.reason == "invalid-revision"
    assert "severity" in str(refused.value)
    assert craft.snapshot(pair.coordinator) == before


def test_a_large_bundle_is_parsed_in_a_child_process_with_the_same_result(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(revision_parser, "PROCESS_THRESHOLD", 10)
    monkeypatch.setattr(reports, "IMPORT_BATCH", 7)  # several batches in flight, in order
    pair.add_reports(count=40)
    first = pair.add_reports(count=1, attachment_size=70_000)
    pair.field.update_report(first[0], minimal_report(title="Renamed before export"))
    used: list[bool] = []
    real = revision_parser.RevisionParser.__init__

    def spy(self: revision_parser.RevisionParser, device_id: str, revisions: int) -> None:
        real(self, device_id, revisions)
        used.append(not self.in_process)

    monkeypatch.setattr(revision_parser.RevisionParser, "__init__", spy)
    result = import_bundle(pair.coordinator, pair.export())
    assert used == [True]
    assert (result.status, result.new_revisions, result.attachments) == ("imported", 43, 1)
    shown = pair.coordinator.get_report(first[0])
    assert shown["title"] == "Renamed before export"
