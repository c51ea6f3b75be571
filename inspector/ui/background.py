"""The one way to run work off the GUI thread: a QRunnable on the global pool, callbacks back on the GUI thread.

The work function never touches widgets; it may report progress through the ``progress`` callable it is given
and should return promptly when ``cancelled()`` becomes true.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Signals(QObject):
    sig_done = Signal(object)
    """The work's return value."""
    sig_failed = Signal(object)
    """The exception the work raised."""
    sig_progress = Signal(int, str)
    """Percent done and a short description."""


class _Relay(QObject):
    """Lives on the GUI thread, so signals emitted by the worker reach the callbacks there (queued)."""

    def __init__(self, on_done: Callable[[Any], None], on_failed: Callable[[Exception], None],
                 on_progress: Callable[[int, str], None] | None) -> None:
        super().__init__()
        self.on_done, self.on_failed, self.on_progress = on_done, on_failed, on_progress

    @Slot(object)
    def done(self, result: Any) -> None:
        self.on_done(result)

    @Slot(object)
    def failed(self, exc: Exception) -> None:
        self.on_failed(exc)

    @Slot(int, str)
    def progress(self, percent: int, text: str) -> None:
        if self.on_progress:
            self.on_progress(percent, text)


class Job(QRunnable):
    """A piece of work with success/failure callbacks; keep a reference while it runs."""

    def __init__(self, work: Callable[..., Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def cancelled(self) -> bool:
        return self._cancelled

    def run(self) -> None:
        try:
            result = self.work(progress=self.signals.sig_progress.emit, cancelled=self.cancelled)
        except Exception as exc:
            self.signals.sig_failed.emit(exc)
        else:
            self.signals.sig_done.emit(result)


def run_in_background(work: Callable[..., Any], on_done: Callable[[Any], None],
                      on_failed: Callable[[Exception], None],
                      on_progress: Callable[[int, str], None] | None = None) -> Job:
    """Start ``work(progress=…, cancelled=…)`` on the thread pool; callbacks run on the GUI thread."""
    job = Job(work)
    job.setAutoDelete(False)
    job.relay = _Relay(on_done, on_failed, on_progress)
    job.signals.sig_done.connect(job.relay.done)
    job.signals.sig_failed.connect(job.relay.failed)
    job.signals.sig_progress.connect(job.relay.progress)
    QThreadPool.globalInstance().start(job)
    return job
