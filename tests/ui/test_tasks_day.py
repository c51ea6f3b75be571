"""The 工作任务 page as an officer uses it: the tree's 状态 follows a change at once and is readable at the default
window size, Tab leaves a 进展 box, leaving a field says 已保存, 我的全部任务 spans every plan, and the
任务落实情况表 is printed from the page."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from inspector.services import Services
from inspector.ui.main_window import MainWindow
from inspector.ui.tasks_page import ALL_PLANS, COL_STATUS, ID_ROLE
from tests.ui.driver import ime_type
from tests.ui.test_tasks_page import rows, select_task


def open_window(qtbot, path: Path, town: str | None = None) -> MainWindow:
    services = Services.open(path)
    if town:
        services.set_setting("town", town)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1360, 820)  # the size a first start opens with
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def putuo(window: MainWindow):
    page = window.pages["tasks"]
    services = window.services
    page.select_checklist(next(c["id"] for c in services.checklists("workplan") if "普陀" in c["name"]))
    return page


def status_in_tree(page, number: str) -> str:
    return next(r[2] for r in rows(page) if r[0] == number)


def test_the_status_column_follows_a_change_and_is_not_clipped(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "s.db")
    page = putuo(window)
    select_task(page, "1")
    assert status_in_tree(page, "1") == "未启动"
    page.status_edit.setFocus()
    qtbot.keyClick(page.status_edit, Qt.Key.Key_Down)  # 未启动 → 推进中, chosen with the keyboard
    assert page.services.store.rows("SELECT status FROM task_progress")[0]["status"] == "推进中"
    assert status_in_tree(page, "1") == "推进中"
    assert window.statusBar().currentMessage() == "已保存"
    from inspector.ui import undo

    undo.STACK.undo()
    assert status_in_tree(page, "1") == "未启动"
    header = page.tree.header()
    needed = page.tree.sizeHintForColumn(COL_STATUS)
    assert header.sectionSize(COL_STATUS) >= needed
    assert header.sectionViewportPosition(COL_STATUS) + needed <= page.tree.viewport().width()
    assert header.sectionSize(1) >= 250  # the title has the room the other columns leave
    window.services.close()


def test_tab_leaves_a_progress_box_and_leaving_says_saved(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "t.db")
    page = putuo(window)
    select_task(page, "1")
    q1 = page.quarters["q1"]
    ime_type(q1, "已组织专题学习")
    qtbot.keyClick(q1, Qt.Key.Key_Tab)
    assert q1.toPlainText() == "已组织专题学习"  # no tab character typed
    assert QApplication.focusWidget() is page.quarters["q2"]
    assert window.statusBar().currentMessage() == "已保存"
    window.services.close()


def test_my_tasks_across_all_plans(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "m.db", town="长风新村街道")
    page = window.pages["tasks"]
    mine = next(page.lists_model.item(r) for r in range(page.lists_model.rowCount())
                if page.lists_model.item(r).data(ID_ROLE) == ALL_PLANS)
    rect = page.lists.visualRect(mine.index())
    qtbot.mouseClick(page.lists.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.unit_filter.currentText().startswith("我的街镇（长风新村街道")
    services = window.services

    def towns_share(plan_id: str) -> bool:
        return any("各街镇" in {u["name"] for u in i["units"]} or any("长风新村街道" in u["name"] for u in i["units"])
                   for i in services.checklist_items(plan_id) if i["kind"] in ("task", "subtask", "item"))

    plans = services.checklists("workplan")
    assert len(plans) >= 2
    branches = [page.items_model.index(r, 1).data() for r in range(page.items_model.rowCount())]
    assert branches == [c["name"] for c in plans if towns_share(c["id"])] != []
    units_of_tasks = []

    def walk(parent: QModelIndex) -> None:
        for r in range(page.items_model.rowCount(parent)):
            index = page.items_model.index(r, 0, parent)
            item = page.items_model.index(r, 1, parent).data(ID_ROLE)
            if item["kind"] in ("task", "subtask", "item") and page.items_model.index(r, COL_STATUS, parent).data():
                units_of_tasks.append({u["name"] for u in item["units"]})
            walk(index)

    walk(QModelIndex())
    assert units_of_tasks and all("各街镇" in u or any("长风新村街道" in n for n in u) for u in units_of_tasks)
    everyone = page.unit_filter.findData(None)
    page.unit_filter.setCurrentIndex(everyone)  # 全部单位: more tasks than the town's share
    assert len(rows(page)) > len(units_of_tasks)
    assert page.items_model.rowCount() == sum(1 for c in plans if c["tasks"])  # a branch for every plan
    window.services.close()


def test_my_tasks_print_as_one_table_of_every_plan(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "a.db", town="长风新村街道")
    page = window.pages["tasks"]
    mine = next(page.lists_model.item(r) for r in range(page.lists_model.rowCount())
                if page.lists_model.item(r).data(ID_ROLE) == ALL_PLANS)
    qtbot.mouseClick(page.lists.viewport(), Qt.MouseButton.LeftButton, pos=page.lists.visualRect(mine.index()).center())
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)  # no task chosen: the whole view is printed
    reports = window.pages["reports"]
    assert reports.kind() == "task-progress" and reports.checklist.currentText().startswith("我的全部任务")
    qtbot.waitUntil(lambda: reports.last is not None and reports.generate_button.isEnabled(), timeout=30000)
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(str(reports.last)).pages).replace("\n", "")
    services = window.services
    plans = services.checklists("workplan")
    shared = [c for c in plans
              if any("各街镇" in {u["name"] for u in i["units"]} or any("长风新村街道" in u["name"] for u in i["units"])
                     for i in services.checklist_items(c["id"]) if i["kind"] in ("task", "item"))]
    assert "长风新村街道全部工作任务" in text and shared and len(plans) > len(shared)
    assert [c["name"] for c in plans if f"【{c['name']}】" in text] == [c["name"] for c in shared]
    window.services.close()


def test_the_progress_table_is_printed_from_the_page(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path / "p.db")
    page = putuo(window)
    select_task(page, "1")
    ime_type(page.quarters["q1"], "已组织专题学习2次")
    page.quarters["q2"].setFocus()
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    reports = window.pages["reports"]
    assert reports.kind() == "task-progress"
    qtbot.waitUntil(lambda: reports.last is not None and reports.generate_button.isEnabled(), timeout=30000)
    assert reports.last.suffix == ".pdf" and reports.last.stat().st_size > 1000
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(str(reports.last)).pages)
    assert "已组织专题学习2次" in text.replace("\n", "")
    window.services.close()
