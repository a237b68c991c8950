"""Acceptance: nothing in the clear at rest, in the data folder or the temp folder."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from tests.conftest import minimal_report, run_cli


def _files_containing(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for needle in needles:
                if needle in data:
                    found.append(f"{path} contains {needle[:20]!r}")
    return found


def _sqlite_headers(root: Path) -> list[str]:
    return [
        str(p)
        for p in root.rglob("*")
        if p.is_file() and p.read_bytes()[:16].startswith(b"SQLite format 3")
    ]


def _scan(data_dir: Path, tmp: Path, marker: str) -> None:
    needles = [
        marker.encode("utf-8"),
        marker.encode("utf-16-le"),
        marker.encode("utf-16-be"),
        marker.upper().encode(),
    ]
    assert _files_containing(data_dir, needles) == []
    assert _files_containing(tmp, needles) == []
    assert _sqlite_headers(data_dir) == []
    assert _sqlite_headers(tmp) == []


def test_no_plaintext_at_rest(tmp_path: Path) -> None:
    marker = "canary" + secrets.token_hex(8)
    data_dir = tmp_path / "data"
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    outside = tmp_path / "outside"  # the user's own files: plaintext by definition
    outside.mkdir()
    env = {"TMPDIR": str(tmp), "SQLITE_TMPDIR": str(tmp)}

    assert run_cli("init", data_dir=data_dir, env=env).code == 0
    report = minimal_report(
        title=f"Abduction near Tonka {marker}",
        narrative=f"Witness said {marker} was taken at dawn.\n" * 50,
        tags=[marker],
        location={"name": f"Tonka {marker}", "lat": 16.131, "lon": -3.749, "adm1_pcode": "ML06"},
        actors=[{"name": f"{marker} group", "type": "rebel_group", "role": "perpetrator"}],
    )
    added = run_cli(
        "report", "add", "--json", "-", data_dir=data_dir, stdin=json.dumps(report), env=env
    )
    assert added.code == 0, added.err
    attachment = outside / f"photo-{marker}.txt"
    attachment.write_bytes((f"{marker} " * 20000).encode() + os.urandom(100_000))
    attached = run_cli(
        "report", "attach", added.out.strip(), str(attachment), data_dir=data_dir, env=env
    )
    assert attached.code == 0, attached.err
    # Reading and searching also must not spill to disk.
    assert (
        marker
        in run_cli("report", "list", "--json", "--search", marker, data_dir=data_dir, env=env).out
    )
    assert run_cli("doctor", data_dir=data_dir, env=env).code == 0
    _scan(data_dir, tmp, marker)

    changed = run_cli(
        "passphrase",
        "change",
        data_dir=data_dir,
        env={**env, "FIELDREPORT_NEW_PASSPHRASE": "another long passphrase"},
    )
    assert changed.code == 0, changed.err
    _scan(data_dir, tmp, marker)
    listed = run_cli(
        "report", "list", "--json", data_dir=data_dir, env=env, passphrase="another long passphrase"
    )
    assert marker in listed.out
    _scan(data_dir, tmp, marker)
