"""The GUI-thread watchdog itself: it must catch a slot that blocks, and pass a loop that keeps running."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ui.watchdog import GuiWatchdog


def blocking_slot() -> None:
    deadline = time.monotonic() + 0.25
    while time.monotonic() < deadline:  # deliberately does 250 ms of work on the GUI thread
        pass


def test_a_blocking_slot_is_caught_with_where_it_blocked(qtbot):
    button = QPushButton("导出")
    qtbot.addWidget(button)
    button.clicked.connect(blocking_slot)
    with pytest.raises(AssertionError, match=r"blocked for \d+ ms") as caught, GuiWatchdog(qtbot):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "blocking_slot" in str(caught.value)


def test_a_block_queued_for_later_is_caught_too(qtbot):
    from PySide6.QtCore import QTimer

    with pytest.raises(AssertionError, match="blocked"), GuiWatchdog(qtbot):
        QTimer.singleShot(20, blocking_slot)
        qtbot.wait(400)


def test_short_work_in_a_running_loop_passes(qtbot):
    from PySide6.QtCore import QTimer

    with GuiWatchdog(qtbot) as dog:
        for n in range(10):
            QTimer.singleShot(10 * n, lambda: time.sleep(0.01))
        qtbot.wait(200)
    assert dog.longest_ms < 100


def test_a_sleeping_slot_is_caught_when_strict(qtbot):
    from PySide6.QtCore import QTimer

    with pytest.raises(AssertionError, match="blocked"), GuiWatchdog(qtbot, strict=True):
        QTimer.singleShot(20, lambda: time.sleep(0.25))
        qtbot.wait(400)
