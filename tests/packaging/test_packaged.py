"""The packaged program (`make package` → dist/fieldreport/), run as IT would: a clean
environment, no virtual environment on PATH, a fresh HOME.

Skipped when dist/ holds no build, unless FIELDREPORT_REQUIRE_PACKAGE=1 (.ci/run sets it after
building, so that a broken build cannot pass as skipped).
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import tomllib
from pathlib import Path

import pytest

from fieldreport.paths import StoreLayout
from fieldreport.store import device, migrate, reports, vault
from fieldreport.store.engine import make_engine
from fieldreport.store.tables import DEVICE
from tests.conftest import PASSPHRASE, minimal_report

ROOT = Path(__file__).resolve().parents[2]
EXE = ROOT / "dist" / "fieldreport" / ("fieldreport.exe" if os.name == "nt" else "fieldreport")

if not EXE.exists():
    if os.environ.get("FIELDREPORT_REQUIRE_PACKAGE") == "1":
        raise RuntimeError(f"{EXE} is missing: 'make package' did not build it")
    pytest.skip("no packaged build: run 'make package'", allow_module_level=True)


def packaged(*args: str, home: Path, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "FIELDREPORT_KDF_NO_CALIBRATION": "1",
        "FIELDREPORT_PASSPHRASE": PASSPHRASE,
    }
    return subprocess.run(
        [str(EXE), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        umask=umask,
        check=False,
    )


def test_version_names_the_version_of_pyproject_and_the_commit(tmp_path: Path) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    result = packaged("--version", home=tmp_path)
    assert result.returncode == 0, result.stderr
    version = re.escape(pyproject["project"]["version"])
    commit = r" \([0-9a-f]{7,}(-dirty)?\)"  # baked in at package time from git
    if not (ROOT / ".git").exists() and not os.environ.get("FIELDREPORT_COMMIT"):
        commit = f"({commit})?"  # built from a source archive
    assert re.fullmatch(rf"fieldreport {version}{commit}", result.stdout.strip())


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_default_data_folder_is_created_owner_only(tmp_path: Path) -> None:
    result = packaged("init", "--key-type", "x25519", "--json", home=tmp_path, umask=0o022)
    assert result.returncode == 0, result.stderr
    folder = Path(json.loads(result.stdout)["data_dir"])
    assert folder.is_relative_to(tmp_path)  # the platform's folder under HOME
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    loose = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in folder.rglob("*")}
    assert loose and not {n: m for n, m in loose.items() if int(m, 8) & 0o077}, loose


def test_the_packaged_program_migrates_an_old_store(tmp_path: Path) -> None:
    """Alembic loads env.py and versions/*.py from files: they must be in the package."""
    folder = tmp_path / "old"
    key = vault.create(StoreLayout(folder), PASSPHRASE)
    engine = make_engine(StoreLayout(folder).database, key, create=True)
    migrate.upgrade(engine, "0001")
    keys = device.generate("field", "x25519")
    with engine.begin() as conn:
        conn.execute(DEVICE.insert().values(**keys.to_row()))
        saved = reports.create_report(conn, minimal_report(), keys.device_id)
    engine.dispose()

    result = packaged("--data-dir", str(folder), "report", "list", "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == [saved.report_id]
    engine = make_engine(StoreLayout(folder).database, key)
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()


def test_self_test_passes_outside_the_virtual_environment(tmp_path: Path) -> None:
    result = packaged("self-test", home=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "main window opened" in result.stderr + result.stdout


def test_the_relay_and_the_test_tools_are_not_in_the_package() -> None:
    internal = EXE.parent / "_internal"
    names = {p.name for p in internal.iterdir()}
    for unwanted in ("fastapi", "starlette", "uvicorn", "psycopg", "pytest", "hypothesis"):
        assert unwanted not in names
    assert not (internal / "fieldreport" / "hq").exists()
    # The archive of compiled modules is appended to the executable; its index names them.
    archive = (EXE.parent / EXE.name).read_bytes()
    assert b"fieldreport.store.migrate" in archive
    for module in (b"fieldreport.hq", b"fieldreport.demo", b"fastapi", b"uvicorn", b"pytest"):
        assert module not in archive


def test_every_command_and_export_format_is_in_the_package(tmp_path: Path) -> None:
    """Commands and export formats are imported by name (cli/main.py, exports/registry.py):
    each must have been put in the package, with the libraries it uses (reportlab, openpyxl,
    httpx)."""
    data = ["--data-dir", str(tmp_path / "store")]
    assert packaged(*data, "init", "--key-type", "x25519", home=tmp_path).returncode == 0
    report = tmp_path / "report.json"
    report.write_text(json.dumps(minimal_report(title="Packaged export")), "utf-8")
    added = packaged(*data, "report", "add", "--json", str(report), home=tmp_path)
    assert added.returncode == 0, added.stderr
    for fmt in ("csv", "hxl", "xlsx", "geojson", "kml", "acled", "pdf"):
        out = tmp_path / f"export.{fmt}"
        result = packaged(*data, "export", "--format", fmt, "--out", str(out), home=tmp_path)
        assert result.returncode == 0, f"{fmt}: {result.stderr}"
        assert out.stat().st_size > 0
    assert (tmp_path / "export.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "export.xlsx").read_bytes().startswith(b"PK")  # a zip: the workbook
    # `sync` loads httpx; without a profile naming a relay it says so on one line.
    synced = packaged(*data, "sync", "--once", home=tmp_path)
    assert synced.returncode == 1 and synced.stderr.startswith("error: no relay URL"), synced.stderr
    for command in ("mappack", "trust", "bundle", "receipt", "profile", "device", "doctor"):
        helped = packaged(command, "--help", home=tmp_path)
        assert helped.returncode == 0, f"{command}: {helped.stderr}"
