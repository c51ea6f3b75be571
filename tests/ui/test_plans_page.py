"""The 计划 page as an officer uses it: assess a site from the due list, make a plan and fill it by criteria,
draw sites and inspectors, and check a draw record — with the clock injected."""

from __future__ import annotations

import json
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from inspector.ui.main_window import MainWindow
from inspector.ui.plans_dialogs import AssessDialog, FilterDialog, PlanDialog
from tests.ui.driver import DialogDriver, settle

TODAY = date(2026, 4, 1)


def window_on_plans(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(MainWindow.PAGES.index("plans"))
    page = window.pages["plans"]
    page.today = lambda: TODAY
    page.now = lambda: datetime(2026, 4, 1, 9, 30)
    page.refresh()
    settle(qtbot)
    return window, page


def click(qtbot, page, text):
    button = next(b for b in page.findChildren(type(page.draw_buttons[0])) if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_assess_from_the_due_list_then_plan_and_draw(qtbot, services, tmp_path):
    sites = [services.add_site(name=f"单位{n}", town="长寿路街道", industry="化工" if n < 3 else "餐饮")
             for n in range(6)]
    for n in range(3):
        services.add_inspector(f"检查员{n}", f"3100{n}")
    _, page = window_on_plans(qtbot, services)
    assert page.due_model.rowCount() == 6  # none assessed yet: all listed as 待评估
    row = next(i for i, r in enumerate(page.due_model.records) if r["id"] == sites[0])
    page.due_table.selectRow(row)

    def assess(dialog):
        dialog.hazards["hazchem"].setChecked(True)
        dialog.hazards["confined_space"].setChecked(True)
        dialog.accept()

    driver = DialogDriver().then(AssessDialog, assess)
    click(qtbot, page, "评估所选单位…")
    driver.wait(qtbot)
    settle(qtbot)
    assert services.store.get("sites", sites[0])["risk_level"] == "红"  # 20 + 30 + 20 = 70
    red = next(i for i, r in enumerate(page.due_model.records) if r["id"] == sites[0])
    colour = page.due_model.index(red, 3).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(colour, QColor) and colour.name() == "#e53935"
    assert page.due_model.records[red]["state"] == "今天到期"

    page.tabs.setCurrentIndex(1)
    driver = DialogDriver().then(PlanDialog, lambda d: d.accept())
    click(qtbot, page, "新建计划…")
    driver.wait(qtbot)

    def only_red(dialog):
        dialog.filter.levels["红"].setChecked(True)
        dialog.accept()

    driver = DialogDriver().then(FilterDialog, only_red).then(QMessageBox, lambda m: m.accept())
    click(qtbot, page, "按条件加入单位…")
    driver.wait(qtbot)
    assert [r["site"] for r in page.plan_sites.records] == ["单位0"]
    assert page.plan_model.records[0]["name"] == "2026年第2季度监督检查计划"

    page.tabs.setCurrentIndex(2)
    page.n.setValue(3)
    page.plan_choice.setCurrentIndex(page.plan_choice.findData(page.plan_model.records[0]["id"]))
    click(qtbot, page, "抽取")
    record = page.last_record
    assert record["seed"] == "2026-04-01T09:30:00" and len(record["result"]) == 3
    assert sites[0] not in {r["site_id"] for r in record["result"]}  # already in the plan: not drawn again
    assert page.plan_model.records[0]["progress"] == "0 / 4"
    saved = tmp_path / "record.json"
    saved.write_text(json.dumps(record), encoding="utf-8")
    driver = DialogDriver().then(QMessageBox, lambda m: m.accept())
    assert page.verify_path(saved) == []
    driver.wait(qtbot)
    record["seed"] = "改过的种子"
    saved.write_text(json.dumps(record), encoding="utf-8")
    driver = DialogDriver().then(QMessageBox, lambda m: m.accept())
    assert page.verify_path(saved)
    driver.wait(qtbot)


def test_an_assessed_site_s_level_is_not_typed_and_the_register_shows_it_as_colour(qtbot, services):
    from inspector.ui.sites_page import SiteDialog

    assessed = services.add_site(name="已评估单位", industry="化工")
    services.planning().assess(assessed, ["hazchem"], TODAY)
    typed = services.add_site(name="未评估单位", risk_level="蓝")
    dialogs = {key: SiteDialog(services, services.store.get("sites", key)) for key in (assessed, typed)}
    for dialog in dialogs.values():
        qtbot.addWidget(dialog)
    assert not dialogs[assessed].edits["risk_level"].isEnabled()
    assert dialogs[typed].edits["risk_level"].isEnabled()
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.nav.setCurrentRow(MainWindow.PAGES.index("sites"))
    page = window.pages["sites"]
    settle(qtbot)
    column = [key for key, _ in page.model.columns].index("risk_level")
    colours = {r["name"]: page.model.index(n, column).data(Qt.ItemDataRole.BackgroundRole).name()
               for n, r in enumerate(page.model.records)}
    assert colours == {"已评估单位": "#fb8c00", "未评估单位": "#1e88e5"}
