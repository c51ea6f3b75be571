"""A guard against a reference-counting bug of PySide6 6.12 on Python 3.11.

This PySide6 treats Python's singletons as immortal, as they are from Python 3.12 on: it hands out ``True``,
``False`` and ``None`` without taking a reference. On Python 3.11 every ``emit()`` then takes a reference of
``True`` away, and every queued slot call, timer callback and repaint of a table one of ``None``. ``True``
starts with a few hundred references, ``None`` with some tens of thousands; when one reaches zero Python frees it
and the process aborts ("Fatal Python error: bool_dealloc" / "none_dealloc") — within minutes of real use.

The guard first checks whether one emit loses a reference, and only then gives each singleton a billion spare
references (they are never freed anyway, so the spares cost nothing). On Python 3.12 and later, or with a
PySide6 that keeps its references, it does nothing.
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
    """Give the singletons spare references if this PySide6 loses them; returns whether it did."""
    if sys.version_info >= (3, 12) or not emit_loses_a_reference():
        return False
    for singleton in (None, True, False, Ellipsis, NotImplemented):
        ctypes.c_ssize_t.from_address(id(singleton)).value += SPARE  # ob_refcnt: the first field of an object
    return True


def skip_feature_scan() -> bool:
    """Stop PySide6 reading the source of every module imported after it. It replaces ``__import__`` to
    support its optional ``from __feature__ import snake_case, true_property``, and after each import reads the
    module's whole source (``inspect.getsource``) to see whether it names PySide6 (napari/napari#8584): 35 ms,
    a tenth of this window's start-up. Inspector selects no such feature, so a module counts as using PySide6
    when its name says so. Returns whether the check was replaced (a PySide6 without it is left alone)."""
    import PySide6.QtCore  # noqa: F401  (loads the feature module)

    feature = sys.modules.get("shibokensupport.feature")
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _named_for_pyside
    return True


def _named_for_pyside(module: object) -> bool:
    return str(getattr(module, "__name__", "")).startswith(("PySide6", "shiboken6", "inspector.ui"))


class GuiThreadCollector:
    """Python's cycle collector run on the GUI thread only.

    The collector runs on whichever thread happens to allocate when its thresholds are reached — a worker of
    the background helper as often as not. A widget in a reference cycle (a dialog whose Python object its own
    slots point back to, once the dialog is closed) is then deleted on that worker: Qt emits its ``destroyed``
    across threads and the GUI thread later touches freed memory (QLabel's buddy bookkeeping, for one), and the
    window crashes at a random moment of a long session. So automatic collection is switched off and a timer on
    the GUI thread collects with the same thresholds instead (the pattern of Camelot's GarbageCollector)."""

    INTERVAL_MS = 100
    FULL_EVERY_S = 30.0  # a full collection at most this often (CPython's own rule also spaces them out)

    def __init__(self, app) -> None:
        import gc
        import time

        from PySide6.QtCore import QTimer

        self.gc, self.clock = gc, time.monotonic
        self.thresholds = gc.get_threshold()
        self.last_full = self.clock()
        gc.disable()
        gc.freeze()  # what start-up made lives as long as the program: full collections need not scan it
        self.timer = QTimer(app)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> None:
        """What the automatic collector would have done since the last tick: each generation whose count is past
        its threshold, the younger first (collecting one generation moves the count of the next)."""
        for generation in (0, 1, 2):
            if self.gc.get_count()[generation] <= self.thresholds[generation]:
                return
            if generation == 2:
                if self.clock() - self.last_full < self.FULL_EVERY_S:
                    return
                self.last_full = self.clock()
            self.gc.collect(generation)


_COLLECTOR: GuiThreadCollector | None = None


def collect_on_gui_thread(app) -> None:
    """Start the :class:`GuiThreadCollector` once per application (idempotent)."""
    global _COLLECTOR
    if _COLLECTOR is None or _COLLECTOR.timer.parent() is not app:
        _COLLECTOR = GuiThreadCollector(app)
