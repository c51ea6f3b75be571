"""A guard against a reference-counting bug of PySide6 6.12 on Python 3.11.

``SignalInstance.emit()`` returns ``True`` without taking a new reference, so every ``emit`` call from Python
takes one reference of ``True`` away. ``True`` starts with a few hundred; after that many emits Python frees it
and the process aborts ("Fatal Python error: bool_dealloc"). The window emits on every saved change, every
background result and every progress step, so a working day would end in a crash.

Python 3.12 and later make ``True`` immortal, and a fixed PySide6 does not lose the reference: the guard first
checks whether one emit loses it, and only then gives ``True`` a billion spare references (it is never freed
anyway, so they cost nothing).
"""

from __future__ import annotations

import ctypes
import sys

SPARE = 1_000_000_000


def emit_loses_a_reference() -> bool:
    """Whether ``emit()`` takes a reference of ``True`` in the PySide6 loaded here."""
    from PySide6.QtCore import QObject, Signal

    class Probe(QObject):
        sig = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.sig.emit()
    return sys.getrefcount(True) <= before - 8


def guard_signal_refcounts() -> bool:
    """Give ``True`` spare references if this PySide6 loses one per emit; returns whether it did."""
    if sys.version_info >= (3, 12) or not emit_loses_a_reference():
        return False
    ctypes.c_ssize_t.from_address(id(True)).value += SPARE  # ob_refcnt is the first field of every object
    return True
