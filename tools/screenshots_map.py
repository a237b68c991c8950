"""Screenshots of the map, the charts, the export dialog and a sitrep page: run under xvfb-run.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/screenshots_map.py
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/screenshots_map.py --lang fr

`--qm FILE` loads one more translation file (a scratch .qm built before the branch's strings
are merged into fieldreport_fr.ts).

Seeds the demo store (and the sample map pack when ../shared/data/geo is there) in a
temporary folder, shows each widget in a window, and saves what the X server shows
(QScreen.grabWindow(0): the pixels a user sees). The PDF sitrep's first page is rendered to
PNG with Ghostscript when `gs` is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from fieldreport.demo.__main__ import DEMO_PASSPHRASE, seed
from fieldreport.exports import ExportContext, ExportFilter, export_reports
from fieldreport.geo.mapcontext import map_context
from fieldreport.geo.sample import install_sample_pack
from fieldreport.gui.charts_view import ChartsView
from fieldreport.gui.export_dialog import ExportDialog
from fieldreport.gui.i18n import set_language
from fieldreport.gui.map_model import project
from fieldreport.gui.map_view import MapView
from fieldreport.gui.workers import wait_for_all
from fieldreport.store.store import Store

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SIZE = (1150, 640)


def wait(app: QApplication, seconds: float, until: Callable[[], bool] | None = None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if until is not None and until():
            break
        time.sleep(0.02)
    for _ in range(5):  # let the last paint reach the X server
        app.processEvents()
        time.sleep(0.03)


def shoot(app: QApplication, widget: QWidget, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    geometry = widget.frameGeometry()
    shot = app.primaryScreen().grabWindow(
        0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
    )
    shot.save(str(OUT / name))
    print(f"wrote {OUT / name}")


def show(widget: QWidget, title: str, size: tuple[int, int] = SIZE) -> None:
    widget.setWindowTitle(title)
    widget.resize(*size)
    widget.move(0, 0)
    widget.show()
    widget.raise_()
    widget.activateWindow()


def map_shots(app: QApplication, store: Store, suffix: str, lang: str) -> None:
    view = MapView(store)
    show(view, "FieldReport — Map")
    wait(app, 8, lambda: not view.loading and bool(view.canvas.points))
    wait(app, 1.5)
    shoot(app, view, f"map{suffix}{lang}.png")
    if not suffix:  # with the pack: zoomed on central Mali, villages named, keyboard focus
        view.canvas.center = QPointF(*project(-3.0, 15.2))
        view.canvas.scale = 300.0
        view.canvas.setFocus()
        view.canvas.update()
        wait(app, 1.0)
        shoot(app, view, f"map-zoomed{lang}.png")
    view.close()
    view.deleteLater()


def charts_shots(app: QApplication, store: Store, lang: str) -> None:
    view = ChartsView(store)
    show(view, "FieldReport — Charts", (1000, 520))
    wait(app, 8, lambda: not view.loading)
    for index, name in enumerate(("charts-event-type", "charts-region", "charts-severity")):
        view.tabs.setCurrentIndex(index)
        wait(app, 0.6)
        shoot(app, view, f"{name}{lang}.png")
    view.close()
    view.deleteLater()


def export_shots(app: QApplication, store: Store, tmp: Path, lang: str) -> None:
    dialog = ExportDialog(store)
    show(dialog, "Export reports", (620, dialog.sizeHint().height()))
    dialog.set_format("pdf")
    dialog.partner_safe.setChecked(True)
    dialog.path.setText(str(tmp / "sitrep-partners.pdf"))
    wait(app, 0.8)
    dialog.export_button.click()
    wait(app, 2, lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    box = dialog.confirm_box
    assert box is not None
    wait(app, 0.6)
    shoot(app, box, f"export-warning{lang}.png")
    box.button(QMessageBox.StandardButton.Yes).click()
    wait(app, 60, lambda: dialog.job is None and dialog.last_count is not None)
    wait(app, 0.6)
    shoot(app, dialog, f"export-dialog{lang}.png")
    dialog.close()


def pdf_page(store: Store, folder: Path, tmp: Path, language: str) -> None:
    gs = shutil.which("gs")
    if gs is None:
        print("gs (Ghostscript) not found: no PDF page screenshot", file=sys.stderr)
        return
    maps = map_context(folder, language)
    ctx = ExportContext(
        lang=language,
        outlines=maps.outlines if maps else (),
        country_outlines=maps.countries if maps else (),
        attribution=maps.attribution if maps else "",
    )
    pdf = tmp / "sitrep.pdf"
    export_reports(store, "pdf", pdf, ExportFilter(), ctx)
    for page in (1, 2):
        suffix = "" if language == "en" else f"-{language}"
        target = OUT / f"sitrep-page{page}{suffix}.png"
        subprocess.run(
            [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=png16m", "-r90",
             "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", f"-dFirstPage={page}",
             f"-dLastPage={page}", f"-sOutputFile={target}", str(pdf)],
            check=True,
        )  # fmt: skip
        print(f"wrote {target}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en", choices=("en", "fr"))
    parser.add_argument("--qm", type=Path, help="one more translation file to load")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("error: run under xvfb-run -a (needs an X display)", file=sys.stderr)
        return 1
    os.environ.setdefault("FIELDREPORT_KDF_NO_CALIBRATION", "1")
    app = QApplication(sys.argv[:1])
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    set_language(app, args.lang)
    extra = QTranslator()
    if args.qm is not None and extra.load(str(args.qm)):
        QCoreApplication.installTranslator(extra)
    lang = "" if args.lang == "en" else f"-{args.lang}"
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        bare = tmp / "no-pack"
        seed(bare)
        with Store.open(bare, DEMO_PASSPHRASE) as store:
            map_shots(app, store, "-no-pack", lang)
            wait_for_all()
        folder = tmp / "demo"
        seed(folder)
        if not install_sample_pack(folder):
            print("sample geo data not found: the map shots show the plain grid", file=sys.stderr)
        with Store.open(folder, DEMO_PASSPHRASE) as store:
            map_shots(app, store, "", lang)
            charts_shots(app, store, lang)
            export_shots(app, store, tmp, lang)
            wait_for_all()
            pdf_page(store, folder, tmp, args.lang)
    QTimer.singleShot(0, app.quit)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
