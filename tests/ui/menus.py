"""Right-clicking a row of a table and choosing from the menu that pops up, as a person does."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu


def context_menu(qtbot, page, row: int | None = None) -> QMenu:
    """Right-click ``row`` (default: the current one) of ``page.table``; returns the menu shown."""
    table = page.table
    row = table.currentIndex().row() if row is None else row
    rect = table.visualRect(table.model().index(row, 1))
    pos = rect.center() if rect.isValid() else QPoint(5, 5)
    page.last_menu = None
    QApplication.sendEvent(table.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                                                               table.viewport().mapToGlobal(pos)))
    qtbot.waitUntil(lambda: page.last_menu is not None and page.last_menu.isVisible(), timeout=3000)
    return page.last_menu


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def choose(qtbot, page, text: str, row: int | None = None) -> None:
    """Right-click and choose the entry ``text`` (fails if the menu does not offer it)."""
    menu = context_menu(qtbot, page, row)
    action = next((a for a in menu.actions() if a.text() == text), None)
    assert action is not None, f"“{text}” not in {menu_texts(menu)}"
    menu.hide()
    action.trigger()
