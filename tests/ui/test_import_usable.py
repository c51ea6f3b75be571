"""The import preview is usable the moment parsing ends: no “正在读取…” box left over it, 保存为清单 works at once,
and the status bar counts each work plan once however many versions it has."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QProgressDialog

from inspector.services import Services
from inspector.ui.import_dialog import ImportPreview
from inspector.ui.main_window import MainWindow
from inspector.ui.tasks_page import ID_ROLE
from tests.conftest import seed_path
from tests.ui.driver import DialogDriver

SEED = "2023_putuo_gongzuoyijian.txt"


def window_on(qtbot, path) -> MainWindow:
    window = MainWindow(Services.open(path, seed=False))
    qtbot.addWidget(window)
    window.show()
    return window


def visible_progress(window: MainWindow) -> list[QProgressDialog]:
    return [d for d in window.findChildren(QProgressDialog) if d.isVisible()]


@pytest.mark.parametrize("reading", [0.0, 0.8], ids=["quick", "slow"])
def test_the_preview_is_on_top_and_its_save_button_works(qtbot, tmp_path, monkeypatch, reading):
    """Quick: the box was hidden before its delayed show; slow: it was on screen when the result came."""
    window = window_on(qtbot, tmp_path / "read.db")
    parse = window.services.parse

    def timed(path):
        time.sleep(reading)
        return parse(path)

    monkeypatch.setattr(window.services, "parse", timed)
    seen: dict = {}

    def save_at_once(preview: ImportPreview) -> None:
        qtbot.wait(700)  # past the progress box's own delay (300 ms): a box still waiting would show now
        seen["modal"] = QApplication.activeModalWidget()
        seen["progress"] = visible_progress(window)
        button = preview.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        seen["closed"] = not preview.isVisible()

    driver = DialogDriver().then(ImportPreview, save_at_once)
    window.import_file(seed_path(SEED))
    qtbot.waitUntil(lambda: driver.done, timeout=20000)
    assert seen["progress"] == [] and isinstance(seen["modal"], ImportPreview)
    assert seen["closed"]
    qtbot.waitUntil(lambda: window.services.checklists("workplan") != [], timeout=20000)
    saved = {c["id"] for c in window.services.checklists("workplan")}
    lists = window.pages["tasks"].lists_model
    # the page shows the saved plan (its refresh after the change has run) before the database is closed
    qtbot.waitUntil(lambda: saved <= {lists.item(r).data(ID_ROLE) for r in range(lists.rowCount())}, timeout=20000)
    window.close()
    QApplication.processEvents()  # anything the change still queued runs while the database is open
    window.services.close()


def test_the_status_bar_counts_the_current_version_of_a_plan_only(qtbot, tmp_path):
    services = Services.open(tmp_path / "v.db", seed=False)
    first = seed_path(SEED)
    services.import_document(first)
    changed = tmp_path / "putuo-v2.txt"
    changed.write_text(first.read_text(encoding="utf-8") + "\n5.新增一项检查任务。（各街镇）\n", encoding="utf-8")
    services.import_document(changed)
    plans = services.checklists("workplan")
    assert len(plans) == 1 and plans[0]["version"] == 2
    tasks = sum(1 for item in services.checklist_items(plans[0]["id"]) if item["kind"] == "task")
    window = MainWindow(services)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "工作清单" in window.status.text(), timeout=10000)
    assert window.status.text().startswith(f"工作清单 1 份 · 任务 {tasks} 项")
    services.close()
