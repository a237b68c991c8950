"""`fieldreport` with no command: open the desktop window."""

from __future__ import annotations

import argparse
import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

from fieldreport.cli import context


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


# Debian/Ubuntu package for each X11 library Qt's xcb plugin needs and fresh images lack.
X11_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def missing_x11_libraries() -> list[str]:
    """System libraries Qt's X11 plugin cannot find (Qt aborts without a Python exception)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or platform not in ("", "xcb"):
        return []
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return []
    from PySide6.QtCore import QLibraryInfo

    plugin = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    missing: list[str] = []
    for candidate in plugin.glob("libqxcb*.so"):
        try:
            out = subprocess.run(
                ["ldd", str(candidate)], capture_output=True, text=True, timeout=10, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return []  # cannot tell: let Qt try
        missing += [line.split()[0] for line in out.splitlines() if "not found" in line]
    # libxcb-cursor is opened at run time, so ldd does not list it.
    if not ctypes.util.find_library("xcb-cursor"):
        missing.append("libxcb-cursor.so.0")
    return sorted(set(missing))


def run(args: argparse.Namespace) -> int:
    if not has_display():
        print(
            "error: no display found; on a machine without a screen run with "
            "QT_QPA_PLATFORM=offscreen (or under xvfb-run)",
            file=sys.stderr,
        )
        return 1
    missing = missing_x11_libraries()
    if missing:
        packages = " ".join(sorted({X11_PACKAGES.get(lib, lib) for lib in missing}))
        print(
            f"error: the desktop window needs system libraries that are missing "
            f"({', '.join(missing)}): apt-get install {packages}; "
            "or run with QT_QPA_PLATFORM=offscreen",
            file=sys.stderr,
        )
        return 1
    from fieldreport.gui.app import run_app

    return run_app(context.data_dir(args))
