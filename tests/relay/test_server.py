"""The relay's HTTP API against real `fieldreport-hq serve` processes (2 workers), on SQLite
and on PostgreSQL: uploads, deduplication, mailboxes, downloads, receipts, advisories, and
every authentication refusal (docs/relay-protocol.md)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from fieldreport.crypto.minisign import PublicKey
from fieldreport.crypto.signed_json import sign_document
from fieldreport.sync import auth
from fieldreport.sync.client import RelayRefused
from fieldreport.trust.advisories import verify_advisory
from tests.relay.conftest import Device, RelayServer, enroll, make_device, run_hq


@dataclass
class World:
    relay: RelayServer
    db_url: str | None
    hq_dir: Path
    field: Device
    field2: Device
    coordinator: Device


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    tmp = tmp_path_factory.mktemp("relay")
    db_url = None
    if request.param == "postgresql":
        db_url = request.getfixturevalue("pg_cluster").create_database(
            f"api_{os.getpid()}_{int(time.time() * 1000) % 10**8}"
        )
    hq_dir = tmp / "hq"
    assert run_hq(hq_dir, "init").returncode == 0
    devices = [
        make_device(tmp, "field"),
        make_device(tmp, "field2"),
        make_device(tmp, "coord", "coordinator"),
    ]
    for device in devices:
        enroll(hq_dir, device, db_url)
    relay = RelayServer(hq_dir, db_url).start()
    yield World(relay, db_url, hq_dir, *devices)
    relay.stop()
    for device in devices:
        device.store.close()


def _blob(size: int = 300_000) -> tuple[bytes, str]:
    data = os.urandom(size)
    return data, hashlib.sha256(data).hexdigest()


def _upload(world: World, device: Device, data: bytes, sequence: int) -> dict[str, object]:
    with device.client(world.relay) as client:
        sha = hashlib.sha256(data).hexdigest()
        doc = client.create_upload(sha, len(data), device.device_id, sequence)
        offset = int(doc["offset"])  # type: ignore[arg-type]
        while doc["state"] == "open":
            doc = client.append(str(doc["upload_id"]), offset, data[offset : offset + 100_000])
            offset = int(doc["offset"])  # type: ignore[arg-type]
        return doc


def _seq() -> int:
    return int(time.time() * 1000) % 10**9


def test_upload_deduplicate_queue_download_ack(world: World, tmp_path: Path) -> None:
    data, sha = _blob()
    stored = _upload(world, world.field, data, _seq())
    assert stored["state"] == "stored" and stored["sha256"] == sha
    # The same bundle again (a coordinator forwarding it from a USB stick): nothing to send.
    with world.coordinator.client(world.relay) as coord:
        again = coord.create_upload(sha, len(data), world.field.device_id, 7)
        assert again["state"] == "stored" and again["upload_id"] is None
        items = [i for i in coord.mailbox() if i["sha256"] == sha]
        assert len(items) == 1 and items[0]["size"] == len(data)
        # A download cut after 1000 bytes resumes where it stopped.
        dest = tmp_path / "in.frb"
        dest.write_bytes(data[:1000])
        coord.download(sha, dest, len(data))
        assert dest.read_bytes() == data
        coord.ack(items[0]["id"], "imported")
        coord.ack(items[0]["id"], "imported")  # twice is harmless
        assert sha not in {i["sha256"] for i in coord.mailbox()}
    # A field device has no mailbox entry and may not read others' bundles.
    with world.field2.client(world.relay) as other:
        assert other.mailbox() == []
        with pytest.raises(RelayRefused) as caught:
            other.download(sha, tmp_path / "x.frb", len(data))
        assert caught.value.status == 404
    blob = world.hq_dir / "blobs" / "bundles" / sha[:2] / sha
    assert blob.read_bytes() == data


def test_a_corrupted_chunk_is_dropped_and_the_offset_stays(world: World) -> None:
    data, sha = _blob(200_000)
    with world.field.client(world.relay) as client:
        doc = client.create_upload(sha, len(data), world.field.device_id, _seq())
        upload_id = str(doc["upload_id"])
        client.append(upload_id, 0, data[:50_000])
        # A chunk damaged in transit: its bytes differ from the checksum the client computed.
        headers = {"X-FR-Offset": "50000", "X-FR-Chunk-SHA256": hashlib.sha256(b"x").hexdigest()}
        with pytest.raises(RelayRefused) as caught:
            client.request("PATCH", f"/v1/uploads/{upload_id}", data[50_000:100_000], headers)
        assert (caught.value.status, caught.value.reason) == (422, "bad-chunk")
        assert client.upload_status(upload_id)["offset"] == 50_000
        # Resuming at the wrong offset is refused and tells where to resume.
        with pytest.raises(RelayRefused) as caught:
            client.append(upload_id, 60_000, data[60_000:70_000])
        assert caught.value.reason == "offset-mismatch" and caught.value.body["offset"] == 50_000
        done = client.append(upload_id, 50_000, data[50_000:])
        assert done["state"] == "stored"
    part = world.hq_dir / "blobs" / "uploads" / f"{upload_id}.part"
    assert not part.exists()


def test_an_empty_chunk_or_an_unknown_upload_changes_nothing(world: World) -> None:
    data, sha = _blob(200_000)
    with world.field.client(world.relay) as client:
        doc = client.create_upload(sha, len(data), world.field.device_id, _seq())
        upload_id = str(doc["upload_id"])
        client.append(upload_id, 0, data[:50_000])
        # An empty chunk mid-upload (a client cut before sending): the upload stays open.
        still = client.append(upload_id, 50_000, b"")
        assert (still["state"], still["offset"]) == ("open", 50_000)
        # Someone else's or an unknown upload id: refused, and no part file is made for it.
        unknown = "0" * 32
        with pytest.raises(RelayRefused) as caught:
            client.append(unknown, 0, b"abc")
        assert caught.value.status == 404
        assert not (world.hq_dir / "blobs" / "uploads" / f"{unknown}.part").exists()
        assert client.append(upload_id, 50_000, data[50_000:])["state"] == "stored"


def test_a_bundle_whose_hash_differs_is_discarded(world: World) -> None:
    data, _ = _blob(10_000)
    wrong = hashlib.sha256(b"something else").hexdigest()
    with world.field.client(world.relay) as client:
        doc = client.create_upload(wrong, len(data), world.field.device_id, _seq())
        with pytest.raises(RelayRefused) as caught:
            client.append(str(doc["upload_id"]), 0, data)
        assert caught.value.reason == "bad-bundle"
    assert not (world.hq_dir / "blobs" / "bundles" / wrong[:2] / wrong).exists()


def test_a_small_bundle_in_one_request(world: World) -> None:
    """PUT /v1/bundles/{sha256}: stored and queued at once, deduplicated, the same receipt
    as at the end of a resumable upload; no upload is left open."""
    data, sha = _blob(3000)
    seq = _seq()
    with world.field.client(world.relay) as client:
        first = client.put_bundle(sha, world.field.device_id, seq, data)
        assert first["state"] == "stored" and first["sha256"] == sha
        assert first["size"] == len(data) and isinstance(first["stored_at"], int)
        again = client.put_bundle(sha, world.field.device_id, seq, data)
        assert again == first  # a retry after a lost answer: the same receipt
        assert client.create_upload(sha, len(data), world.field.device_id, seq)["state"] == (
            "stored"
        )
    blob = world.hq_dir / "blobs" / "bundles" / sha[:2] / sha
    assert blob.read_bytes() == data
    with world.coordinator.client(world.relay) as coord:
        items = [i for i in coord.mailbox() if i["sha256"] == sha]
        assert len(items) == 1 and items[0]["sequence"] == seq
        coord.ack(items[0]["id"], "imported")


def test_one_request_refusals(world: World) -> None:
    data, sha = _blob(2000)
    seq = _seq()
    with world.field.client(world.relay) as client:
        cases = [  # what is sent → the refusal
            ((hashlib.sha256(b"other").hexdigest(), world.field.device_id, seq, data), 422),
            ((sha, world.field2.device_id, seq, data), 403),  # someone else's bundle
            ((sha, world.field.device_id, seq, b""), 400),
        ]
        for args, status in cases:
            with pytest.raises(RelayRefused) as caught:
                client.put_bundle(*args)
            assert caught.value.status == status, args[:3]
        assert not (world.hq_dir / "blobs" / "bundles" / sha[:2] / sha).exists()
        assert client.put_bundle(sha, world.field.device_id, seq, data)["state"] == "stored"
        other, other_sha = _blob(2000)
        with pytest.raises(RelayRefused) as caught:  # its sequence number is taken
            client.put_bundle(other_sha, world.field.device_id, seq, other)
        assert (caught.value.status, caught.value.reason) == (409, "sequence-taken")
    target = f"/v1/bundles/{other_sha}"
    for bad in ({"X-FR-Author": "nobody", "X-FR-Sequence": "1"}, {"X-FR-Sequence": "-3"}):
        response, _ = _raw(
            world,
            world.field,
            "PUT",
            target,
            other,
            headers={"X-FR-Author": world.field.device_id, **bad},
        )
        assert response.status_code == 400 and response.json()["reason"] == "bad-request"


def _raw(
    world: World,
    device: Device,
    method: str,
    target: str,
    body: bytes = b"",
    timestamp: int | None = None,
    nonce: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[httpx.Response, dict]:
    signed = auth.sign_request(
        device.store.device.signing,
        device.device_id,
        method,
        target,
        body,
        timestamp if timestamp is not None else int(time.time()),
        nonce,
    )
    response = httpx.request(
        method, world.relay.url + target, content=body, headers={**(headers or {}), **signed}
    )
    return response, signed


def test_a_replayed_request_signature_is_refused(world: World) -> None:
    _data, sha = _blob(1000)
    body = json.dumps(
        {"sha256": sha, "size": 1000, "author": world.field.device_id, "sequence": _seq()}
    ).encode()
    first, headers = _raw(world, world.field, "POST", "/v1/uploads", body)
    assert first.status_code == 201
    replay = httpx.post(world.relay.url + "/v1/uploads", content=body, headers=headers)
    assert replay.status_code == 401 and replay.json()["reason"] == "replay"
    # Captured headers moved to another request do not verify either.
    headers[auth.HEADER_NONCE] = os.urandom(16).hex()
    moved = httpx.get(world.relay.url + "/v1/mailbox", headers=headers)
    assert moved.status_code == 401 and moved.json()["reason"] == "bad-signature"


def test_stale_and_unsigned_and_unknown_requests_are_refused(world: World, tmp_path: Path) -> None:
    stale, _ = _raw(world, world.field, "GET", "/v1/mailbox", timestamp=int(time.time()) - 3600)
    assert stale.status_code == 401 and stale.json()["reason"] == "stale"
    assert auth.HEADER_SERVER_TIME in stale.headers
    unsigned = httpx.get(world.relay.url + "/v1/mailbox")
    assert unsigned.status_code == 401 and unsigned.json()["reason"] == "unsigned"
    stranger = make_device(tmp_path, "stranger")
    try:
        refused, _ = _raw(world, stranger, "GET", "/v1/mailbox")
        assert refused.status_code == 401 and refused.json()["reason"] == "unknown-device"
    finally:
        stranger.store.close()


def test_a_device_clock_hours_off_follows_the_server(world: World) -> None:
    with world.field.client(world.relay) as client:
        client.clock_offset = -5 * 3600  # a laptop five hours behind, not yet corrected
        assert client.mailbox() == []  # refused as stale once, learnt the clock, retried
        assert abs(client.clock_offset) < 5


def test_a_device_cannot_use_someone_elses_sequence_numbers(world: World) -> None:
    data, sha = _blob(5000)
    seq = _seq()
    with world.field.client(world.relay) as client:
        with pytest.raises(RelayRefused) as caught:  # claiming to be field2's bundle
            client.create_upload(sha, len(data), world.field2.device_id, seq)
        assert (caught.value.status, caught.value.reason) == (403, "not-author")
    assert _upload(world, world.field, data, seq)["state"] == "stored"
    other, other_sha = _blob(5000)
    with world.field.client(world.relay) as client, pytest.raises(RelayRefused) as caught:
        client.create_upload(other_sha, len(other), world.field.device_id, seq)
    assert (caught.value.status, caught.value.reason) == (409, "sequence-taken")
    assert _upload(world, world.field2, other, seq)["state"] == "stored"  # its own numbers


def test_receipts_are_checked_and_reach_the_author(world: World) -> None:
    data, sha = _blob(2000)
    _upload(world, world.field, data, _seq())
    receipt = {
        "format": "fieldreport-receipt/1",
        "status": "received",
        "bundle_sha256": sha,
        "from_device": world.field.device_id,
        "by_device": world.coordinator.device_id,
        "revisions": [],
    }
    with world.coordinator.client(world.relay) as coord:
        forged = sign_document(receipt, world.field2.store.device.signing, trusted_comment="x")
        with pytest.raises(RelayRefused) as caught:
            coord.post_receipt(forged)
        assert caught.value.reason == "bad-signature"
        signed = sign_document(receipt, world.coordinator.store.device.signing, trusted_comment="x")
        assert coord.post_receipt(signed)["duplicate"] is False
        assert coord.post_receipt(signed)["duplicate"] is True
    with world.field.client(world.relay) as client:
        got = [r for r in client.receipts(0) if r["document"]["bundle_sha256"] == sha]
        assert len(got) == 1 and got[0]["document"] == signed
    with world.field2.client(world.relay) as other:
        assert all(r["document"]["bundle_sha256"] != sha for r in other.receipts(0))


def test_advisories_are_published_signed(world: World) -> None:
    result = run_hq(
        world.hq_dir,
        "advisory",
        "publish",
        "--title",
        "Road closed",
        "--body",
        "Avoid the RN16 near Douentza.",
        "--severity",
        "critical",
        db_url=world.db_url,
    )
    assert result.returncode == 0, result.stderr
    hq_key = PublicKey.from_file_text((world.hq_dir / "hq-signing.pub").read_text())
    with world.field.client(world.relay) as client:
        docs = [a["document"] for a in client.advisories(0)]
    parsed = [verify_advisory(d, hq_key) for d in docs]
    assert any(a.title == "Road closed" and a.severity == "critical" for a in parsed)


def test_status_shows_contact_gaps_and_queues(world: World) -> None:
    base = _seq()
    for offset in (0, 2):  # sequence numbers base and base+2: base+1 is missing
        _upload(world, world.field2, os.urandom(3000), base + offset)
    result = run_hq(world.hq_dir, "status", "--json", db_url=world.db_url)
    assert result.returncode == 0, result.stderr
    devices = {d["name"]: d for d in json.loads(result.stdout)["devices"]}
    assert [base + 1, base + 1] in devices["field2"]["sequence_gaps"]
    assert devices["field2"]["last_contact"] is not None
    assert devices["coord"]["queued_bundles"] >= 2


def test_revoked_devices_are_refused(world: World, tmp_path: Path) -> None:
    late = make_device(tmp_path, "late")
    try:
        enroll(world.hq_dir, late, world.db_url)
        with late.client(world.relay) as client:
            assert client.mailbox() == []
            result = run_hq(world.hq_dir, "revoke", late.device_id, db_url=world.db_url)
            assert result.returncode == 0, result.stderr
            _data, sha = _blob(1000)
            with pytest.raises(RelayRefused) as caught:
                client.create_upload(sha, 1000, late.device_id, 1)
            assert (caught.value.status, caught.value.reason) == (403, "revoked")
        again = run_hq(world.hq_dir, "enroll", str(late.request_file), db_url=world.db_url)
        assert again.returncode == 1 and again.stderr.startswith("error:")
    finally:
        late.store.close()
