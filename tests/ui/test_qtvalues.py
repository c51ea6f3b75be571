"""The plain numbers the first window uses instead of Qt's enums are Qt's own values, and the helpers that go
around PySide6's overloads do what the calls they replace would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from inspector.ui import qtvalues


def test_each_number_is_the_value_of_the_qt_enum_it_stands_for():
    assert Qt.ItemDataRole.ForegroundRole.value == qtvalues.FOREGROUND_ROLE
    assert Qt.ItemDataRole.UserRole.value == qtvalues.USER_ROLE
    assert Qt.EventPriority.LowEventPriority.value == qtvalues.LOW_EVENT_PRIORITY
    assert Qt.Orientation.Vertical.value == qtvalues.VERTICAL


def test_splitters_side_by_side_or_one_above_the_other(qapp):
    assert qtvalues.splitter().orientation() == Qt.Orientation.Horizontal
    assert qtvalues.splitter(vertical=True).orientation() == Qt.Orientation.Vertical


def test_a_shortcut_set_from_a_standard_key_or_a_sequence(qapp):
    action = QAction("重做")
    qtvalues.set_shortcut(action, QKeySequence.StandardKey.Redo)
    assert action.shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)  # the first, shown in the menu
    qtvalues.set_shortcut(action, QKeySequence("Ctrl+3"))
    assert action.shortcuts() == [QKeySequence("Ctrl+3")]
    qtvalues.set_shortcut(action, QKeySequence())
    assert action.shortcuts() == [] and action.shortcut().isEmpty()
