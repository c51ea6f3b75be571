"""Quick background work leaves no progress dialog behind.

QProgressDialog starts a timer when it is made and shows itself when it fires (after four seconds, or the
minimum duration once a progress of 0 is reported) unless it was shown already. Work that finished before that
and only hid its dialog had it pop up seconds later, window-modal, saying “正在生成…” (or 正在备份/正在读取) over a
window whose work was long done. Each case below checks both that no dialog shows and that none still waits to.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QPushButton

from inspector.services import Services
from inspector.ui import backup_actions
from inspector.ui.import_dialog import ImportPreview
from inspector.ui.main_window import MainWindow
from tests.conftest import seed_path
from tests.ui.driver import DialogDriver


def left_behind(window: MainWindow) -> list[QProgressDialog]:
    """Progress dialogs that are showing, or whose show-timer is still running."""
    return [d for d in window.findChildren(QProgressDialog)
            if d.isVisible() or any(t.isActive() for t in d.findChildren(QTimer))]


def window_on(qtbot, path) -> MainWindow:
    window = MainWindow(Services.open(path, seed=False))
    qtbot.addWidget(window)
    window.show()
    return window


def test_printing_leaves_no_progress_dialog(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "p.db")
    services = window.services
    site = services.add_site(name="上海恒达餐饮有限公司")
    people = [services.add_inspector(name, cert, "") for name, cert in (("林志明", "31001234"), ("沈佳怡", "31005678"))]
    services.start_inspection(site, None, inspector1_id=people[0], inspector2_id=people[1])
    page = window.go("inspections")
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    button = next(b for b in page.findChildren(QPushButton) if b.text() == "打印现场检查记录")
    for _ in range(2):
        window.go("inspections")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        reports = window.pages["reports"]
        qtbot.waitUntil(reports.generate_button.isEnabled, timeout=30000)  # disabled while generating
        assert "文书编号" in reports.message.text()
        assert left_behind(window) == []
    services.close()


def test_a_backup_leaves_no_progress_dialog(qtbot, tmp_path, monkeypatch):
    window = window_on(qtbot, tmp_path / "b.db")
    told = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "b.inspbak"), ""))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    backup_actions.backup_now(window)
    qtbot.waitUntil(lambda: told != [], timeout=30000)
    assert left_behind(window) == []
    window.services.close()


def test_reading_a_document_leaves_no_progress_dialog(qtbot, tmp_path):
    window = window_on(qtbot, tmp_path / "i.db")
    driver = DialogDriver().then(ImportPreview, lambda d: d.reject())
    window.import_file(seed_path("2023_putuo_gongzuoyijian.txt"))
    driver.wait(qtbot, timeout=15000)
    assert left_behind(window) == []
    assert QApplication.activeModalWidget() is None
    window.services.close()
