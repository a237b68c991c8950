"""Forms designed in Qt Designer (`ui/*.ui`), compiled by `make ui` with pyside6-uic into
`gui/generated/` (not committed). From a source checkout where that was not run yet, the
.ui file is compiled in memory instead, so `python -m fieldreport` still works."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

UI_DIR = Path(__file__).resolve().parents[3] / "ui"


def form_class(name: str) -> Any:
    """The generated `Ui_…` class for ui/<name>.ui."""
    try:
        module = importlib.import_module(f"fieldreport.gui.generated.ui_{name}")
    except ModuleNotFoundError:
        from PySide6.QtUiTools import loadUiType

        path = UI_DIR / f"{name}.ui"
        if not path.exists():
            raise RuntimeError(f"form {name} was not built: run 'make ui'") from None
        generated, _base = loadUiType(str(path))
        return generated
    return next(getattr(module, attr) for attr in dir(module) if attr.startswith("Ui_"))
