"""The commands of contract.md that the store issue owns, driven as real processes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fieldreport import __version__
from fieldreport.version import CHECKOUT, checkout_commit
from tests.conftest import PASSPHRASE, minimal_report, run_cli


def test_version() -> None:
    result = run_cli("--version", passphrase=None)
    assert result.code == 0
    # contract.md: `fieldreport X.Y.Z`; then the commit it was built from, when known.
    assert re.fullmatch(
        rf"fieldreport {re.escape(__version__)}( \([0-9a-f]{{7,}}(-dirty)?\))?", result.out.strip()
    )
    assert re.match(r"fieldreport \d+\.\d+\.\d+", result.out)
    if checkout_commit(CHECKOUT):  # from a git checkout: its commit
        assert result.out.strip().endswith(f"({checkout_commit(CHECKOUT)})")


def test_init_creates_pq_keys_by_default(data_dir: Path) -> None:
    result = run_cli("init", "--json", data_dir=data_dir)
    assert result.code == 0, result.err
    info = json.loads(result.out)
    assert info["role"] == "field" and info["key_type"] == "pq"
    assert info["recipient"].startswith("age1pq1")
    assert info["signing_key"].startswith("RW")


def test_init_twice_is_refused(cli_store: Path) -> None:
    result = run_cli("init", data_dir=cli_store)
    assert result.code == 1
    assert result.err.startswith("error: a store already exists")


def test_init_refuses_a_short_passphrase(data_dir: Path) -> None:
    result = run_cli("init", data_dir=data_dir, passphrase="short")
    assert result.code == 1 and "too short" in result.err
    assert not data_dir.exists() or not any(data_dir.iterdir())


def test_report_add_list_show(cli_store: Path, tmp_path: Path) -> None:
    report_file = tmp_path / "r.json"
    report_file.write_text(json.dumps(minimal_report()))
    added = run_cli("report", "add", "--json", str(report_file), data_dir=cli_store)
    assert added.code == 0, added.err
    report_id = added.out.strip()
    from_stdin = run_cli(
        "report",
        "add",
        "--json",
        "-",
        data_dir=cli_store,
        stdin=json.dumps(minimal_report(title="from stdin")),
    )
    assert from_stdin.code == 0, from_stdin.err

    listed = run_cli("report", "list", "--json", data_dir=cli_store)
    docs = json.loads(listed.out)
    assert {d["id"] for d in docs} == {report_id, from_stdin.out.strip()}
    for doc in docs:
        assert {"id", "revision", "status", "title", "occurred_at", "location"} <= doc.keys()

    shown = run_cli("report", "show", report_id, "--json", data_dir=cli_store)
    doc = json.loads(shown.out)
    assert doc["id"] == report_id and len(doc["revisions"]) == 1 and doc["attachments"] == []

    human = run_cli("report", "list", data_dir=cli_store)
    assert "Checkpoint on the Timbuktu" in human.out and "2 report(s)" in human.err


def test_global_options_after_the_command(cli_store: Path) -> None:
    result = run_cli("report", "list", "--json", "--data-dir", str(cli_store))
    assert result.code == 0 and json.loads(result.out) == []


def test_attach_and_extract(cli_store: Path, tmp_path: Path) -> None:
    report_id = run_cli(
        "report", "add", "--json", "-", data_dir=cli_store, stdin=json.dumps(minimal_report())
    ).out.strip()
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG" + bytes(range(256)) * 1000)
    attached = run_cli("report", "attach", report_id, str(photo), "--json", data_dir=cli_store)
    assert attached.code == 0, attached.err
    [entry] = json.loads(attached.out)
    out = tmp_path / "back.png"
    extracted = run_cli("report", "extract", entry["id"], "--out", str(out), data_dir=cli_store)
    assert extracted.code == 0, extracted.err
    assert out.read_bytes() == photo.read_bytes()


def test_device_show_and_request(cli_store: Path, tmp_path: Path) -> None:
    shown = run_cli("device", "show", "--json", data_dir=cli_store)
    info = json.loads(shown.out)
    assert set(info) >= {"device_id", "role", "signing_key", "recipient", "fingerprint"}
    request_file = tmp_path / "request.json"
    result = run_cli("device", "request", "--out", str(request_file), data_dir=cli_store)
    assert result.code == 0, result.err
    request = json.loads(request_file.read_text())
    for key in ("device_id", "name", "role", "signing_key", "recipient"):
        assert request[key] == info[key]
    assert request["format"] == "fieldreport-enrolment-request/1"

    from fieldreport.crypto.minisign import PublicKey
    from fieldreport.crypto.signed_json import SignedDocumentError, verify_document

    key = PublicKey.from_string(info["signing_key"])
    assert verify_document(request, key) == "fieldreport-enrolment-request/1"
    with pytest.raises(SignedDocumentError):
        verify_document({**request, "role": "coordinator"}, key)


def test_export_identity_opens_what_the_recipient_receives(cli_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "identity.txt"
    result = run_cli("keys", "export-identity", "--out", str(out), data_dir=cli_store)
    assert result.code == 0, result.err
    assert out.stat().st_mode & 0o777 == 0o600
    text = out.read_text()
    assert "AGE-SECRET-KEY-1" in text
    recipient = json.loads(run_cli("device", "show", "--json", data_dir=cli_store).out)["recipient"]
    assert f"# public key: {recipient}" in text

    from fieldreport.crypto import age

    [identity] = age.parse_identity_file(text)
    assert identity.recipient().to_string() == recipient


def test_passphrase_change(cli_store: Path) -> None:
    new = "a much longer new passphrase"
    result = run_cli(
        "passphrase", "change", data_dir=cli_store, env={"FIELDREPORT_NEW_PASSPHRASE": new}
    )
    assert result.code == 0, result.err
    assert run_cli("report", "list", "--json", data_dir=cli_store).code == 1
    assert run_cli("report", "list", "--json", data_dir=cli_store, passphrase=new).code == 0


def test_passphrase_file_option(cli_store: Path, tmp_path: Path) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    result = run_cli(
        "report",
        "list",
        "--json",
        "--passphrase-file",
        str(secret),
        data_dir=cli_store,
        passphrase=None,
    )
    assert result.code == 0, result.err


def test_no_passphrase_without_a_terminal_is_a_usage_error(cli_store: Path) -> None:
    result = run_cli("report", "list", data_dir=cli_store, passphrase=None)
    assert result.code == 2
    assert result.err.startswith("error: no passphrase")
    assert "FIELDREPORT_PASSPHRASE" in result.err


def test_doctor_ok(cli_store: Path) -> None:
    run_cli("report", "add", "--json", "-", data_dir=cli_store, stdin=json.dumps(minimal_report()))
    result = run_cli("doctor", "--json", data_dir=cli_store)
    assert result.code == 0, result.out + result.err
    assert json.loads(result.out)["ok"] is True


def test_usage_errors_exit_2_with_one_line(cli_store: Path) -> None:
    for argv in (["report"], ["report", "frobnicate"], ["wipe"], ["init", "--role", "king"]):
        result = run_cli(*argv, data_dir=cli_store)
        assert result.code == 2, argv
        assert result.err.startswith("error:"), (argv, result.err)
        assert "Traceback" not in result.err


def test_commands_on_a_missing_store(tmp_path: Path) -> None:
    result = run_cli("report", "list", data_dir=tmp_path / "nothing")
    assert result.code == 1
    assert result.err.strip() == (
        f"error: no store in {tmp_path / 'nothing'}; create one with 'fieldreport init'"
    )


def test_bad_paths_and_numbers_are_one_line_errors(cli_store: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    cases = [
        (["init"], a_file, 1, "is a file, not a folder"),
        (
            ["device", "request", "--out", str(tmp_path / "no" / "r.json")],
            cli_store,
            2,
            "does not exist",
        ),
        (["keys", "export-identity", "--out", str(tmp_path)], cli_store, 2, "is a folder"),
        (["report", "list", "--limit", "-5"], cli_store, 2, "must be 1 or more"),
        (["report", "list", "--since", "yesterday"], cli_store, 1, "is not a date"),
        (
            ["passphrase", "change", "--new-passphrase-file", str(tmp_path / "nope")],
            cli_store,
            2,
            "no such file",
        ),
        (
            ["report", "extract", "nope", "--out", str(tmp_path / "x")],
            cli_store,
            1,
            "no attachment with id",
        ),
    ]
    for argv, folder, code, text in cases:
        result = run_cli(*argv, data_dir=folder)
        assert result.code == code, (argv, result)
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:") and text in lines[0], argv
    assert not (tmp_path / "x").exists()
