"""Adding inspectors the way an officer does: 检查人员… opens the editor, 新增人员, type, 保存, 关闭."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from inspector.ui.inspectors_dialog import InspectorsDialog
from tests.ui.driver import DialogDriver, ime_type


def press(qtbot, widget, text: str) -> None:
    button = next(b for b in widget.findChildren(QPushButton) if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_person(qtbot, dialog: InspectorsDialog, name: str, cert: str, unit: str | None = None) -> None:
    press(qtbot, dialog, "新增人员")
    ime_type(dialog.findChild(QLineEdit, "name"), name)
    ime_type(dialog.findChild(QLineEdit, "certificate_no"), cert)
    if unit is not None:
        dialog.unit.clear()
        ime_type(dialog.unit, unit)
    press(qtbot, dialog, "保存")


def answer_people(qtbot, driver: DialogDriver, *people: tuple[str, str]) -> None:
    """The next 检查人员 editor gets ``people`` (name, 执法证号) added, then is closed."""
    def fill(dialog: InspectorsDialog) -> None:
        for name, cert in people:
            type_person(qtbot, dialog, name, cert)
        dialog.accept()

    driver.then(InspectorsDialog, fill)
