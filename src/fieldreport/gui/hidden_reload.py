"""Views that read every report matching the filter reload only while someone sees them.

The map and the charts each read all matching reports (100k on a big store). A bundle
imported or exported, or a letter typed in the shared search, asks both to reload; doing it
for tabs nobody looks at filled the CPU with work whose result was never shown and, through
the GIL, made the window stutter. A reload asked while the view is hidden now waits until
it is shown.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class ReloadWhenShown(QWidget):
    """Subclasses implement `load()`; everyone calls `reload()`."""

    _reload_pending = False

    def reload(self) -> None:
        if self.isVisible():
            self._reload_pending = False
            self.load()
        else:
            self._reload_pending = True

    def load(self) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent, /) -> None:
        super().showEvent(event)
        if self._reload_pending:
            self.reload()
