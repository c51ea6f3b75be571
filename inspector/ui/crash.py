"""Errors never vanish: an exception nobody caught is logged and shown in a dialog.

Qt calls ``sys.excepthook`` for an exception raised in a slot and then carries on, so without this hook a
windowed install (no console) would lose it silently. The dialog is not modal and is shown with ``show()``: an
error inside a paint or timer handler must not start a nested event loop, and a second error while the first
dialog is open only adds to the log.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6 import QtCore
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from inspector.logs import crash_report, log_exception


class _Relay(QObject):
    """Moves a report from whatever thread raised to the GUI thread, where the dialog may be built."""

    sig_report = Signal(str, str)
    """The error's one-line summary and the full report."""


class CrashHandler:
    """Installed once by the app; ``uninstall`` puts the previous hooks back (tests)."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self.dialog: CrashDialog | None = None
        self.relay = _Relay()
        self.relay.sig_report.connect(self._show_soon)  # raised on another thread: Qt queues it to this one
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> CrashHandler:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value, args.exc_traceback)
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def handle(self, kind: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is None or issubclass(kind, KeyboardInterrupt):
            return
        try:
            log_exception(kind, exc, tb)
            self.relay.sig_report.emit(f"{kind.__name__}: {exc}", crash_report(kind, exc, tb))
        except Exception:  # the handler itself must never raise
            sys.__excepthook__(kind, exc, tb)

    def _dialog_open(self) -> bool:
        try:
            return self.dialog is not None and self.dialog.isVisible()
        except RuntimeError:  # closed and deleted
            return False

    def _show_soon(self, summary: str, report: str) -> None:
        """On the GUI thread: show the dialog from the event loop, not from inside the hook that caught the
        error (an error in a paint or timer handler must not build a window there)."""
        QTimer.singleShot(0, lambda: self.show(summary, report))

    def show(self, summary: str, report: str) -> None:
        if QApplication.instance() is None or self._dialog_open():
            return  # one dialog at a time; the log has every error
        self.dialog = CrashDialog(summary, report, self.log_path)
        self.dialog.show()


class CrashDialog(QDialog):
    """What happened, the report to copy, and where the log is; every label in the interface language."""

    def __init__(self, summary: str, report: str, log_path: Path) -> None:
        super().__init__()
        self.setObjectName("crash_dialog")
        self.setWindowTitle(self.tr("意外错误"))
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        what = self.tr("程序遇到了意外错误，刚才的操作可能没有完成；已经保存的记录不受影响。\n{0}")
        self.message = QLabel(what.format(summary[:300]), self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.report = QPlainTextEdit(report, self)
        self.report.setReadOnly(True)
        layout.addWidget(self.report, 1)
        self.log_label = QLabel(self.tr("详细情况已写入日志：{0}\n请点“复制报告”，把报告连同日志发给维护人员。").format(
            log_path), self)
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.log_label)
        buttons = QDialogButtonBox(self)
        self.copy_button = buttons.addButton(self.tr("复制报告"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(lambda: QApplication.clipboard().setText(report))
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.resize(640, 420)
