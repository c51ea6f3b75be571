"""The first window, driven as an officer would: look at a checklist, import a document through the preview."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, QPushButton, QWidget

from inspector.services import Services
from inspector.ui.import_dialog import COL_DEADLINE, COL_LEAD, ImportPreview
from inspector.ui.main_window import MainWindow
from inspector.ui.tasks_page import ID_ROLE
from tests.conftest import seed_path


@pytest.fixture
def window(qtbot, tmp_path):
    services = Services.open(tmp_path / "ui.db")
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    yield win
    services.close()


def list_texts(win: MainWindow) -> list[str]:
    page = win.page("tasks")
    return [page.lists_model.item(r).text().strip() for r in range(page.lists_model.rowCount())]


def select_checklist(qtbot, win: MainWindow, word: str) -> None:
    page = win.page("tasks")
    row = next(r for r, text in enumerate(list_texts(win)) if word in text)
    rect = page.lists.visualRect(page.lists_model.index(row, 0))
    qtbot.mouseClick(page.lists.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_window_lists_checklists_and_shows_a_task(qtbot, window):
    texts = list_texts(window)
    assert "工作任务清单" in texts and "检查表模板" in texts
    assert any(t.startswith("普陀区2023年安全生产工作意见（45 项）") for t in texts)
    select_checklist(qtbot, window, "普陀区2023")
    page = window.page("tasks")
    section = page.items_model.index(0, 1)
    assert section.data() == "强化责任意识，全程织密风险防范责任网络"
    subsection = page.items_model.index(0, 0, page.items_model.index(0, 0))
    task = page.items_model.index(0, 0, subsection)
    page.tree.scrollTo(task)
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=page.tree.visualRect(task).center())
    assert "加强党对安全发展的全面领导" in page.detail.toPlainText()
    assert "区委宣传部" in page.detail.toPlainText()
    qtbot.waitUntil(lambda: "未整改隐患 0 条" in window.status.text())


def test_the_window_starts_without_a_style_sheet(window):
    """The first style sheet set anywhere builds Qt's style-sheet style and re-polishes the window, 15–18 ms of
    start-up: the window's looks (the large navigation entries, coloured notes) come from fonts and palettes."""
    widgets = [window, *window.findChildren(QWidget)]
    assert [w.objectName() or type(w).__name__ for w in widgets if w.styleSheet()] == []
    assert not QApplication.instance().styleSheet()
    nav = window.nav
    assert nav.font().pixelSize() == 15 and nav.sizeHintForRow(0) >= nav.fontMetrics().height() + 20


def _when_dialog(qtbot, kind, act):
    """Run ``act(dialog)`` as soon as a modal dialog of ``kind`` is up (exec() blocks the test otherwise)."""
    done = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            done.append(True)
            try:
                act(dialog)
            finally:
                if dialog.isVisible():
                    dialog.reject()  # a failed step must not leave a modal dialog blocking the run
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    return done


def test_import_with_corrections_through_the_preview(qtbot, window, tmp_path, monkeypatch):
    source = tmp_path / "静安新版.txt"
    text = seed_path("2017_jingan_gongzuoyijian.txt").read_text(encoding="utf-8").replace("2017", "2018")
    source.write_text(text, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))

    def correct(dialog: ImportPreview):
        model = dialog.model
        section = model.index(0, 0)
        second_task = model.index(1, 0, section)
        dialog.tree.setCurrentIndex(second_task)
        demote = next(b for b in dialog.findChildren(QPushButton) if b.text().startswith("降级"))
        qtbot.mouseClick(demote, Qt.MouseButton.LeftButton)
        assert model.rowCount(model.index(0, 0, section)) == 1  # now a sub-task of the first task
        lead = model.index(0, COL_LEAD, section)
        model.setData(lead, "街镇安委办、区应急局")
        deadline = model.index(0, COL_DEADLINE, section)
        model.setData(deadline, "6月底前")
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)

    seen = _when_dialog(qtbot, ImportPreview, correct)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen) and any("静安区2018" in t for t in list_texts(window)), timeout=10000)
    checklist = window.page("tasks").lists.currentIndex().data(ID_ROLE)
    items = window.services.checklist_items(checklist)
    subtasks = [i for i in items if i["kind"] == "subtask"]
    assert subtasks[0]["title"] == "强化部门安全监管"  # demoted under the task before it
    changed = next(i for i in items if i["units"])
    assert [u["name"] for u in changed["units"]] == ["街镇安委办", "区应急局"]
    assert changed["deadline"] == "2018-06-30" and changed["deadline_text"] == "6月底前"


def test_importing_the_same_file_again_says_so(qtbot, window, tmp_path):
    source = tmp_path / "again.txt"
    shutil.copy(seed_path("2023_putuo_gongzuoyijian.txt"), source)
    messages = []

    def info(dialog):
        messages.append(dialog.text())
        dialog.accept()

    _when_dialog(qtbot, QMessageBox, info)
    window.import_file(source)  # the seed the window's database holds already: no preview, a message
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert "已经导入过" in messages[0] and not window.findChildren(ImportPreview)


def test_a_broken_file_shows_an_error_and_saves_nothing(qtbot, window, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    before = window.services.stats()
    messages = []

    def read(box):
        messages.append(box.text())
        box.accept()

    _when_dialog(qtbot, QMessageBox, read)
    window.import_file(bad)
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert "broken.pdf" in messages[0] and "重新获取" in messages[0]
    assert window.services.stats() == before


def test_a_new_version_lists_the_items_added_removed_and_reworded(qtbot, window, tmp_path):
    first = tmp_path / "v1" / "工作要点.txt"
    second = tmp_path / "v2" / "工作要点.txt"
    first.parent.mkdir()
    second.parent.mkdir()
    head = "XX区2026年安全生产工作要点\n\n一、压实责任\n\n"
    first.write_text(head + "1. 开展燃气排查。（区建管委）\n\n2. 开展消防检查。（区消防救援支队）\n", encoding="utf-8")
    second.write_text(head + "1. 开展燃气安全排查整治。（区建管委）\n\n3. 开展有限空间检查。（区应急局）\n",
                      encoding="utf-8")
    messages = []

    def info(dialog):
        messages.append(dialog.text())
        dialog.accept()

    before = len(window.services.checklists("workplan"))
    _when_dialog(qtbot, ImportPreview, lambda d: d.accept())
    window.import_file(first)
    qtbot.waitUntil(lambda: len(window.services.checklists("workplan")) > before, timeout=10000)
    compared = []
    _when_dialog(qtbot, ImportPreview, lambda d: (compared.append(d.changes.text()), d.accept()))
    _when_dialog(qtbot, QMessageBox, info)
    window.import_file(second)
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert "新增：第 3 项" in messages[0] and "删除：第 2 项" in messages[0] and "改写：第 1 项" in messages[0]
    # the preview said the same before anything was saved
    assert compared == ["保存后为第 2 版。与上一版相比：新增 1 项（第 3 项）；删除 1 项（第 2 项）；"
                        "改写 1 项（第 1 项）"]


def test_a_repeated_file_is_recognised_before_its_preview(qtbot, window, tmp_path):
    plan = tmp_path / "工作要点.txt"
    plan.write_text("XX区2026年安全生产工作要点\n\n一、压实责任\n\n1. 开展燃气排查。（区建管委）\n", encoding="utf-8")
    _when_dialog(qtbot, ImportPreview, lambda d: d.accept())
    window.import_file(plan)
    qtbot.waitUntil(lambda: any(c["name"] == "XX区2026年安全生产工作要点"
                                for c in window.services.checklists("workplan")), timeout=10000)
    copy = tmp_path / "copy" / "另存的文件名.txt"
    copy.parent.mkdir()
    shutil.copy(plan, copy)
    messages, previews = [], window.findChildren(ImportPreview)  # the first file's
    _when_dialog(qtbot, QMessageBox, lambda d: (messages.append(d.text()), d.accept()))
    window.import_file(copy)
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert window.findChildren(ImportPreview) == previews and "已经导入过" in messages[0] and "第 1 版" in messages[0]
    assert window.stack.currentWidget() is window.pages["tasks"]
    assert [c["name"] for c in window.services.checklists("workplan")].count("XX区2026年安全生产工作要点") == 1
