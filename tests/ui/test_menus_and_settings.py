"""Every action is in a menu with its shortcut; the settings page saves each field when it is left."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader
from PySide6.QtWidgets import QApplication, QSplitter

from inspector.services import Services
from inspector.ui.main_window import MainWindow
from tests.ui.driver import ime_type


def test_menus_hold_every_action_with_its_shortcut(qtbot, tmp_path):
    window = MainWindow(Services.open(tmp_path / "m.db", seed=False))
    qtbot.addWidget(window)
    menus = {m.title(): m for m in (a.menu() for a in window.menuBar().actions())}
    assert list(menus) == ["文件(&F)", "编辑(&E)", "检查(&I)", "转到(&G)"]
    shortcuts = {a.text(): a.shortcut().toString() for m in menus.values() for a in m.actions() if a.text()}
    assert shortcuts["导入文件…"] == "Ctrl+O" and shortcuts["新建检查"] == "Ctrl+N"
    assert shortcuts["查找隐患"] == "Ctrl+F" and shortcuts["保存"] == "Ctrl+S" and shortcuts["打印"] == "Ctrl+P"
    assert shortcuts["隐患"] == "Ctrl+3" and shortcuts["设置"] == "Ctrl+7"
    next(a for a in menus["转到(&G)"].actions() if a.text() == "单位").trigger()
    assert window.stack.currentWidget() is window.pages["sites"]


def settings_page(qtbot, services: Services):
    """The window, active (focus moves only in the active window), on its 设置 page."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, window.go("settings")


def test_settings_are_saved_when_a_field_is_left_and_audited(qtbot, tmp_path):
    services = Services.open(tmp_path / "s.db", seed=False)
    _window, page = settings_page(qtbot, services)
    name = page.edits["officer_name"]
    ime_type(name, "林志明")
    page.edits["certificate_no"].setFocus()  # leaving the field saves it
    qtbot.waitUntil(lambda: services.store.setting("officer_name") == "林志明")
    assert services.store.actor == "林志明"
    audit = services.store.rows("SELECT * FROM audit_log WHERE action = 'setting'")
    assert audit and "林志明" in audit[-1]["changes"]
    if page.font.count() > 1:
        page.font.setCurrentIndex(1)
        page.font.activated.emit(1)
        assert services.store.setting("pdf_font") == page.font.itemData(1)


def test_the_issuing_body_typed_in_settings_heads_and_seals_the_forms(qtbot, tmp_path):
    services = Services.open(tmp_path / "i.db")
    services.set_setting("town", "长寿路街道")
    window, page = settings_page(qtbot, services)
    assert services.reports().issuing_body() == "长寿路街道"  # left empty: the town
    ime_type(page.edits["issuer_name"], "上海市普陀区人民政府长寿路街道办事处")
    page.edits["officer_name"].setFocus()
    qtbot.waitUntil(lambda: services.store.setting("issuer_name") == "上海市普陀区人民政府长寿路街道办事处")
    site = services.add_site(name="上海恒达餐饮有限公司", town="长寿路街道")
    inspection = services.start_inspection(site, None)
    finding = services.record_finding(description="灭火器过期", grade="一般", site_id=site, inspection_id=inspection,
                                      found_on=date(2026, 6, 1), deadline=date(2026, 6, 30))
    out = services.reports().generate("rectification-order", tmp_path / "o.pdf", finding_id=finding)
    text = "".join(p.extract_text() for p in PdfReader(str(out.path)).pages).replace("\n", "")
    seal = text.index("（印章）")
    assert text.startswith("上海市普陀区人民政府长寿路街道办事处")
    assert text.rfind("长寿路街道办事处", 0, seal) > seal - 30  # the name right above the seal
    window.close()
    services.close()


def test_page_layout_is_remembered(qtbot, tmp_path):
    services = Services.open(tmp_path / "l.db")
    first = MainWindow(services)
    qtbot.addWidget(first)
    first.show()
    page = first.go("findings")
    page.table.setColumnWidth(2, 333)
    splitter = page.findChildren(QSplitter)[0]
    splitter.setSizes([700, 500])
    sizes = splitter.sizes()
    first.close()
    second = MainWindow(services)
    qtbot.addWidget(second)
    second.show()
    again = second.go("findings")
    assert again.table.columnWidth(2) == 333
    assert again.findChildren(QSplitter)[0].sizes() == sizes
