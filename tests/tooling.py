"""Helpers for tests that need an external program (age, minisign, zstd, pg_ctl…).

Locally a missing tool skips the test with a hint; in CI (CI=true) it fails, so a green CI
run always means the interop was really checked.
"""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """Return the path of program `name`, or skip (locally) / fail (CI) when it is missing."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (apt-get install {name}); .ci/run installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
