"""The shipped icon is found through the ``icons:`` search path and becomes the program's icon."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from inspector.ui.app import install_icons


def test_the_program_gets_its_icon_from_the_package(qtbot):
    app = QApplication.instance()
    assert install_icons(app)
    assert not app.windowIcon().isNull()
    assert not QIcon("icons:inspector.png").pixmap(QSize(32, 32)).isNull()
