"""A test helper that fails when the Qt event loop is blocked longer than a limit (100 ms by default).

A QTimer on the GUI thread beats every 10 ms and stamps a monotonic clock; a watchdog thread looks at the stamp
and, while it is older than the limit, keeps the GUI thread's current stack (so the failure says *what* blocked,
not only how long). Work done synchronously by a test between two beats counts too: that is exactly the work a
click or a keystroke would do on the GUI thread.

    with GuiWatchdog(qtbot) as dog:
        qtbot.mouseClick(...)          # the action under test
        qtbot.waitUntil(...)           # let the event loop run until the page shows its data
    # leaving the block raises AssertionError if the loop was blocked longer than the limit

The test machines are shared, and a process that the system does not schedule for a while is not a blocked
event loop: a gap counts only if the GUI thread also spent at least half the limit on the CPU during it
(``strict=True`` counts wall-clock gaps alone). Work done on the GUI thread — a query, a layout of many rows, a
busy loop — is CPU time and is caught either way.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import traceback

from PySide6.QtCore import QTimer

BEAT_MS = 10


class GuiWatchdog:
    """Context manager; ``longest_ms`` is the longest time the event loop could not run."""

    def __init__(self, qtbot, limit_ms: float = 100.0, what: str = "", strict: bool = False) -> None:
        self.qtbot, self.limit_ms, self.what, self.strict = qtbot, limit_ms, what, strict
        self.longest_ms = 0.0
        self.blocked_stack: str = ""
        self._last = 0.0
        self._last_cpu = 0.0
        self.stalls = 0  # gaps over the limit while the GUI thread was not running (a loaded machine)
        self._gui_thread = threading.get_ident()
        self._stop = threading.Event()
        self._timer = QTimer()
        self._timer.setInterval(BEAT_MS)
        self._timer.timeout.connect(self._beat)
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._stack_at = 0.0

    def __enter__(self) -> GuiWatchdog:
        # The program freezes what its start-up made, so a full collection on its GUI thread scans only what the
        # session made since (inspector.ui.qtfix). The test process freezes what earlier tests left in the same
        # way, or a collection of the whole suite's leftovers would be counted as this action's work.
        gc.collect()
        gc.freeze()
        self._last, self._last_cpu = time.monotonic(), time.thread_time()
        self._timer.start()
        self._thread.start()
        self.qtbot.wait(3 * BEAT_MS)  # the first beats, so a block right at the start is measured too
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.qtbot.wait(3 * BEAT_MS)  # a beat after the last action, so work done just before is measured
        self._timer.stop()
        self._stop.set()
        self._thread.join(1)
        self._note(time.monotonic())
        if exc_type is None and self.longest_ms > self.limit_ms:
            raise AssertionError(
                f"GUI thread blocked for {self.longest_ms:.0f} ms (limit {self.limit_ms:.0f} ms)"
                f"{' while ' + self.what if self.what else ''}; it was in:\n{self.blocked_stack}")

    # -- on the GUI thread ----------------------------------------------------------------------------------
    def _beat(self) -> None:
        self._note(time.monotonic())

    def _note(self, now: float) -> None:
        cpu = time.thread_time()
        gap, busy = (now - self._last) * 1000, (cpu - self._last_cpu) * 1000
        self._last, self._last_cpu = now, cpu
        if gap > self.limit_ms and not self.strict and busy < self.limit_ms / 2:
            self.stalls += 1
            if self.longest_ms <= self.limit_ms:
                self.blocked_stack = ""  # the stack taken during the stall says nothing about our code
            return
        if gap > self.longest_ms:
            self.longest_ms = gap
            if gap > self.limit_ms and not self.blocked_stack:
                self.blocked_stack = "(the block ended before the watchdog could look)"

    # -- on the watchdog thread -----------------------------------------------------------------------------
    def _watch(self) -> None:
        while not self._stop.wait(BEAT_MS / 1000):
            age = (time.monotonic() - self._last) * 1000
            if age > self.limit_ms and self._stack_at != self._last:
                self._stack_at = self._last  # one stack per block
                frame = sys._current_frames().get(self._gui_thread)
                if frame is not None and (not self.blocked_stack or self.blocked_stack.startswith("(")):
                    self.blocked_stack = "".join(traceback.format_stack(frame)[-8:])
