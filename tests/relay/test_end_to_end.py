"""Acceptance: field → relay → coordinator → receipt → field "received", with the real
`fieldreport` and `fieldreport-hq serve` processes (2 workers), on SQLite and PostgreSQL;
then a canary scan: the relay's folder and database never hold a byte of plaintext."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from fieldreport.store.store import Store
from fieldreport.sync.incoming import mark_advisory_read, stored_advisories
from tests.conftest import PASSPHRASE, minimal_report, run_cli
from tests.relay.conftest import RelayServer, run_hq


def _sync(folder: Path) -> dict:
    result = run_cli("sync", "--once", "--json", data_dir=folder)
    assert result.code == 0, result.err + result.out
    return json.loads(result.out)


def setup_org(tmp_path: Path, relay: RelayServer, db_url: str | None) -> tuple[Path, Path]:
    field, coord = tmp_path / "field", tmp_path / "coord"
    assert run_cli("init", "--key-type", "x25519", data_dir=field).code == 0
    assert (
        run_cli("init", "--role", "coordinator", "--key-type", "x25519", data_dir=coord).code == 0
    )
    requests = []
    for folder in (field, coord):
        request = tmp_path / f"{folder.name}.request.json"
        assert run_cli("device", "request", "--out", str(request), data_dir=folder).code == 0
        enrolled = run_hq(relay.hq_dir, "enroll", str(request), db_url=db_url)
        assert enrolled.returncode == 0, enrolled.stderr
        requests.append(request)
    recipient = json.loads(run_cli("device", "show", "--json", data_dir=coord).out)["recipient"]
    profile = tmp_path / "profile.json"
    signed = run_hq(
        relay.hq_dir,
        "profile",
        "--recipient",
        recipient,
        "--url",
        relay.url,
        "--device",
        str(requests[0]),
        "--device",
        str(requests[1]),
        "--out",
        str(profile),
    )
    assert signed.returncode == 0, signed.stderr
    for folder in (field, coord):
        installed = run_cli("profile", "install", str(profile), data_dir=folder)
        assert installed.code == 0, installed.err
    return field, coord


def test_field_to_coordinator_and_back_through_the_relay(
    tmp_path: Path, relay: RelayServer, db_url: str | None, request: pytest.FixtureRequest
) -> None:
    field, coord = setup_org(tmp_path, relay, db_url)
    marker = "canary" + secrets.token_hex(8)
    report = minimal_report(title=f"Ambush {marker}", narrative=f"{marker} near Tonka " * 50)
    added = run_cli("report", "add", "--json", "-", data_dir=field, stdin=json.dumps(report))
    assert added.code == 0, added.err
    report_id = added.out.strip()

    sent = _sync(field)
    assert sent["bundles_uploaded"] == 1 and sent["errors"] == []
    assert [i["state"] for i in sent["outbox"]] == ["sent"]  # the relay's "stored"

    pulled = _sync(coord)
    assert pulled["imported"] == 1
    titles = [
        r["title"] for r in json.loads(run_cli("report", "list", "--json", data_dir=coord).out)
    ]
    assert titles == [report["title"]]
    assert _sync(coord)["imported"] == 0  # the mailbox is empty now: delivered exactly once

    published = run_hq(
        relay.hq_dir,
        "advisory",
        "publish",
        "--title",
        "Convoy alert",
        "--body",
        "No movement on the RN15 until further notice.",
        "--severity",
        "warning",
        db_url=db_url,
    )
    assert published.returncode == 0, published.stderr

    back = _sync(field)
    assert back["receipts_applied"] == 1 and back["advisories"] == 1
    assert back["outbox"] == []  # nothing left: every item received
    shown = json.loads(run_cli("report", "show", report_id, "--json", data_dir=field).out)
    assert shown["status"] == "received"
    with Store.open(field, PASSPHRASE) as store:
        kept = stored_advisories(store)
        assert [(a["title"], a["severity"], a["read_at"]) for a in kept] == [
            ("Convoy alert", "warning", None)
        ]
        assert mark_advisory_read(store, str(kept[0]["advisory_id"])) is True
        assert stored_advisories(store)[0]["read_at"] is not None

    # The control: the scan does see what the relay keeps (a device id, in clear metadata).
    device_id = json.loads(run_cli("device", "show", "--json", data_dir=field).out)["device_id"]
    _canary_scan(relay.hq_dir, marker, db_url)
    assert db_url or any(
        device_id.encode() in p.read_bytes() for p in relay.hq_dir.rglob("relay.db*")
    )
    if db_url:  # and the cluster's files themselves (tables, indexes, WAL), byte by byte
        data_dir = request.getfixturevalue("pg_cluster").data
        files = [p for p in data_dir.rglob("*") if p.is_file()]
        assert len(files) > 100
        assert not [p for p in files if marker.encode() in p.read_bytes()]
        assert any(device_id.encode() in p.read_bytes() for p in files)


def _canary_scan(hq_dir: Path, marker: str, db_url: str | None) -> None:
    needle = marker.encode()
    scanned = 0
    for path in hq_dir.rglob("*"):
        if path.is_file():
            scanned += 1
            assert needle not in path.read_bytes(), f"plaintext in {path}"
    assert scanned >= 3  # the database (or its sidecars), at least one bundle, the state
    if db_url:
        import psycopg

        with psycopg.connect(db_url) as conn:
            conn.execute("CHECKPOINT")
            tables = [
                r[0]
                for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ]
            assert "bundle" in tables
            for table in tables:
                for row in conn.execute(f'SELECT * FROM "{table}"'):
                    assert marker not in repr(row), f"plaintext in table {table}"
