"""Creating a template in the editor, by clicks and typing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from inspector.services import Services
from inspector.ui.templates_dialog import TemplatesDialog
from tests.ui.driver import ime_type


def press(qtbot, dialog, text: str) -> None:
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_create_a_template_in_the_editor(qtbot, tmp_path):
    services = Services.open(tmp_path / "t.db")
    dialog = TemplatesDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 5 and dialog.model.rowCount() > 0  # the built-in templates
    press(qtbot, dialog, "新建模板")
    dialog.name.clear()
    ime_type(dialog.name, "燃气使用场所")
    dialog.model.item(0, 0).setText("是否安装可燃气体报警装置")
    dialog.model.item(0, 1).setText("未安装可燃气体报警装置")
    dialog.model.item(0, 2).setText("《上海市燃气管理条例》")
    dialog.model.item(0, 4).setText("7")
    press(qtbot, dialog, "保存模板")
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "燃气使用场所" in names
    saved = next(c for c in services.checklists("template") if c["name"] == "燃气使用场所")
    items = services.checklist_items(saved["id"])
    assert [(i["title"], i["problem"], i["legal_basis"], i["default_days"]) for i in items] == [
        ("是否安装可燃气体报警装置", "未安装可燃气体报警装置", "《上海市燃气管理条例》", 7)]
    services.close()
