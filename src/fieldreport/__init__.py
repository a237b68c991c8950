"""FieldReport: offline-first, encrypted incident reporting."""

from __future__ import annotations

import importlib


def _find_version() -> str:
    try:  # the packaged program: written at package time from pyproject.toml (fieldreport.spec)
        return str(importlib.import_module("fieldreport._build").VERSION)
    except ImportError:
        pass
    # importlib.metadata costs ~0.1 s of imports: only paid by who asks for the version.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fieldreport")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    """`fieldreport.__version__`, computed on first use (PEP 562)."""
    if name == "__version__":
        value = _find_version()
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'fieldreport' has no attribute {name!r}")
