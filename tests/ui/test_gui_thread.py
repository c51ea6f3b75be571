"""At district scale the window never freezes: no work over 100 ms on the GUI thread while a page opens, a filter
changes, a search is typed, or a step of a finding is saved (tens of thousands of findings, many inspections)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from inspector import workflow as wf
from inspector.ui import background
from inspector.ui.action_dialog import ActionDialog
from inspector.ui.main_window import MainWindow
from tests.ui.driver import DialogDriver, ime_type
from tests.ui.watchdog import GuiWatchdog

PAGES = ("tasks", "inspections", "findings", "sites", "reports", "sync", "district")


@pytest.fixture
def window(qtbot, scale_services):
    window = MainWindow(scale_services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "隐患" in window.status.text() and not background.busy(), timeout=20000)
    yield window
    window.close()


def settle(qtbot) -> None:
    qtbot.waitUntil(lambda: not background.busy(), timeout=20000)


@pytest.mark.parametrize("key", PAGES)
def test_each_page_opens_without_blocking(qtbot, window, key):
    with GuiWatchdog(qtbot, what=f"opening {key}"):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + window.PAGES.index(key)), Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: key in window.pages and window.pages[key].shown_data(), timeout=20000)
        settle(qtbot)


def test_filters_and_search_do_not_block(qtbot, window):
    page = window.go("findings")
    qtbot.waitUntil(lambda: page.shown_data(), timeout=20000)
    settle(qtbot)
    total = len(page.model.rowids)
    with GuiWatchdog(qtbot, what="changing the grade filter"):
        page.grade.setCurrentIndex(page.grade.findData("重大"))
        qtbot.waitUntil(lambda: 0 < len(page.model.rowids) < total, timeout=20000)
        settle(qtbot)
    assert all(page.model.row(r)["grade"] == "重大" for r in range(min(page.model.rowCount(), 50)))
    with GuiWatchdog(qtbot, what="typing a search"):
        for word in ("灭", "灭火", "灭火器"):
            ime_type(page.search, word[-1]) if len(word) > 1 else ime_type(page.search, word)
            qtbot.wait(20)
        qtbot.waitUntil(lambda: page.search.text() == "灭火器" and not background.busy()
                        and page.model.filter.text == "灭火器", timeout=20000)
    assert page.model.rowCount() > 0
    assert all("灭火器" in page.model.row(r)["description"] for r in range(min(page.model.rowCount(), 50)))
    assert page.count.text() == f"共 {len(page.model.rowids)} 条"


def test_saving_a_step_does_not_block(qtbot, window):
    page = window.go("findings")
    page.status.setCurrentIndex(page.status.findData(wf.REGISTERED))
    qtbot.waitUntil(lambda: page.finding is not None and page.finding["status"] == wf.REGISTERED, timeout=20000)
    settle(qtbot)
    chosen = page.finding["id"]

    def order(dialog) -> None:
        day = date.today() + timedelta(days=20)
        dialog.widgets["deadline"].setDate(QDate(day.year, day.month, day.day))
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                         Qt.MouseButton.LeftButton)

    with GuiWatchdog(qtbot, what="saving a step"):
        driver = DialogDriver().then(ActionDialog, order)
        qtbot.mouseClick(page.buttons[wf.ORDER_ISSUED], Qt.MouseButton.LeftButton)
        driver.wait(qtbot, timeout=20000)
        qtbot.waitUntil(lambda: page.finding["id"] == chosen and page.finding["status"] == wf.ORDERED,
                        timeout=20000)
        settle(qtbot)
    assert window.services.finding_detail(chosen)["status"] == wf.ORDERED
