"""`fieldreport` with no command: open the desktop window."""

from __future__ import annotations

import argparse
import os
import sys

from fieldreport.cli import context


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run(args: argparse.Namespace) -> int:
    if not has_display():
        print(
            "error: no display found; on a machine without a screen run with "
            "QT_QPA_PLATFORM=offscreen (or under xvfb-run)",
            file=sys.stderr,
        )
        return 1
    from fieldreport.gui.app import run_app

    return run_app(context.data_dir(args))
