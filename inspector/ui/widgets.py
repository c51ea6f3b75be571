"""Small pieces shared by the dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox


def ok_cancel(dialog: QDialog, ok_text: str, save: bool = False) -> QDialogButtonBox:
    """The dialog's OK (or Save) and Cancel buttons with Chinese labels, wired to accept and reject."""
    main = QDialogButtonBox.StandardButton.Save if save else QDialogButtonBox.StandardButton.Ok
    box = QDialogButtonBox(main | QDialogButtonBox.StandardButton.Cancel, dialog)
    box.button(main).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(QCoreApplication.translate("widgets", "取消"))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
