"""A guard against a reference-counting bug of PySide6's `SignalInstance.emit`.

With PySide6 6.12 on Python 3.11, every `emit()` returns `True` without taking a reference,
so each emit takes one reference away from `True`; after a few thousand emits (one per
search, one per progress step of an export) the interpreter aborts with "bool_dealloc:
deallocating True". Python 3.12 makes `True` immortal and hides the bug.

At import, a few emits are measured; only if `True` loses references is `emit` wrapped to
give the missing reference back. Nothing changes where PySide is correct.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

PROBES = 8


class _Probe(QObject):
    ping = Signal()


def emit_leaks_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:  # give back what the probe itself took away
        for _ in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= PROBES


def install() -> bool:
    """Wrap `SignalInstance.emit` when it leaks; returns True if it was wrapped."""
    if getattr(SignalInstance.emit, "_fieldreport_fixed", False) or not emit_leaks_true():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]

    def emit(self: SignalInstance, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            incref(result)  # the reference emit() should have returned
        return result

    emit._fieldreport_fixed = True  # type: ignore[attr-defined]
    SignalInstance.emit = emit  # type: ignore[method-assign]
    return True


install()
