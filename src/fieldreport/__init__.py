"""FieldReport: offline-first, encrypted incident reporting."""

import importlib
from importlib.metadata import PackageNotFoundError, version

try:  # the packaged program: written at package time from pyproject.toml (fieldreport.spec)
    __version__: str = importlib.import_module("fieldreport._build").VERSION
except ImportError:
    try:
        __version__ = version("fieldreport")
    except PackageNotFoundError:  # running from a source tree that was not installed
        __version__ = "0.0.0+unknown"
