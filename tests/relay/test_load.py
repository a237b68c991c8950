"""Load: 50 devices × 20 bundles at once through 2 workers; every bundle stored once and
delivered exactly once to the coordinator, no error (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fieldreport.hq.server import db
from tests.relay.conftest import RelayServer
from tests.relay.load import enroll_devices, pull_all, upload_all

DEVICES = int(os.environ.get("FIELDREPORT_LOAD_DEVICES", "50"))
BUNDLES = int(os.environ.get("FIELDREPORT_LOAD_BUNDLES", "20"))


@pytest.mark.slow
def test_fifty_devices_twenty_bundles_each(
    relay: RelayServer, db_url: str | None, tmp_path: Path
) -> None:
    url = db_url or db.default_url(relay.hq_dir)
    devices = enroll_devices(url, DEVICES)
    (coordinator,) = enroll_devices(url, 1, role="coordinator")
    result = upload_all(relay.url, devices, BUNDLES, size=4096, folder=tmp_path)
    print(f"{DEVICES * BUNDLES} bundles in {result.seconds:.1f} s")
    assert result.errors == []
    assert len(result.stored) == DEVICES * BUNDLES
    assert set(result.stored.values()) == {1}
    delivered = pull_all(relay.url, coordinator)
    assert delivered == dict.fromkeys(result.stored, 1)  # each one, exactly once
    assert pull_all(relay.url, coordinator) == {}  # nothing comes twice
