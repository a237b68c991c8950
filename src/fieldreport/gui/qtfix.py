"""Guards against the reference-counting bugs of PySide6 6.12.0 on Python 3.11.

That release returns `None` from every void method (setText, setValue, processEvents…) and
`True` from every `emit()` without taking a reference: each call takes one reference away
from the singleton, and after enough calls the interpreter aborts ("none_dealloc" /
"bool_dealloc: deallocating True"), e.g. in the middle of exporting 100k reports. Python 3.12
makes these objects immortal and hides the bug; PySide6 6.11.3 does not have it, and
pyproject.toml excludes 6.12.

At import: `emit` is wrapped to give the missing reference back when it leaks (emits are the
hot path of the workers), and a leaking void call is reported once on stderr, since no
wrapper can cover every method.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

import PySide6
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


def void_calls_leak_none() -> bool:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(PROBES):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    for _ in range(max(0, lost)):  # give back what the probe took away
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return lost >= PROBES


def warn_if_broken() -> bool:
    """One line on stderr when this PySide build corrupts reference counts."""
    if not void_calls_leak_none():
        return False
    print(
        "warning: this PySide6 build loses a reference to None on every call "
        f"(PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}); long sessions "
        "will abort. Install PySide6-Essentials<6.12 or use Python 3.12.",
        file=sys.stderr,
    )
    return True


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
warn_if_broken()
