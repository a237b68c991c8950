"""The export run by a child process (what the window uses): same bundle, same outbox
records, progress, a clean stop when cancelled, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldreport.bundle.export_process import export_in_child
from fieldreport.bundle.importer import import_bundle
from fieldreport.errors import FieldReportError
from fieldreport.store import settings
from fieldreport.store.tables import OUTBOX
from tests.bundle.conftest import Pair


class _Stop(Exception):
    pass


def _states(pair: Pair) -> list[str]:
    with pair.field.read() as conn:
        return sorted(row.state for row in conn.execute(OUTBOX.select()))


def test_the_child_writes_a_bundle_the_coordinator_imports(pair: Pair) -> None:
    pair.add_reports(3, attachment_size=300_000)
    seen: list[tuple[int, int]] = []
    out = pair.tmp / "child.frb"
    result = export_in_child(
        pair.field,
        out,
        [pair.coordinator.device.identity.recipient()],
        progress=lambda done, total: seen.append((done, total)),
    )
    assert result.bundle_id is not None and result.path == out
    assert result.revisions == 6 and result.attachments == 3 and result.size == out.stat().st_size
    assert seen and seen[-1][0] == seen[-1][1] > 900_000  # the last step: everything packed
    assert _states(pair) == ["bundled"] * 6  # recorded by the child, seen by this process
    with pair.field.read() as conn:
        assert settings.get(conn, settings.BUNDLE_LAST_SHA256) == result.sha256
    imported = import_bundle(pair.coordinator, out)
    assert imported.status == "imported" and imported.new_revisions == 6


def test_cancelling_stops_the_child_and_leaves_no_trace(pair: Pair) -> None:
    pair.add_reports(6, attachment_size=4_000_000)  # packing outlasts the stop by far

    def cancel(done: int, total: int) -> None:
        raise _Stop()

    with pytest.raises(_Stop):
        export_in_child(
            pair.field,
            pair.tmp / "out" / "cancelled.frb",
            [pair.coordinator.device.identity.recipient()],
            progress=cancel,
        )
    assert list((pair.tmp / "out").iterdir()) == []  # no bundle, no temporary file
    assert _states(pair) == ["pending"] * 12
    with pair.field.read() as conn:
        assert settings.get(conn, settings.BUNDLE_SEQUENCE) is None


@pytest.fixture(autouse=True)
def _out_folder(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()


def test_a_folder_that_does_not_exist_is_a_one_line_error(pair: Pair) -> None:
    pair.add_reports(1)
    with pytest.raises(FieldReportError) as caught:
        export_in_child(
            pair.field,
            pair.tmp / "missing" / "b.frb",
            [pair.coordinator.device.identity.recipient()],
        )
    message = str(caught.value)
    assert "missing/b.frb" in message and "No such file" in message and "\n" not in message
    assert _states(pair) == ["pending"]
