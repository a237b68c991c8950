"""The core (domain, store, crypto, bundle, sync, exports, geo) never imports Qt or a web framework.

Checked two ways: an AST walk over every core module (catches imports inside functions too)
and import-linter's contract in pyproject.toml.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "fieldreport"
CORE = ("domain", "store", "crypto", "bundle", "trust", "sync", "exports", "geo")
FORBIDDEN = (
    "PySide6",
    "shiboken6",
    "fastapi",
    "starlette",
    "uvicorn",
    "fieldreport.gui",
    "fieldreport.cli",
    "fieldreport.hq",
)


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("package", CORE)
def test_core_package_imports_no_ui_or_web(package: str) -> None:
    files = list((SRC / package).rglob("*.py"))
    assert files, f"{package} has no modules"
    offending = [
        f"{path.relative_to(SRC)} imports {name}"
        for path in files
        for name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
    ]
    assert offending == []


def test_the_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtWidgets import QWidget\n")
    assert "PySide6.QtWidgets" in _imports(bad)


def test_import_linter_contract() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is not installed (make install)"
    result = subprocess.run([lint], capture_output=True, text=True, cwd=SRC.parents[1])
    assert result.returncode == 0, result.stdout + result.stderr
