"""单位 page: Excel out and back in, in the background with a progress dialog, as an officer does it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from inspector.services import Services
from inspector.ui.main_window import MainWindow
from tests.ui.driver import DialogDriver, settle

GOOD = "91310000607206953D"


def press(qtbot, widget, text: str) -> None:
    qtbot.mouseClick(next(b for b in widget.findChildren(QPushButton) if b.text() == text), Qt.MouseButton.LeftButton)


def test_export_then_import_the_site_register(qtbot, tmp_path, monkeypatch):
    services = Services.open(tmp_path / "s.db", seed=False)
    services.add_site(name="上海恒达餐饮有限公司", credit_code=GOOD, town="长寿路街道")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    page = window.go("sites")
    settle(qtbot)
    book = tmp_path / "名册.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(book), ""))
    said: list[str] = []
    driver = DialogDriver().then(QMessageBox, lambda box: (said.append(box.text()), box.accept()))
    press(qtbot, page, "导出 Excel…")
    driver.wait(qtbot)
    assert book.exists() and said == ["已导出 1 家单位。"]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(book), ""))
    driver = DialogDriver().then(QMessageBox, lambda box: (said.append(box.text()), box.accept()))
    press(qtbot, page, "从 Excel 导入…")
    driver.wait(qtbot)
    settle(qtbot)
    assert said[-1] == "新增 0 家，更新 1 家。"
    assert page.model.rowCount() == 1


def test_a_bad_file_is_refused_with_a_message_and_nothing_changes(qtbot, tmp_path, monkeypatch):
    services = Services.open(tmp_path / "s.db", seed=False)
    window = MainWindow(services)
    qtbot.addWidget(window)
    page = window.go("sites")
    settle(qtbot)
    bad = tmp_path / "不是表格.xlsx"
    bad.write_bytes(b"not a workbook")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    said: list[str] = []
    driver = DialogDriver().then(QMessageBox, lambda box: (said.append(box.windowTitle()), box.accept()))
    press(qtbot, page, "从 Excel 导入…")
    driver.wait(qtbot)
    assert said == ["导入失败"] and services.sites() == []
