"""Answering modal dialogs in order, as a person would, while the code under test waits in ``exec()``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def ime_type(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` the way a Chinese input method does: the composed words are committed in
    one input-method event (QTest's key clicks only know ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


class DialogDriver:
    """Each step is (dialog class, what to do with it); steps are taken in order as the dialogs appear.

    A step may open a further dialog (its own ``exec()``); the timer keeps running in that nested loop, so the
    next step is answered there. A failing step rejects its dialog so the run cannot hang.
    """

    def __init__(self) -> None:
        self.steps: list[tuple[type, Callable[[QWidget], None]]] = []
        self.errors: list[BaseException] = []
        self.tail: int | None = None  # while a step runs, steps it adds go before the last ``tail`` steps
        self.running = True
        QTimer.singleShot(30, self.poll)

    def then(self, kind: type, action: Callable[[QWidget], None]) -> DialogDriver:
        if self.tail is None:
            self.steps.append((kind, action))
        else:
            self.steps.insert(len(self.steps) - self.tail, (kind, action))
        return self

    @property
    def done(self) -> bool:
        return not self.steps

    def poll(self) -> None:
        # a fresh single-shot timer each time: Qt never re-enters a running timer, and a step's own dialog
        # runs a nested event loop in which the next step must still be answered
        if not self.running:
            return
        QTimer.singleShot(30, self.poll)
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.property("driven"):
            return
        kind, action = self.steps[0] if self.steps else (None, None)
        if isinstance(dialog, QMessageBox) and kind is not QMessageBox:
            dialog.setProperty("driven", True)  # a message nobody expected: record it and close it, never hang
            self.errors.append(AssertionError(f"unexpected message: {dialog.text()}"))
            self.steps.clear()
            dialog.reject()
            return
        if kind is None or not isinstance(dialog, kind):
            return
        dialog.setProperty("driven", True)
        self.steps.pop(0)
        outer = self.tail
        self.tail = len(self.steps)
        try:
            action(dialog)
            if self.errors and dialog.isVisible():
                dialog.reject()  # something inside failed: do not leave this dialog waiting
        except BaseException as exc:
            self.errors.append(exc)
            self.steps.clear()
            if dialog.isVisible():
                dialog.reject()
        finally:
            self.tail = outer

    def wait(self, qtbot, timeout: int = 10000) -> None:
        """Wait until every step was taken (or one failed), then raise what went wrong."""
        qtbot.waitUntil(lambda: self.done, timeout=timeout)
        self.stop()

    def stop(self) -> None:
        self.running = False
        if self.errors:
            raise self.errors[0]


def settle(qtbot, timeout: int = 20000) -> None:
    """Wait until the work the window started in the background has come back and been shown."""
    from inspector.ui import background

    qtbot.waitUntil(lambda: not background.busy(), timeout=timeout)
    QApplication.processEvents()


def open_on(qtbot, services, key: str) -> QWidget:
    """A main window on ``services``, shown as a person opens it, and its page ``key`` once its loads are in."""
    from inspector.ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    page = window.go(key)
    settle(qtbot)
    return page
