"""Many devices uploading at once (the load test and benchmark P6 share this driver).

Devices here are signing keys enrolled straight into the relay's database (the same
`admin.enroll` the CLI calls): a store per device would measure SQLCipher, not the relay.
Bundles are random bytes, as opaque to the relay as real age files.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from fieldreport.crypto import age
from fieldreport.crypto.minisign import SigningKey
from fieldreport.crypto.signed_json import sign_document
from fieldreport.hq.server import admin, db, migrate
from fieldreport.store.device import fingerprint
from fieldreport.sync.client import RelayClient
from fieldreport.sync.uploader import upload_bundle
from fieldreport.trust.requests import FORMAT, parse_request


@dataclass
class FakeDevice:
    device_id: str
    key: SigningKey
    role: str


def enroll_devices(db_url: str, count: int, role: str = "field") -> list[FakeDevice]:
    engine = db.make_engine(db_url, pool_size=2)
    migrate.upgrade(engine)
    devices = []
    try:
        for i in range(count):
            key = SigningKey.generate()
            recipient = age.X25519Identity.generate().recipient().to_string()
            signing = key.public_key().to_string()
            doc = {
                "format": FORMAT,
                "device_id": str(uuid.uuid4()),
                "name": f"{role}-{i}",
                "role": role,
                "signing_key": signing,
                "recipient": recipient,
                "fingerprint": fingerprint(signing, recipient),
            }
            request = parse_request(sign_document(doc, key, trusted_comment=FORMAT))
            admin.enroll(engine, request)
            devices.append(FakeDevice(request.device_id, key, role))
    finally:
        engine.dispose()
    return devices


@dataclass
class LoadResult:
    seconds: float
    stored: dict[str, int] = field(default_factory=dict)  # sha256 → times the relay said so
    errors: list[str] = field(default_factory=list)


def upload_all(
    url: str, devices: list[FakeDevice], per_device: int, size: int, folder: Path
) -> LoadResult:
    """Every device uploads `per_device` bundles, all devices at once (one thread each); the
    bundles are written to `folder` first, as the sync engine finds them."""
    result = LoadResult(0.0)
    lock = threading.Lock()
    start = threading.Barrier(len(devices) + 1)

    def device_run(device: FakeDevice) -> None:
        with RelayClient(url, device.device_id, device.key, timeout=120) as client:
            client.probe()
            start.wait()
            for seq in range(1, per_device + 1):
                data = os.urandom(size)
                sha = hashlib.sha256(data).hexdigest()
                path = folder / sha
                path.write_bytes(data)
                try:
                    # The sync engine's own upload path (one request for a small bundle,
                    # resumable chunks for a larger one).
                    doc = upload_bundle(client, path, sha, size, device.device_id, seq)
                    with lock:
                        result.stored[sha] = result.stored.get(sha, 0) + (doc["state"] == "stored")
                except Exception as exc:  # counted, not raised: the figure says "no error"
                    with lock:
                        result.errors.append(f"{device.device_id[:8]} #{seq}: {exc}")

    with ThreadPoolExecutor(len(devices)) as pool:
        futures = [pool.submit(device_run, d) for d in devices]
        start.wait()
        began = time.perf_counter()
        for future in futures:
            future.result()
        result.seconds = time.perf_counter() - began
    return result


def pull_all(url: str, device: FakeDevice) -> dict[str, int]:
    """Everything in a coordinator's mailbox, downloaded, checked and acknowledged: sha256 →
    how many times it was delivered."""
    delivered: dict[str, int] = {}
    with RelayClient(url, device.device_id, device.key, timeout=120) as client:
        while items := client.mailbox():
            for item in items:
                sha = str(item["sha256"])
                response = client.request("GET", f"/v1/bundles/{sha}")
                assert hashlib.sha256(response.content).hexdigest() == sha
                delivered[sha] = delivered.get(sha, 0) + 1
                client.ack(int(item["id"]), "imported")
    return delivered
