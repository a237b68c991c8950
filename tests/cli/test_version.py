"""`--version`: one version (pyproject.toml) and the commit of the build."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

from fieldreport import __version__, version


def test_the_version_is_the_one_of_pyproject() -> None:
    pyproject = tomllib.loads((version.CHECKOUT / "pyproject.toml").read_text("utf-8"))
    assert __version__ == pyproject["project"]["version"]


def test_a_packaged_build_names_its_baked_in_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    build = types.ModuleType("fieldreport._build")
    build.VERSION, build.COMMIT = __version__, "abc1234"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fieldreport._build", build)
    assert version.version_line() == f"fieldreport {__version__} (abc1234)"
    build.COMMIT = ""  # type: ignore[attr-defined]
    assert version.version_line() == f"fieldreport {__version__}"


def test_outside_a_checkout_there_is_no_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert version.checkout_commit(tmp_path) is None
    monkeypatch.setattr(version, "CHECKOUT", tmp_path)
    assert version.version_line() == f"fieldreport {__version__}"


def test_a_checkout_gives_its_commit_and_says_when_it_is_modified(tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t", *args],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    git("init", "-q")
    (tmp_path / "a.txt").write_text("1")
    git("add", "a.txt")
    git("commit", "-q", "-m", "one")
    head = git("rev-parse", "--short=7", "HEAD")
    assert version.checkout_commit(tmp_path) == head
    (tmp_path / "a.txt").write_text("2")
    assert version.checkout_commit(tmp_path) == f"{head}-dirty"
