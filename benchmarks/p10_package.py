"""P10: the packaged field program on disk (≤ 250 MB), and P8 packaged: from exec to the
unlock window painted (≤ 1.5 s). Measures dist/fieldreport/ as `make package` left it; skips
with a note when it is absent.

Start-up: the program is started in a clean environment (no virtual environment on PATH),
offscreen, on an existing store (so the window is the unlock screen), with
FIELDREPORT_QUIT_WHEN_SHOWN: it prints one line once the window has been painted, which is
when the clock stops. The first run is a warm-up (disk cache), the median of the rest counts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "fieldreport"
BUDGET_MB = 250
BUDGET_START_S = 1.5
SHOWN = b"fieldreport: window shown"
PASSPHRASE = "benchmark store, thrown away"


def executable(dist: Path = DIST) -> Path:
    return dist / ("fieldreport.exe" if os.name == "nt" else "fieldreport")


def folder_mb(folder: Path) -> float:
    """Space on disk (allocated blocks where the system says, else file sizes), 10^6 bytes."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            total += getattr(info, "st_blocks", 0) * 512 or info.st_size
    return total / 1e6


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    for name in ("SYSTEMROOT", "TEMP", "TMP"):  # Windows cannot start a process without them
        if name in os.environ:
            env[name] = os.environ[name]
    env.update(QT_QPA_PLATFORM="offscreen", FIELDREPORT_KDF_NO_CALIBRATION="1", **extra)
    return env


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    seen = b""
    for line in proc.stderr:
        seen += line
        if line.startswith(SHOWN):
            elapsed = time.perf_counter() - start
            break
    else:
        proc.wait()
        raise RuntimeError(f"the window was never shown: {seen.decode(errors='replace')[-500:]}")
    proc.stderr.close()
    proc.wait(timeout=30)
    return elapsed


def start_seconds(command: list[str], rounds: int, env_extra: dict[str, str]) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        home, store = Path(tmp), Path(tmp) / "store"
        env = clean_env(home, **env_extra)
        (home / "pass").write_text(PASSPHRASE + "\n")
        init = ["init", "--key-type", "x25519", "--passphrase-file", str(home / "pass")]
        subprocess.run(
            [*command, "--data-dir", str(store), *init],
            env=env,
            check=True,
            capture_output=True,
        )
        window = [*command, "--data-dir", str(store)]
        show = {**env, "FIELDREPORT_QUIT_WHEN_SHOWN": "1"}
        time_to_window(window, show)  # warm-up
        return [time_to_window(window, show) for _ in range(rounds)]


def run(quick: bool = False, dist: Path = DIST) -> dict[str, Any]:
    """{"P10": …, "P8": …} for the packaged program; both skipped when it was not built."""
    exe = executable(dist)
    if not exe.exists():
        note = f"skipped: {exe.relative_to(ROOT)} not found; run 'make package' first"
        return {"P10": {"value": None, "ok": None, "note": note}, "P8": None}
    size = folder_mb(dist)
    p10 = {
        "value": round(size, 1),
        "unit": "MB",
        "budget": f"<= {BUDGET_MB} MB (one folder, {sys.platform})",
        "ok": size <= BUDGET_MB,
        "files": sum(1 for p in dist.rglob("*") if p.is_file()),
    }
    rounds = 3 if quick else 7
    packaged = start_seconds([str(exe)], rounds, {})
    # The same from source, for comparison (performance.md: ≤ 1.0 s from source).
    source = start_seconds(
        [sys.executable, "-m", "fieldreport.cli.main"],
        rounds,
        {"PYTHONPATH": str(ROOT / "src")},
    )
    value = statistics.median(packaged)
    p8 = {
        "value": round(value, 3),
        "unit": "s",
        "budget": f"<= {BUDGET_START_S} s packaged (exec to unlock window painted)",
        "ok": value <= BUDGET_START_S,
        "packaged_worst_s": round(max(packaged), 3),
        "from_source_s": round(statistics.median(source), 3),
        "rounds": rounds,
    }
    return {"P10": p10, "P8": p8}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--dist", type=Path, default=DIST, help="the one-folder build")
    args = parser.parse_args()
    print(json.dumps(run(args.quick, args.dist), indent=2))
