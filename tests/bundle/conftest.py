"""Fixtures for bundle tests: a field device and a coordinator that trusts it.

`pair` gives X25519 keys (what Debian's age 1.1 can read); `pq_pair` the default hybrid keys.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldreport.bundle.export import export_bundle
from fieldreport.store.store import Store
from fieldreport.trust.install import trust_request
from tests.conftest import PASSPHRASE, minimal_report


@dataclass
class Pair:
    field: Store
    coordinator: Store
    tmp: Path

    def export(self, name: str = "b.frb") -> Path:
        """Export the field device's outbox to the coordinator; returns the bundle path."""
        out = self.tmp / name
        result = export_bundle(self.field, out, [self.coordinator.device.identity.recipient()])
        assert result.bundle_id is not None
        return out

    def add_reports(self, count: int = 2, attachment_size: int = 0) -> list[str]:
        ids = []
        for i in range(count):
            saved = self.field.add_report(minimal_report(title=f"Report {i}"))
            ids.append(saved.report_id)
            if attachment_size:
                blob = self.tmp / f"photo{i}.jpg"
                blob.write_bytes(os.urandom(attachment_size))
                self.field.attach(saved.report_id, [blob])
        return ids


def _pair(tmp_path: Path, key_type: str) -> Iterator[Pair]:
    field = Store.init(tmp_path / "field", PASSPHRASE, key_type=key_type)
    coordinator = Store.init(
        tmp_path / "coordinator", PASSPHRASE, role="coordinator", key_type=key_type
    )
    trust_request(coordinator, field.enrolment_request())
    trust_request(field, coordinator.enrolment_request())  # for receipts
    yield Pair(field, coordinator, tmp_path)
    field.close()
    coordinator.close()


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    yield from _pair(tmp_path, "x25519")


@pytest.fixture
def pq_pair(tmp_path: Path) -> Iterator[Pair]:
    yield from _pair(tmp_path, "pq")
