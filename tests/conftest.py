"""Shared test setup: offscreen Qt, floor-cost KDF, a store fixture, a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Floor Argon2id parameters (t=3, 64 MiB): calibration is tested on its own.
os.environ["FIELDREPORT_KDF_NO_CALIBRATION"] = "1"
for var in (
    "FIELDREPORT_PASSPHRASE",
    "FIELDREPORT_DATA_DIR",
    "FIELDREPORT_NEW_PASSPHRASE",
    "FIELDREPORT_DURESS_PASSPHRASE",
):
    os.environ.pop(var, None)

PASSPHRASE = "correct horse battery staple"
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def minimal_report(**overrides: Any) -> dict[str, Any]:
    """The contract's minimal valid input."""
    report: dict[str, Any] = {
        "title": "Checkpoint on the Timbuktu–Goundam road",
        "occurred_at": "2026-11-20T14:30:00+00:00",
        "event_type": "Strategic developments",
        "sub_event_type": "Other",
        "location": {"name": "Tonka", "lat": 16.131, "lon": -3.749, "adm1_pcode": "ML06"},
        "narrative": "Armed men stopped two trucks and checked phones.",
        "severity": 3,
    }
    report.update(overrides)
    return report


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Any]:
    from fieldreport.store.store import Store

    s = Store.init(data_dir, PASSPHRASE, key_type="x25519")
    yield s
    s.close()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def tool_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for running our programs: none of the caller's FIELDREPORT_ settings,
    the fast test KDF, then `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDREPORT_")}
    env["FIELDREPORT_KDF_NO_CALIBRATION"] = "1"
    env.update(extra or {})
    return env


def run_cli(
    *args: str,
    data_dir: Path | None = None,
    passphrase: str | None = PASSPHRASE,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> CliResult:
    """Run `fieldreport` as a real process, the way a user or a script does."""
    full_env = tool_env({"FIELDREPORT_PASSPHRASE": passphrase} if passphrase is not None else None)
    full_env.update(env or {})
    argv = [sys.executable, "-m", "fieldreport.cli.main"]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    proc = subprocess.run(
        [*argv, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli_store(data_dir: Path) -> Path:
    """A store made by `fieldreport init` (x25519 keys, floor KDF)."""
    result = run_cli("init", "--key-type", "x25519", data_dir=data_dir)
    assert result.code == 0, result.err
    return data_dir
