"""Importing the workspace off the GUI thread.

The unlock window needs almost nothing; the store (SQLAlchemy, Alembic, SQLCipher) and the
workspace views take about a second to import on a field laptop. They are imported in a
worker once the unlock window is painted, and again (a no-op by then) at the start of the
unlock job, so that neither start-up (P8) nor the moment of unlock pays for them on the
GUI thread.
"""

from __future__ import annotations

import gc
import importlib

WORKSPACE_MODULES = (
    "fieldreport.store.store",
    "fieldreport.trust.install",
    "fieldreport.gui.reports_view",
    "fieldreport.gui.outbox_view",
    "fieldreport.gui.settings_view",
    "fieldreport.gui.report_editor",
    "fieldreport.gui.first_run",
    "fieldreport.gui.map_view",
    "fieldreport.gui.charts_view",
    "fieldreport.gui.export_dialog",
    "fieldreport.gui.sync_status",
    "fieldreport.gui.advisories_view",
)


def preload() -> None:
    for name in WORKSPACE_MODULES:
        importlib.import_module(name)
    # Everything imported so far lives as long as the program: keep it out of the garbage
    # collector's full passes, which would otherwise walk it again and again (pauses of
    # tens of ms that hold the GIL and so freeze the window).
    gc.freeze()
