"""The bundle flow through the real commands: HQ → profile → field → coordinator → receipt.

Also the acceptance canary for bundles: no plaintext at rest in the data folders, the temp
folder, or the bundle and receipt files during export and import.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from tests.cli.test_canary import _scan
from tests.conftest import minimal_report, run_cli, tool_env

HQ_PASSPHRASE = "hq passphrase for tests"


def run_hq(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = tool_env({"FIELDREPORT_HQ_PASSPHRASE": HQ_PASSPHRASE, **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "fieldreport.hq.cli", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
        check=False,
    )


def test_field_to_coordinator_and_back(tmp_path: Path) -> None:
    marker = "canary" + secrets.token_hex(6)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {"TMPDIR": str(tmp)}
    field, coord, hq = tmp_path / "field", tmp_path / "coord", tmp_path / "hq"
    transfer = tmp_path / "usb"
    transfer.mkdir()
    assert run_cli("init", "--key-type", "x25519", data_dir=field, env=env).code == 0
    assert run_cli("init", "--role", "coordinator", data_dir=coord, env=env).code == 0
    assert (
        run_cli(
            "device", "request", "--out", str(transfer / "field.json"), data_dir=field, env=env
        ).code
        == 0
    )
    assert (
        run_cli(
            "device", "request", "--out", str(transfer / "coord.json"), data_dir=coord, env=env
        ).code
        == 0
    )
    recipient = json.loads(run_cli("device", "show", "--json", data_dir=coord).out)["recipient"]

    made = run_hq("--data-dir", str(hq), "init", "--org", "NGO Sahel", env=env)
    assert made.returncode == 0, made.stderr
    profile = transfer / "profile.json"
    signed = run_hq(
        "--data-dir",
        str(hq),
        "profile",
        "--recipient",
        recipient,
        "--url",
        "https://relay.example.org",
        "--device",
        str(transfer / "coord.json"),
        "--out",
        str(profile),
        env=env,
    )
    assert signed.returncode == 0, signed.stderr
    installed = run_cli("profile", "install", str(profile), "--json", data_dir=field, env=env)
    assert installed.code == 0, installed.err
    assert json.loads(installed.out)["first_install"] is True

    report = minimal_report(title=f"Abduction {marker}", narrative=f"{marker} " * 100)
    report_id = run_cli(
        "report", "add", "--json", "-", data_dir=field, env=env, stdin=json.dumps(report)
    ).out.strip()
    photo = tmp_path / "outside-photo.jpg"
    photo.write_bytes((marker * 3000).encode() + os.urandom(70_000))
    assert run_cli("report", "attach", report_id, str(photo), data_dir=field, env=env).code == 0

    bundle = transfer / "b1.frb"
    exported = run_cli("bundle", "export", "--out", str(bundle), "--json", data_dir=field, env=env)
    assert exported.code == 0, exported.err
    assert json.loads(exported.out)["revisions"] == 2

    refused = run_cli("bundle", "import", str(bundle), data_dir=coord, env=env)
    assert refused.code == 1 and "unknown device" in refused.err
    assert run_cli("trust", "add", str(transfer / "field.json"), data_dir=coord, env=env).code == 0
    imported = run_cli("bundle", "import", str(bundle), "--json", data_dir=coord, env=env)
    assert imported.code == 0, imported.err
    summary = json.loads(imported.out)
    assert summary["status"] == "imported" and summary["new_revisions"] == 2
    receipt = Path(summary["receipt"])
    assert receipt == transfer / "b1.receipt.json"

    inspected = json.loads(
        run_cli("bundle", "inspect", str(bundle), "--json", data_dir=coord, env=env).out
    )
    assert inspected["signature"] == "valid" and inspected["manifest"]["sequence"] == 1
    outer = json.loads(
        run_cli(
            "bundle",
            "inspect",
            str(bundle),
            "--json",
            "--no-unlock",
            data_dir=tmp_path / "none",
            env=env,
            passphrase=None,
        ).out
    )
    assert outer["recipient_types"] == ["mlkem768x25519"] and "manifest" not in outer

    applied = run_cli("receipt", "import", str(receipt), "--json", data_dir=field, env=env)
    assert applied.code == 0, applied.err
    assert json.loads(applied.out)["marked_received"] == 2
    statuses = {
        d["status"]
        for d in json.loads(run_cli("report", "list", "--json", data_dir=field, env=env).out)
    }
    assert statuses == {"received"}

    for folder in (field, coord, transfer):
        _scan(folder, tmp, marker)


def test_import_summary_of_several_bundles(tmp_path: Path) -> None:
    """Good, duplicate and refused bundles in one call: all reported, exit 1 for the refusal."""
    field, coord = tmp_path / "field", tmp_path / "coord"
    run_cli("init", "--key-type", "x25519", data_dir=field)
    run_cli("init", "--role", "coordinator", "--key-type", "x25519", data_dir=coord)
    run_cli("device", "request", "--out", str(tmp_path / "f.json"), data_dir=field)
    run_cli("trust", "add", str(tmp_path / "f.json"), data_dir=coord)
    recipient = json.loads(run_cli("device", "show", "--json", data_dir=coord).out)["recipient"]
    run_cli("report", "add", "--json", "-", data_dir=field, stdin=json.dumps(minimal_report()))
    good = tmp_path / "good.frb"
    run_cli("bundle", "export", "--out", str(good), "--recipient", recipient, data_dir=field)
    bad = tmp_path / "bad.frb"
    bad.write_bytes(good.read_bytes()[:-40])
    result = run_cli(
        "bundle",
        "import",
        str(good),
        str(good),
        str(bad),
        "--json",
        "--receipt-out",
        str(tmp_path),
        data_dir=coord,
    )
    assert result.code == 1
    rows = json.loads(result.out)
    assert [r["status"] for r in rows] == ["imported", "duplicate", "refused"]
    assert rows[2]["reason"] in ("tampered", "damaged")
    assert "Traceback" not in result.err


def test_hq_refusals_are_one_line(tmp_path: Path) -> None:
    no_state = run_hq(
        "--data-dir",
        str(tmp_path / "none"),
        "profile",
        "--recipient",
        "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq",
        "--out",
        str(tmp_path / "p.json"),
    )
    assert no_state.returncode == 1 and no_state.stderr.startswith("error: no HQ state")
    assert run_hq("--data-dir", str(tmp_path / "hq"), "init").returncode == 0
    again = run_hq("--data-dir", str(tmp_path / "hq"), "init")
    assert again.returncode == 1 and "already exists" in again.stderr
    bad = run_hq(
        "--data-dir",
        str(tmp_path / "hq"),
        "profile",
        "--recipient",
        "nonsense",
        "--out",
        str(tmp_path / "p.json"),
    )
    assert bad.returncode == 1 and bad.stderr.startswith("error: --recipient")
    wrong = run_hq(
        "--data-dir",
        str(tmp_path / "hq"),
        "profile",
        "--recipient",
        "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq",
        "--out",
        str(tmp_path / "p.json"),
        env={"FIELDREPORT_HQ_PASSPHRASE": "not the hq passphrase"},
    )
    assert wrong.returncode == 1 and "wrong HQ passphrase" in wrong.stderr
    for result in (no_state, again, bad, wrong):
        assert len(result.stderr.strip().splitlines()) == 1
