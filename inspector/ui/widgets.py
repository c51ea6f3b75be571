"""Small pieces shared by the dialogs."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def ok_cancel(dialog: QDialog, ok_text: str, save: bool = False) -> QDialogButtonBox:
    """The dialog's OK (or Save) and Cancel buttons with Chinese labels, wired to accept and reject."""
    main = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    box = QDialogButtonBox(main | QDialogButtonBox.StandardButton.Cancel, dialog)
    box.button(main).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("widgets", "取消"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def text_colour(widget: QWidget, colour: str) -> None:
    """Colour a label's text through its palette. A style sheet would do the same, but the first one set in the
    program builds Qt's style-sheet style and re-polishes the window (15–18 ms of start-up)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    widget.setPalette(palette)


def show_saved(widget: QWidget) -> None:
    """A brief “已保存” in the window's status bar: fields that save when left otherwise give no sign of it."""
    from PySide6.QtWidgets import QMainWindow

    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(QCoreApplication.translate("widgets", "已保存"), 2500)


def tab_moves_on(widget: QWidget) -> None:
    """Tab in the small multi-line boxes of a form goes to the next field, as in every other field (a tab
    character in a 进展 or 描述 is never wanted); Ctrl+Tab still types one."""
    for edit in widget.findChildren(QPlainTextEdit) + widget.findChildren(QTextEdit):
        if not edit.isReadOnly():
            edit.setTabChangesFocus(True)


def _typed(dialog: QWidget) -> list[str]:
    """What the person has typed so far: the text of every editable field, in a fixed order."""
    texts = [e.text() for e in dialog.findChildren(QLineEdit)  # a combo's or date box's own edit is a choice,
             if not e.isReadOnly() and not isinstance(e.parent(), QComboBox | QAbstractSpinBox)]  # filled by code
    texts += [e.toPlainText() for e in dialog.findChildren(QPlainTextEdit) if not e.isReadOnly()]
    return texts


class _DiscardGuard(QObject):
    """Asks before Escape throws away what was typed into a dialog (compared with the dialog as first shown)."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.initial: list[str] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self.initial is None and watched is self.dialog:
            self.initial = _typed(self.dialog)
        elif (event.type() == QEvent.Type.KeyPress and event.key() == QtCore.Qt.Key.Key_Escape
              and watched is self.dialog):
            return not self.may_discard()
        return False

    def filled(self) -> bool:
        return self.initial is not None and _typed(self.dialog) != self.initial

    def may_discard(self) -> bool:
        if not self.filled():
            return True
        answer = QMessageBox.question(
            self.dialog, QCoreApplication.translate("widgets", "放弃填写的内容？"),
            QCoreApplication.translate("widgets", "已填写的内容尚未保存，关闭后将丢失。确定放弃吗？"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


def form_habits(dialog: QDialog) -> QObject:
    """The habits every form dialog shares: Tab leaves multi-line boxes, Escape asks before discarding typed
    text. Call at the end of the dialog's constructor; returns the guard (its ``filled()`` says whether
    anything was typed)."""
    tab_moves_on(dialog)
    guard = _DiscardGuard(dialog)
    dialog.installEventFilter(guard)  # an Escape the focused field does not use reaches the dialog's filter
    return guard


def as_html(value: object) -> str:
    """A record's value placed in rich text, as text: a name or description from a document or another
    device's package may hold ``<`` and ``&``, and must never be taken for markup (nor load an image)."""
    from html import escape  # here: the module compiles a pattern at import, which start-up does not need

    return escape("" if value is None else str(value))
