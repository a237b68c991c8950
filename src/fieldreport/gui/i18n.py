"""Languages: Qt Linguist translations, switched live; right-to-left for Arabic.

The language preference is kept outside the encrypted store (preferences.json in the data
folder) because the unlock screen must already speak it. It reveals only the language.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from fieldreport.fsutil import atomic_write_bytes

LANGUAGES = {"en": "English", "fr": "Français", "ar": "العربية"}
RIGHT_TO_LEFT = {"ar"}
PREFERENCES = "preferences.json"

_installed: list[QTranslator] = []
_current = {"language": "en"}


def current_language() -> str:
    """The language of the interface, for data labels (the taxonomy has en and fr)."""
    return _current["language"]


def translations_dir() -> Path:
    return Path(str(resources.files("fieldreport.resources").joinpath("translations")))


def set_language(app: QApplication, language: str) -> bool:
    """Install `language` (English needs no file). Returns False if its file is missing."""
    _current["language"] = language
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    ok = True
    if language != "en":
        ours = QTranslator()
        ok = ours.load(str(translations_dir() / f"fieldreport_{language}.qm"))
        if ok:
            QCoreApplication.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator()  # Qt's own strings: standard buttons, dialogs
        if qt.load(
            QLocale(language),
            "qtbase",
            "_",
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            QCoreApplication.installTranslator(qt)
            _installed.append(qt)
    app.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft
        if language in RIGHT_TO_LEFT
        else Qt.LayoutDirection.LeftToRight
    )
    return ok


def saved_language(data_dir: Path) -> str:
    try:
        value = json.loads((data_dir / PREFERENCES).read_text("utf-8")).get("language")
    except (OSError, ValueError, AttributeError):
        value = None
    if value in LANGUAGES:
        return str(value)
    system = QLocale.system().name()[:2]
    return system if system in LANGUAGES else "en"


def save_language(data_dir: Path, language: str) -> None:
    if data_dir.is_dir():
        atomic_write_bytes(data_dir / PREFERENCES, json.dumps({"language": language}).encode())
