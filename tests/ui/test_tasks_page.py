"""The 工作任务 page: a town's tasks, quarterly progress saved on leaving a field, undo, 滞后 from the deadline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from inspector.services import Services
from inspector.ui import undo
from inspector.ui.main_window import MainWindow
from tests.ui.driver import ime_type


def rows(page) -> list[tuple[str, str, str]]:
    out = []

    def walk(parent):
        for r in range(page.items_model.rowCount(parent)):
            index = page.items_model.index(r, 0, parent)
            out.append((index.data(), page.items_model.index(r, 1, parent).data(),
                        page.items_model.index(r, 4, parent).data()))
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return out


def select_task(page, number: str) -> None:
    from PySide6.QtCore import QModelIndex

    def find(parent):
        for r in range(page.items_model.rowCount(parent)):
            index = page.items_model.index(r, 0, parent)
            if index.data() == number:
                return index
            hit = find(index)
            if hit is not None:
                return hit
        return None

    page.tree.setCurrentIndex(find(QModelIndex()))


def test_town_tasks_progress_undo_and_late(qtbot, tmp_path, monkeypatch, expected):
    services = Services.open(tmp_path / "t.db")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # focus moves only in the active window
    page = window.pages["tasks"]
    page.select_checklist(next(c["id"] for c in services.checklists("workplan") if "普陀" in c["name"]))
    page.unit_filter.setCurrentIndex(page.unit_filter.findData("各街镇"))
    tasks = [r for r in rows(page) if r[0].isdigit()]
    putuo = next(d for d in expected["documents"] if d["file"].startswith("2023_putuo"))
    towns = [u["number"] for u in putuo["item_units"] if "各街镇" in u["units"]]
    assert [r[0] for r in tasks] == towns and tasks[0][1] == "加强党对安全发展的全面领导"
    assert all(r[2] == "未启动" for r in tasks)

    select_task(page, "1")
    q1 = page.quarters["q1"]
    ime_type(q1, "已组织专题学习2次")
    page.quarters["q2"].setFocus()  # leaving the field saves it
    item_id = page.item["id"]
    saved = services.store.rows("SELECT q1 FROM task_progress WHERE item_id = ?", [item_id])
    assert saved == [{"q1": "已组织专题学习2次"}]

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    page.status_edit.setCurrentIndex(page.status_edit.findData("已完成"))
    page.status_edit.activated.emit(page.status_edit.currentIndex())
    assert warnings and "完成情况" in warnings[0]
    assert page.status_edit.currentData() == "未启动"

    undo.STACK.undo()
    assert services.store.rows("SELECT q1 FROM task_progress WHERE item_id = ?", [item_id]) == [{"q1": ""}]
    assert q1.toPlainText() == ""
    undo.STACK.redo()
    assert q1.toPlainText() == "已组织专题学习2次"
    audit = services.store.rows("SELECT action FROM audit_log WHERE table_name = 'task_progress'")
    assert [a["action"] for a in audit] == ["insert", "update", "update"]


def test_a_task_past_its_deadline_is_late(qtbot, tmp_path):
    services = Services.open(tmp_path / "late.db")
    window = MainWindow(services)
    qtbot.addWidget(window)
    page = window.pages["tasks"]
    page.select_checklist(next(c["id"] for c in services.checklists("workplan") if "制造业" in c["name"]))
    late = [r for r in rows(page) if r[2] == "滞后"]
    assert [r[1][:4] for r in late] == ["各区和电"]  # its deadline, 2021-07-10, has passed
    colours = {page.items_model.itemFromIndex(cell.index()).text(): cell.data(Qt.ItemDataRole.ForegroundRole)
               for cell in page.status_cells.values()}
    assert colours.pop("滞后").name() == "#b3261e" and set(colours.values()) == {None}  # late in red, no other
    page.status_filter.setCurrentIndex(page.status_filter.findData("滞后"))
    assert [r for r in rows(page) if r[0].isdigit()] == late


def test_deadline_filter_and_my_town(qtbot, tmp_path):
    from datetime import date

    from inspector.ui.tasks_page import deadline_matches

    today = date(2026, 11, 22)
    assert deadline_matches("2026-11-01", "past", today) and not deadline_matches("2026-12-01", "past", today)
    assert deadline_matches("2026-12-10", "soon", today) and not deadline_matches("2027-03-01", "soon", today)
    assert deadline_matches("2026-12-31", "year", today) and deadline_matches(None, "none", today)
    services = Services.open(tmp_path / "town.db")
    services.set_setting("town", "长寿路街道")
    window = MainWindow(services)
    qtbot.addWidget(window)
    page = window.pages["tasks"]
    page.select_checklist(next(c["id"] for c in services.checklists("workplan") if "普陀" in c["name"]))
    mine = page.unit_filter.findText("我的街镇", Qt.MatchFlag.MatchStartsWith)
    page.unit_filter.setCurrentIndex(mine)
    numbered = [r for r in rows(page) if r[0].isdigit()]
    page.unit_filter.setCurrentIndex(page.unit_filter.findData("各街镇"))
    assert numbered == [r for r in rows(page) if r[0].isdigit()]
    page.deadline_filter.setCurrentIndex(page.deadline_filter.findData("none"))
    assert len([r for r in rows(page) if r[0].isdigit()]) == len(numbered)  # Putuo's tasks name no dates


def test_a_tasks_units_by_role_its_note_and_its_words_shown_as_written(qtbot, tmp_path):
    """The pane under the tree gives the lead and supporting units apart, the unit group's note, and the text of
    the document as text (a document's angle brackets are never taken for markup)."""
    plan = tmp_path / "plan.txt"
    plan.write_text("普陀区2025年安全生产工作要点\n\n一、重点任务\n\n"
                    "1. 排查储量<5吨和>10吨的<img src=x>气瓶库。（区应急局牵头，区市场监管局配合，以下不再列出）\n",
                    encoding="utf-8")
    services = Services.open(tmp_path / "n.db", seed=False)
    checklist = services.import_document(plan).checklist_id
    item = next(i for i in services.checklist_items(checklist) if i["number"] == "1")
    assert item["note"] == "以下不再列出"  # stored with the task, not only shown in the preview
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    page = window.pages["tasks"]
    page.select_checklist(checklist)
    select_task(page, "1")
    shown = page.detail.toPlainText()
    assert "排查储量<5吨和>10吨的<img src=x>气瓶库" in shown
    assert "牵头单位：区应急局" in shown and "配合单位：区市场监管局" in shown
    assert "说明：以下不再列出" in shown
    window.close()
    services.close()
