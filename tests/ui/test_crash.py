"""An error nobody caught shows a dialog (what happened, a report to copy, where the log is) and is logged."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from inspector.logs import setup_logging
from inspector.ui.crash import CrashDialog, CrashHandler


def crash_dialog() -> CrashDialog | None:
    return next((w for w in QApplication.topLevelWidgets()
                 if isinstance(w, CrashDialog) and w.isVisible()), None)


@pytest.fixture
def handler(tmp_path):
    installed = CrashHandler(setup_logging(tmp_path / "logs")).install()
    yield installed
    installed.uninstall()
    if installed._dialog_open():
        installed.dialog.close()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_dialog_and_writes_the_log(qtbot, handler, tmp_path):
    button = QPushButton("保存")
    qtbot.addWidget(button)

    def broken() -> None:
        raise ValueError("整改期限格式不对 2026-13-45")

    button.clicked.connect(broken)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: crash_dialog() is not None, timeout=3000)
    dialog = crash_dialog()
    assert "意外错误" in dialog.message.text() and "整改期限格式不对" in dialog.message.text()
    assert str(handler.log_path) in dialog.log_label.text()
    assert "ValueError" in dialog.report.toPlainText() and "broken" in dialog.report.toPlainText()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "整改期限格式不对" in QApplication.clipboard().text()
    log = (tmp_path / "logs" / "inspector.log").read_text(encoding="utf-8")
    assert "整改期限格式不对 2026-13-45" in log and "Traceback" in log


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_background_thread_is_shown_too(qtbot, handler, tmp_path):
    def work() -> None:
        raise RuntimeError("后台任务失败")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: crash_dialog() is not None, timeout=3000)
    assert "后台任务失败" in crash_dialog().message.text()
    assert "后台任务失败" in (tmp_path / "logs" / "inspector.log").read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_an_error_caught_on_the_gui_thread_is_shown_from_the_event_loop_not_inside_the_hook(qtbot, handler):
    try:
        raise ValueError("绘制表格时出错")
    except ValueError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)
    assert crash_dialog() is None  # a paint or timer handler that raised has not been given a window to build
    qtbot.waitUntil(lambda: crash_dialog() is not None, timeout=3000)
    assert "绘制表格时出错" in crash_dialog().message.text()


@pytest.mark.qt_no_exception_capture
def test_a_second_error_adds_to_the_log_without_a_second_dialog(qtbot, handler, tmp_path):
    for n in range(2):
        try:
            raise KeyError(f"第{n}次")
        except KeyError as exc:
            handler.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: crash_dialog() is not None, timeout=3000)
    qtbot.wait(20)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]
    assert len(dialogs) == 1
    log = (tmp_path / "logs" / "inspector.log").read_text(encoding="utf-8")
    assert "第0次" in log and "第1次" in log


def test_the_app_installs_the_handler_and_logs_in_the_data_folder(qtbot, tmp_path, monkeypatch):
    import sys

    from inspector.ui import app as app_module

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert app_module.main(["--db", str(tmp_path / "t.db"), "--quit-after-show"]) == 0
    assert isinstance(getattr(sys.excepthook, "__self__", None), CrashHandler)
    log = tmp_path / "data" / "Inspector" / "logs" / "inspector.log"
    logging.getLogger("inspector.session").warning("退出时的自动备份失败")
    assert "退出时的自动备份失败" in log.read_text(encoding="utf-8")
    from inspector.services.backup import auto_backups

    assert auto_backups(tmp_path / "t.db")  # quitting after the first start left a backup of the seeded file
