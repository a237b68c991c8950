"""`fieldreport mappack install FILE|DIR` and `mappack list`, as real processes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def test_install_and_list(tiny_pack: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    result = run_cli("mappack", "install", str(tiny_pack), "--json", data_dir=data_dir,
                     passphrase=None)  # fmt: skip
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary["id"] == "tiny" and summary["layers"] == {"admin1": 2}
    assert summary["settlements"] == 2 and summary["active"] is True
    listed = run_cli("mappack", "list", "--json", data_dir=data_dir, passphrase=None)
    assert json.loads(listed.out) == [
        {"id": "tiny", "name": "Tiny test pack", "version": "1", "active": True}
    ]
    text = run_cli("mappack", "install", str(tiny_pack), data_dir=data_dir, passphrase=None)
    assert text.code == 0 and text.out.startswith("installed tiny 1: 2 admin1, 2 settlements")


def test_refusals_are_one_line(tmp_path: Path) -> None:
    for source, message in [
        (tmp_path / "none", "no such file or folder"),
        (tmp_path, "no mappack.json"),
    ]:
        result = run_cli("mappack", "install", str(source), data_dir=tmp_path / "d",
                         passphrase=None)  # fmt: skip
        assert result.code == 1
        assert result.err.startswith("error:") and message in result.err
        assert len(result.err.strip().splitlines()) == 1
    usage = run_cli("mappack", data_dir=tmp_path / "d", passphrase=None)
    assert usage.code == 2 and usage.err.startswith("error:")


def test_pdf_sitrep_draws_the_installed_pack(
    sample_pack: Path, cli_store: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    assert run_cli("mappack", "install", str(sample_pack), data_dir=cli_store).code == 0
    report = tmp_path / "r.json"
    report.write_text(json.dumps({
        "title": "Checkpoint", "occurred_at": "2026-11-20T14:30:00+00:00",
        "event_type": "Strategic developments", "sub_event_type": "Other",
        "location": {"name": "Tonka", "lat": 16.131, "lon": -3.749, "adm1_pcode": "ML06"},
        "severity": 3, "sharing_level": "public"}))  # fmt: skip
    assert run_cli("report", "add", "--json", str(report), data_dir=cli_store).code == 0
    out = tmp_path / "sitrep.pdf"
    result = run_cli("export", "--format", "pdf", "--out", str(out), data_dir=cli_store)
    assert result.code == 0, result.err
    text = "\n".join(p.extract_text() or "" for p in PdfReader(out).pages)
    assert "geoBoundaries" in text  # the pack's attribution under the map
    assert "No map pack installed" not in text


def test_search_places(tiny_pack: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    none_yet = run_cli("mappack", "search", "Tombouctou", "--json", data_dir=data_dir,
                       passphrase=None)  # fmt: skip
    assert none_yet.code == 0, none_yet.err
    timbuktu = json.loads(none_yet.out)[0]
    assert timbuktu["name"] == "Timbuktu" and timbuktu["mgrs"].startswith("30Q VD ")
    assert run_cli("mappack", "install", str(tiny_pack), data_dir=data_dir).code == 0
    found = run_cli("mappack", "search", "koro", data_dir=data_dir, passphrase=None)
    assert found.code == 0
    # GeoNames' Koro (an exact name) ranks before the pack's "Koro Tiny" (alias Koro).
    lines = found.out.splitlines()
    assert lines[1].split()[0] == "Koro"
    tiny = next(line for line in lines if line.startswith("Koro Tiny"))
    assert tiny.split()[-3:] == ["ZZ01", "ZZ", "settlements"]
    nothing = run_cli("mappack", "search", "qqqzzz", data_dir=data_dir, passphrase=None)
    assert nothing.code == 0 and "no place matches" in nothing.err
