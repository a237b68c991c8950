"""The bundle writer has the kernel write the file back as it goes, not all at the end."""

from __future__ import annotations

import pytest

from fieldreport import fsutil
from fieldreport.bundle import writer
from fieldreport.bundle.importer import import_bundle
from tests.bundle.conftest import Pair


def test_write_back_is_started_over_the_whole_file_in_order(
    pair: Pair, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranges: list[tuple[int, int]] = []

    def recording(fd: int, offset: int, length: int) -> None:
        ranges.append((offset, length))
        fsutil.start_writeback(fd, offset, length)  # the real call, on the real file

    monkeypatch.setattr(writer._HashingFile, "FLUSH_EVERY", 100_000)
    monkeypatch.setattr(writer, "start_writeback", recording)
    pair.add_reports(3, attachment_size=150_000)
    bundle = pair.export()
    size = bundle.stat().st_size
    assert len(ranges) >= 3
    # Contiguous from the start, each at least FLUSH_EVERY, none past what was written.
    ends = 0
    for offset, length in ranges:
        assert offset == ends and length >= 100_000
        ends += length
    assert size - 100_000 < ends <= size
    assert import_bundle(pair.coordinator, bundle).status == "imported"
