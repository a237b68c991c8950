"""Relay fixtures: real `fieldreport-hq serve` processes on loopback, on SQLite or on a
throwaway PostgreSQL cluster, and enrolled devices with real stores.

PostgreSQL: missing server binaries skip those tests locally and fail them in CI (CI=true).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from fieldreport.store.store import Store
from fieldreport.sync.client import RelayClient
from tests.conftest import PASSPHRASE, tool_env
from tests.relay import pgcluster

HQ_PASSPHRASE = "hq passphrase for the relay tests"


def hq_env() -> dict[str, str]:
    return tool_env({"FIELDREPORT_HQ_PASSPHRASE": HQ_PASSPHRASE})


def run_hq(hq_dir: Path, *args: str, db_url: str | None = None) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "fieldreport.hq.cli", "--data-dir", str(hq_dir), *args]
    if db_url and args and args[0] in ("enroll", "revoke", "status", "advisory"):
        argv += ["--db", db_url]
    return subprocess.run(argv, capture_output=True, text=True, env=hq_env(), timeout=120)


class RelayServer:
    """`fieldreport-hq serve` as a real process; kill() simulates a crash."""

    def __init__(self, hq_dir: Path, db_url: str | None, workers: int = 2, **extra: str) -> None:
        self.hq_dir = hq_dir
        self.db_url = db_url
        self.workers = workers
        self.extra = extra
        self.port = pgcluster.free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> RelayServer:
        argv = [
            sys.executable,
            "-m",
            "fieldreport.hq.cli",
            "--data-dir",
            str(self.hq_dir),
            "serve",
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
        ]
        if self.db_url:
            argv += ["--db", self.db_url]
        for name, value in self.extra.items():
            argv += [f"--{name.replace('_', '-')}", value]
        self.log = (self.hq_dir / "serve.log").open("ab")
        self.proc = subprocess.Popen(
            argv, env=hq_env(), stdout=self.log, stderr=self.log, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the relay exited: {(self.hq_dir / 'serve.log').read_text()}")
            try:
                if httpx.get(f"{self.url}/v1/ping", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        self.kill()  # workers crash-looping: never leave the supervisor behind
        raise RuntimeError("the relay did not start within 60 s")

    def kill(self) -> None:
        """SIGKILL the whole process group: no graceful shutdown, like a power cut."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        if getattr(self, "log", None):
            self.log.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgcluster.Cluster]:
    bin_dir = pgcluster.find_bin()
    if bin_dir is None:
        message = "PostgreSQL server binaries are missing (apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    cluster = pgcluster.Cluster(bin_dir).start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str | None:
    if request.param == "sqlite":
        return None  # the default: SQLite in the HQ folder
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database(f"relay_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def hq_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "hq"
    result = run_hq(folder, "init", "--org", "Test NGO")
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def relay(hq_dir: Path, db_url: str | None) -> Iterator[RelayServer]:
    server = RelayServer(hq_dir, db_url).start()
    yield server
    server.stop()


@dataclass
class Device:
    store: Store
    request_file: Path

    @property
    def device_id(self) -> str:
        return self.store.device.device_id

    def client(self, relay: RelayServer) -> RelayClient:
        return RelayClient(relay.url, self.device_id, self.store.device.signing)


def make_device(tmp: Path, name: str, role: str = "field") -> Device:
    store = Store.init(tmp / name, PASSPHRASE, role=role, key_type="x25519", name=name)
    request = tmp / f"{name}.request.json"
    request.write_text(json.dumps(store.enrolment_request()))
    return Device(store, request)


def enroll(hq_dir: Path, device: Device, db_url: str | None) -> None:
    result = run_hq(hq_dir, "enroll", str(device.request_file), db_url=db_url)
    assert result.returncode == 0, result.stderr


@dataclass
class Org:
    field: Device
    coordinator: Device

    def close(self) -> None:
        self.field.store.close()
        self.coordinator.store.close()


def make_org(tmp: Path, hq_dir: Path, db_url: str | None, relay_url: str) -> Org:
    """A field device and a coordinator, enrolled on the relay, with the HQ-signed profile
    installed (bundles for the coordinator; each trusts the other's signatures)."""
    from fieldreport.hq.keys import load_signing_key
    from fieldreport.store.timeutil import utc_now
    from fieldreport.trust.install import install_profile
    from fieldreport.trust.profile import build_profile

    field = make_device(tmp, "field")
    coordinator = make_device(tmp, "coord", "coordinator")
    for device in (field, coordinator):
        enroll(hq_dir, device, db_url)
    key = load_signing_key(hq_dir / "hq-signing.key", HQ_PASSPHRASE)
    listed = []
    for device in (field, coordinator):
        info = device.store.device_info()
        info.pop("key_type")
        listed.append(info)
    doc = build_profile(
        key=key,
        organisation="Test NGO",
        serial=1,
        recipients=[coordinator.store.device.recipient_string],
        server_url=relay_url,
        issued_at=utc_now(),
        devices=listed,
    )
    install_profile(field.store, doc)
    install_profile(coordinator.store, doc)
    return Org(field, coordinator)


def add_reports(store: Store, tmp: Path, count: int, attachment_bytes: int = 0) -> None:
    from tests.conftest import minimal_report

    for i in range(count):
        saved = store.add_report(minimal_report(title=f"Incident {i}"))
        if attachment_bytes and i == 0:
            photo = tmp / f"photo-{i}.jpg"
            photo.write_bytes(os.urandom(attachment_bytes))
            store.attach(saved.report_id, [photo])
