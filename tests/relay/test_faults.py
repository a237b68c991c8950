"""Faults the relay and the sync engine must survive (security.md: "the link dropped for
the tenth time"): the server killed mid-upload, a link cut every few seconds, a chunk
damaged in transit, a revoked device, a device over its rate limit. Real processes."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from fieldreport.hq.server import db
from fieldreport.hq.server.schema import bundle, upload
from fieldreport.store.tables import BUNDLE
from fieldreport.sync.chunking import MIN_CHUNK, AdaptiveChunker
from fieldreport.sync.client import RelayRefused
from fieldreport.sync.engine import SyncEngine, SyncResult
from fieldreport.sync.outbox import items
from tests.relay.badlink import BadLink
from tests.relay.conftest import Org, RelayServer, add_reports, make_org, run_hq


@pytest.fixture
def sqlite_relay(hq_dir: Path) -> Iterator[RelayServer]:
    server = RelayServer(hq_dir, None).start()
    yield server
    server.stop()


@pytest.fixture
def org(tmp_path: Path, hq_dir: Path, sqlite_relay: RelayServer) -> Iterator[Org]:
    made = make_org(tmp_path, hq_dir, None, sqlite_relay.url)
    yield made
    made.close()


def _relay_bundles(hq_dir: Path, db_url: str | None = None) -> list[str]:
    engine = db.make_engine(db_url or db.default_url(hq_dir))
    try:
        with engine.connect() as conn:
            return [r.sha256 for r in conn.execute(select(bundle.c.sha256))]
    finally:
        engine.dispose()


def _sent_sha(org: Org) -> str:
    with org.field.store.read() as conn:
        return str(conn.execute(select(BUNDLE.c.sha256)).scalar_one())


def _deliver(org: Org, url: str, passes: int = 30) -> SyncResult:
    """Coordinator passes until the bundle is imported (a cut link needs several)."""
    engine = SyncEngine(org.coordinator.store, url)
    try:
        for _ in range(passes):
            result = engine.run_once()
            if result.imported:
                return result
        raise AssertionError(f"not delivered after {passes} passes: {result.errors}")
    finally:
        engine.close()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_server_killed_and_restarted_during_an_upload(
    tmp_path: Path, hq_dir: Path, db_url: str | None
) -> None:
    relay = RelayServer(hq_dir, db_url).start()
    org = make_org(tmp_path, hq_dir, db_url, relay.url)
    try:
        add_reports(org.field.store, tmp_path, 20, attachment_bytes=3_000_000)
        # Tiny chunks: the upload takes hundreds of requests, so the kill lands mid-way.
        chunker = AdaptiveChunker(target_seconds=0.0001, size=MIN_CHUNK)
        engine = SyncEngine(org.field.store, relay.url, chunker=chunker)
        results: list[SyncResult] = []
        worker = threading.Thread(target=lambda: results.append(engine.run_once()))
        worker.start()
        uploads = hq_dir / "blobs" / "uploads"
        deadline = time.monotonic() + 60
        while not any(p.stat().st_size > 300_000 for p in uploads.glob("*.part")):
            assert time.monotonic() < deadline, "the upload never started"
            time.sleep(0.02)
        relay.kill()
        time.sleep(1.0)
        relay.start()
        worker.join(180)
        engine.close()
        result = results[0]
        assert result.bundles_uploaded == 1 and result.upload.failures >= 1, result.errors
        assert _relay_bundles(hq_dir, db_url) == [_sent_sha(org)]
        assert _deliver(org, relay.url).imported == 1
    finally:
        relay.stop()
        org.close()


def test_a_link_cut_every_few_seconds(tmp_path: Path, org: Org, sqlite_relay: RelayServer) -> None:
    add_reports(org.field.store, tmp_path, 10, attachment_bytes=1_500_000)
    link = BadLink(sqlite_relay.port, rate_bytes_per_s=400_000, cut_every=2.0).start()
    try:
        engine = SyncEngine(org.field.store, link.url, chunker=AdaptiveChunker(target_seconds=0.5))
        result = SyncResult()
        for _ in range(10):  # a pass gives up after repeated cuts without progress
            result = engine.run_once()
            if result.bundles_uploaded:
                break
        engine.close()
        assert result.bundles_uploaded == 1, result.errors
        assert link.stats.cuts >= 2
        delivered = _deliver(org, link.url)  # the download resumes across cuts too
        assert delivered.imported == 1
    finally:
        link.stop()
    assert _relay_bundles(sqlite_relay.hq_dir) == [_sent_sha(org)]


def test_a_chunk_damaged_in_transit_is_sent_again(
    tmp_path: Path, org: Org, sqlite_relay: RelayServer
) -> None:
    add_reports(org.field.store, tmp_path, 5, attachment_bytes=1_000_000)
    link = BadLink(sqlite_relay.port, corrupt_at=400_000).start()
    try:
        engine = SyncEngine(org.field.store, link.url, chunker=AdaptiveChunker(size=64 * 1024))
        result = engine.run_once()
        engine.close()
    finally:
        link.stop()
    assert link.stats.corrupted == 1
    assert result.bundles_uploaded == 1 and result.upload.failures >= 1, result.errors
    sha = _sent_sha(org)
    assert _relay_bundles(sqlite_relay.hq_dir) == [sha]
    assert _deliver(org, sqlite_relay.url).imported == 1  # the stored bytes are intact


def test_a_revoked_device_is_refused_and_says_so(
    tmp_path: Path, org: Org, sqlite_relay: RelayServer, hq_dir: Path
) -> None:
    add_reports(org.field.store, tmp_path, 2)
    revoked = run_hq(hq_dir, "revoke", org.field.device_id)
    assert revoked.returncode == 0, revoked.stderr
    engine = SyncEngine(org.field.store, sqlite_relay.url)
    result = engine.run_once()
    engine.close()
    assert result.bundles_uploaded == 0
    assert any("revoked" in e for e in result.errors)
    waiting = items(org.field.store)
    assert len(waiting) == 2
    for item in waiting:  # never silently stuck: the state, the reason, the next attempt
        assert item["state"] == "bundled" and item["attempts"] == 1
        assert "revoked" in item["last_error"] and item["next_attempt_at"]
    assert _relay_bundles(hq_dir) == []


def test_the_rate_limit_refuses_a_flood(tmp_path: Path, hq_dir: Path) -> None:
    relay = RelayServer(hq_dir, None, workers=1, rate_limit="5").start()
    org = make_org(tmp_path, hq_dir, None, relay.url)
    try:
        with org.field.client(relay) as client:
            for _ in range(5):
                assert client.receipts(0) == []
            with pytest.raises(RelayRefused) as caught:
                client.receipts(0)
            assert (caught.value.status, caught.value.reason) == (429, "rate-limit")
    finally:
        relay.stop()
        org.close()


def test_a_bundle_damaged_on_the_relay_is_not_imported(
    tmp_path: Path, org: Org, sqlite_relay: RelayServer, hq_dir: Path
) -> None:
    add_reports(org.field.store, tmp_path, 2)
    engine = SyncEngine(org.field.store, sqlite_relay.url)
    assert engine.run_once().bundles_uploaded == 1
    engine.close()
    sha = _sent_sha(org)
    blob = hq_dir / "blobs" / "bundles" / sha[:2] / sha
    damaged = bytearray(blob.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF  # a disk error, or a hacked relay
    blob.write_bytes(bytes(damaged))
    coordinator = SyncEngine(org.coordinator.store, sqlite_relay.url)
    result = coordinator.run_once()  # must end: the item is tried once per pass
    coordinator.close()
    assert result.imported == 0
    assert any("does not match its hash" in e for e in result.errors)
    assert org.coordinator.store.list_reports() == []


def test_small_bundles_go_in_one_request_large_ones_in_chunks(
    tmp_path: Path, org: Org, sqlite_relay: RelayServer
) -> None:
    """A bundle that fits in one chunk is one PUT (no resumable upload is opened); a larger
    one goes through the resumable upload. Both arrive whole."""
    relay_db = db.make_engine(db.default_url(sqlite_relay.hq_dir))
    try:
        add_reports(org.field.store, tmp_path, 3)
        small = _one_pass(org, sqlite_relay.url)
        assert small.bundles_uploaded == 1 and small.upload.chunks == 1, small.errors
        with relay_db.connect() as conn:
            assert conn.execute(select(upload.c.id)).all() == []
        add_reports(org.field.store, tmp_path, 2, attachment_bytes=300_000)
        large = _one_pass(org, sqlite_relay.url)
        assert large.bundles_uploaded == 1 and large.upload.chunks > 1, large.errors
        with relay_db.connect() as conn:
            assert [r.state for r in conn.execute(select(upload.c.state))] == ["stored"]
    finally:
        relay_db.dispose()
    assert len(_relay_bundles(sqlite_relay.hq_dir)) == 2
    assert _deliver(org, sqlite_relay.url).imported == 2


def _one_pass(org: Org, url: str) -> SyncResult:
    engine = SyncEngine(org.field.store, url)
    try:
        return engine.run_once()
    finally:
        engine.close()
