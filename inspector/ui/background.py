"""The one way to run work off the GUI thread, in the style of Anki's ``CollectionOp``.

An :class:`Operation` runs a function on the global thread pool with a :class:`Task`: its own database
connection (``Services.for_worker()``, made and closed on the worker thread, because SQLite connections belong to
one thread), a ``progress`` callable and a ``cancelled`` flag. The function never touches widgets; its result or
exception comes back on the GUI thread to the ``success`` or ``failure`` callback.

Two things make it safe to start work on every keystroke or click:

- **Stale results are dropped.** Operations started with the same ``key`` on the same parent replace each other:
  starting one cancels the one before (and interrupts its query); a replaced or cancelled operation's result
  never reaches its callbacks, so a slow old search cannot overwrite a newer one.
- **Closed pages get nothing.** The callbacks are delivered through a relay owned by the parent widget; when the
  widget is gone, the result is discarded.

Long work (export, import, Excel in and out, reports) asks for a progress dialog with a cancel button through
:meth:`Operation.with_progress`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from inspector.errors import InspectorError
from inspector.ui import qtvalues

if TYPE_CHECKING:
    from inspector.services import Services

_RUNNING: set[Operation] = set()
_LATEST: dict[tuple[int, str], Operation] = {}
_SHOWN = QEvent.Type(QEvent.registerEventType())
_AFTER_PAINT = qtvalues.LOW_EVENT_PRIORITY - 1
"""Below the priority of Qt's own repaint requests, so an event posted with it is handled after the paint that
a partial result asked for."""


class Task:
    """What the work function is given: its own services (if asked for), progress and cancellation."""

    def __init__(self, services: Services | None, report: Callable[[int, str], None],
                 send: Callable[[Any], None] | None = None) -> None:
        self.services = services
        self._report = report
        self._send = send
        self._cancelled = threading.Event()
        self._shown: threading.Event | None = None
        self._hold = threading.Lock()  # services are interrupted only while this task holds them

    def progress(self, percent: int, text: str = "") -> None:
        """Tell the progress dialog how far the work is (0–100) and what it is doing."""
        self._report(int(percent), text)

    def partial(self, value: Any, wait: float = 0.0) -> None:
        """Hand a first part of the result to the ``partial`` callback now (the first page of a long list).

        With ``wait`` (seconds), return only once the GUI thread has shown it and painted (or the time ran out, or
        the work was cancelled): the rest of the work — reading the long list behind a first screen — then does
        not compete with that paint for the interpreter, which the GUI thread would otherwise take back for
        every call into the model it draws."""
        if self._send is None:
            return
        shown = threading.Event() if wait > 0 else None
        self._shown = shown
        self._send((value, shown))
        if shown is not None:
            shown.wait(wait)
            self._shown = None

    def cancelled(self) -> bool:
        """True once the officer pressed 取消 or a newer operation with the same key replaced this one."""
        return self._cancelled.is_set()


class _Signals(QObject):
    sig_done = Signal(object)
    """The work's return value, in a one-element tuple."""
    sig_failed = Signal(object)
    """The exception the work raised, in a one-element tuple."""
    sig_progress = Signal(int, str)
    """Percent done and a short description."""
    sig_partial = Signal(object)
    """A first part of the result, to show before the rest is ready, in a one-element tuple."""


class _Relay(QObject):
    """Lives on the GUI thread as a child of the parent widget, so results arrive there (queued) or not at all."""

    def __init__(self, op: Operation, parent: QObject | None) -> None:
        super().__init__(parent)
        self.op = op
        self.shown: list[threading.Event] = []  # partial results shown, whose paint has not been handled yet

    def after_paint(self, shown: threading.Event) -> None:
        """Tell the worker once the paint that showing a partial result asked for is done."""
        self.shown.append(shown)
        QCoreApplication.postEvent(self, QEvent(_SHOWN), _AFTER_PAINT)

    def customEvent(self, event: QEvent) -> None:
        if event.type() == _SHOWN:
            while self.shown:
                self.shown.pop().set()

    @Slot(object)
    def done(self, box: tuple) -> None:
        self.op._finish(box[0], None)

    @Slot(object)
    def failed(self, box: tuple) -> None:
        self.op._finish(None, box[0])

    @Slot(int, str)
    def progress(self, percent: int, text: str) -> None:
        self.op._show_progress(percent, text)

    @Slot(object)
    def partial(self, box: tuple) -> None:
        value, shown = box[0]
        self.op._show_partial(value)
        if shown is not None:
            self.after_paint(shown)


class _Runner(QRunnable):
    def __init__(self, op: Operation) -> None:
        super().__init__()
        self.op = op
        self.signals = _Signals()

    def run(self) -> None:
        op, task = self.op, self.op.task
        try:
            if op.owner is not None:  # its own connection, made on this thread or kept from earlier reads
                task.services = op.owner.warm_worker() if op.warm else op.owner.for_worker()
            result = op.work(task)
        except Exception as exc:
            self._send(self.signals.sig_failed, exc)
        else:
            self._send(self.signals.sig_done, result)
        finally:
            with task._hold:
                services, task.services = task.services, None
            if services is not None and op.warm:
                op.owner.keep_worker(services)
            elif services is not None:
                services.close()

    @staticmethod
    def _send(signal, value: Any) -> None:
        """Values cross threads in a one-element tuple: a bare ``None`` sent through a queued ``Signal(object)``
        loses a reference each time in this PySide6 (on Python 3.11 that ends in a crash)."""
        with contextlib.suppress(RuntimeError):  # the application is quitting: nobody is left to tell
            signal.emit((value,))


class Operation:
    """``Operation(parent, work, services=…).success(fn).failure(fn).with_progress(text).run_in_background()``.

    ``work(task)`` runs on the thread pool. Without ``services`` the task gets no database connection (parsing a
    file needs none); with ``warm`` (read-only work only) it gets one kept from earlier work, whose page cache
    is still filled. Failures go to the ``failure`` callback, or else to a warning box titled ``error_title``.
    """

    def __init__(self, parent: QWidget, work: Callable[[Task], Any], *, services: Services | None = None,
                 key: str | None = None, error_title: str = "", warm: bool = False) -> None:
        self.parent, self.work, self.owner, self.key = parent, work, services, key
        self.warm = warm  # read-only work repeated often (a search per keystroke): reuse a kept connection
        self.error_title = error_title
        self.task = Task(None, self._emit_progress, self._emit_partial)
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[Exception], None] | None = None
        self._on_cancel: Callable[[Any], None] | None = None
        self._on_partial: Callable[[Any], None] | None = None
        self._progress_text: str | None = None
        self._progress_max = 100
        self.dialog: QProgressDialog | None = None
        self.runner: _Runner | None = None
        self.finished = False
        self.cancellable = True

    # -- building -------------------------------------------------------------------------------------------
    def success(self, fn: Callable[[Any], None]) -> Operation:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[Exception], None]) -> Operation:
        self._on_failure = fn
        return self

    def partial(self, fn: Callable[[Any], None]) -> Operation:
        """Called on the GUI thread with what the work passes to ``task.partial`` (dropped when stale)."""
        self._on_partial = fn
        return self

    def cancelled(self, fn: Callable[[Any], None]) -> Operation:
        """Called with the result (None if the work stopped with an error) after the officer pressed 取消."""
        self._on_cancel = fn
        return self

    def with_progress(self, text: str, maximum: int = 100, cancellable: bool = True) -> Operation:
        """Show a window-modal progress dialog after a short delay; ``maximum`` 0 means busy. Work that cannot
        stop half-way (a merge, an export that records its sequence number) is not ``cancellable``: its dialog
        has no 取消 and quitting waits for it."""
        self._progress_text, self._progress_max, self.cancellable = text, maximum, cancellable
        return self

    # -- running --------------------------------------------------------------------------------------------
    def run_in_background(self) -> Operation:
        if self.key is not None:
            slot = (id(self.parent), self.key)
            previous = _LATEST.get(slot)
            if previous is not None:
                previous.cancel()
            _LATEST[slot] = self
        runner = _Runner(self)
        runner.setAutoDelete(False)
        relay = _Relay(self, self.parent)
        # emitted on a pool thread only, so Qt queues each to the relay's thread, the GUI thread (naming
        # Qt.ConnectionType.QueuedConnection would build Qt's namespace on the way to the window, see qtvalues)
        runner.signals.sig_done.connect(relay.done)
        runner.signals.sig_failed.connect(relay.failed)
        runner.signals.sig_progress.connect(relay.progress)
        runner.signals.sig_partial.connect(relay.partial)
        relay.destroyed.connect(lambda *_: self._forget())  # the page closed: nobody waits for it
        self.runner, self.relay = runner, relay
        if self._progress_text is not None:
            self._open_dialog()
        _RUNNING.add(self)
        QThreadPool.globalInstance().start(runner)
        return self

    def cancel(self) -> None:
        """Ask the work to stop and drop its result; an open query is interrupted."""
        self.task._cancelled.set()
        shown = self.task._shown
        if shown is not None:
            shown.set()  # a worker waiting for its first screen to be painted goes on, and sees it was cancelled
        with self.task._hold:  # not a connection already handed back and now running someone else's read
            if self.task.services is not None:
                self.task.services.interrupt()

    def _forget(self) -> None:
        _RUNNING.discard(self)
        if self.key is not None and _LATEST.get((id(self.parent), self.key)) is self:
            del _LATEST[(id(self.parent), self.key)]

    def is_stale(self) -> bool:
        return self.key is not None and _LATEST.get((id(self.parent), self.key)) is not self

    # -- on the GUI thread ----------------------------------------------------------------------------------
    def _emit_progress(self, percent: int, text: str) -> None:
        if self.runner is not None:
            self.runner.signals.sig_progress.emit(percent, text)

    def _emit_partial(self, value: Any) -> None:
        if self.runner is not None:
            _Runner._send(self.runner.signals.sig_partial, value)

    def _show_partial(self, value: Any) -> None:
        if self._on_partial is not None and not self.finished and not self.is_stale() and not self.task.cancelled():
            self._on_partial(value)

    def _open_dialog(self) -> None:
        cancel = QCoreApplication.translate("Operation", "取消")
        dialog = QProgressDialog(self._progress_text, cancel, 0, self._progress_max, self.parent)
        dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if self.cancellable:
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        dialog.setValue(0)
        self.dialog = dialog

    def _show_progress(self, percent: int, text: str) -> None:
        if self.dialog is not None and not self.finished:
            self.dialog.setValue(min(percent, self._progress_max))
            if text:
                self.dialog.setLabelText(text)

    def _finish(self, result: Any, exc: Exception | None) -> None:
        self.finished = True
        _RUNNING.discard(self)
        stale = self.is_stale()
        if self.key is not None and not stale:
            del _LATEST[(id(self.parent), self.key)]
        if self.dialog is not None:
            self.dialog.blockSignals(True)
            self.dialog.reset()  # stops the timer that would show the dialog later, over a finished job
            self.dialog.hide()  # close() would emit canceled()
            self.dialog.deleteLater()
        self.relay.deleteLater()
        if stale:
            return
        if self.task.cancelled():
            if self._on_cancel is not None:
                self._on_cancel(result)
            return
        if exc is None:
            if self._on_success is not None:
                self._on_success(result)
        elif self._on_failure is not None:
            self._on_failure(exc)
        else:
            show_error(self.parent, self.error_title or QCoreApplication.translate("Operation", "操作未完成"), exc)


def show_error(parent: QWidget, title: str, exc: Exception) -> None:
    """A warning a person can act on: our own errors say what to do; anything else is reported as unexpected."""
    unexpected = QCoreApplication.translate("Operation", "意外错误：{0}")
    text = str(exc) if isinstance(exc, InspectorError) else unexpected.format(exc)
    QMessageBox.warning(parent, title, text)


def cancel(parent: QWidget, key: str) -> None:
    """Stop the operation started on ``parent`` with ``key``, if one is still running (its result is dropped):
    work that can wait gives its worker thread to what the officer just asked for."""
    op = _LATEST.get((id(parent), key))
    if op is not None:
        op.cancel()


def busy() -> bool:
    """Whether any operation is still running (tests wait on this; quitting cancels and waits)."""
    return bool(_RUNNING)


def shutdown(timeout_ms: int = 5000) -> bool:
    """Cancel every running operation and wait for the pool; called when the window closes."""
    for op in list(_RUNNING):
        if op.cancellable:
            op.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
