"""The 报表 page: generate in the background, preview in the window, and the finding's context action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inspector import workflow as wf
from inspector.services import Services
from inspector.services.demo import build_demo
from inspector.ui.main_window import MainWindow
from tests.ui.driver import settle
from tests.ui.menus import choose


def test_generate_ledger_and_print_an_order_from_a_finding(qtbot, tmp_path, monkeypatch):
    services = Services.open(tmp_path / "rp.db")
    build_demo(services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    page = window.go("reports")
    assert page.kind() == "ledger" and page.town.isVisible() and page.xlsx.isVisible()
    assert not page.print_button.isEnabled()
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview.page_count > 1, timeout=30000)
    assert page.last.parent.name == "rp-reports" and page.last.suffix == ".pdf"
    assert "已生成" in page.message.text() and page.print_button.isEnabled()

    page.kinds.setCurrentRow(5)  # 任务落实情况表
    assert page.checklist.isVisible() and not page.town.isVisible()
    page.xlsx.setChecked(True)
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last.suffix == ".xlsx", timeout=30000)

    findings = window.go("findings")
    settle(qtbot)
    findings.status.setCurrentIndex(findings.status.findData(wf.RECHECK_FAILED))
    settle(qtbot)
    findings.table.selectRow(0)
    chosen = findings.selected_id()
    choose(qtbot, findings, "打印限期整改意见书")  # the town's order, named as 设置 names it
    assert window.stack.currentWidget() is page and page.kind() == "rectification-order"
    assert page.finding.currentData() == chosen
    qtbot.waitUntil(lambda: page.last.name.startswith("rectification-order"), timeout=30000)
    assert "文书编号：（普）应急整改〔" in page.message.text()
    assert page.preview.page_count >= 1
    QApplication.processEvents()
