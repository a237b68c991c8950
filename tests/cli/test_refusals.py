"""Acceptance: bad input gets exit 1, one `error:` line naming the problem, no traceback,
and the store is unchanged."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import minimal_report, run_cli


def _fingerprint(folder: Path) -> dict[str, str]:
    """Hashes of the files that hold data (the unlock counter may change, nothing else)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "unlock-state.json"
    }


def _report_with(**changes: object) -> str:
    return json.dumps(minimal_report(**changes))


CASES = {
    "malformed JSON": ('{"title": "x",', "malformed"),
    "unknown key": (_report_with(colour="red"), "colour"),
    "bad date": (_report_with(occurred_at="2026-13-45T10:00:00+00:00"), "occurred_at"),
    "naive date": (_report_with(occurred_at="2026-11-20T10:00:00"), "occurred_at"),
    "latitude out of range": (
        _report_with(location={"name": "Tonka", "lat": 95.0, "lon": -3.7}),
        "location.lat",
    ),
    "sub-event of another type": (
        _report_with(event_type="Battles", sub_event_type="Grenade"),
        "sub_event_type",
    ),
    "severity out of range": (_report_with(severity=7), "severity"),
    "not an object": ("[1, 2]", "object"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_report_input(cli_store: Path, case: str) -> None:
    run_cli("report", "add", "--json", "-", data_dir=cli_store, stdin=_report_with())
    before = _fingerprint(cli_store)
    payload, named = CASES[case]
    result = run_cli("report", "add", "--json", "-", data_dir=cli_store, stdin=payload)
    assert result.code == 1, result
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("error: ")
    assert named in lines[0]
    assert "Traceback" not in result.err and result.out == ""
    assert _fingerprint(cli_store) == before
    listed = json.loads(run_cli("report", "list", "--json", data_dir=cli_store).out)
    assert len(listed) == 1


def test_wrong_passphrase(cli_store: Path) -> None:
    run_cli("report", "add", "--json", "-", data_dir=cli_store, stdin=_report_with())
    before = _fingerprint(cli_store)
    result = run_cli(
        "report",
        "add",
        "--json",
        "-",
        data_dir=cli_store,
        stdin=_report_with(),
        passphrase="this is not it",
    )
    assert result.code == 1
    assert result.err.strip().splitlines() == [
        "error: wrong passphrase: the store did not unlock; check the passphrase and try again"
    ]
    assert _fingerprint(cli_store) == before


def test_unreadable_input_file(cli_store: Path, tmp_path: Path) -> None:
    result = run_cli("report", "add", "--json", str(tmp_path / "nope.json"), data_dir=cli_store)
    assert result.code == 1
    assert result.err.startswith("error: cannot read") and "nope.json" in result.err


def test_binary_garbage_input(cli_store: Path, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.json"
    garbage.write_bytes(b"\xff\xfe\x00\x81" * 100)
    result = run_cli("report", "add", "--json", str(garbage), data_dir=cli_store)
    assert result.code == 1 and result.err.count("\n") == 1
    assert "Traceback" not in result.err
