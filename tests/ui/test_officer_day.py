"""An officer's whole day, by clicks and keys: import a work plan, register a site, inspect it with the
九小场所消防 checklist, record two findings (one major, with its plan and a photo), and follow the major one
through order, feedback, a failed re-check, an extension, a passed re-check and close-out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
)

from inspector import workflow as wf
from inspector.services import Services
from inspector.services.documents import seed_templates
from inspector.ui.action_dialog import ActionDialog
from inspector.ui.finding_dialog import FindingDialog
from inspector.ui.import_dialog import ImportPreview
from inspector.ui.inspections_page import NewInspectionDialog, WalkDialog
from inspector.ui.main_window import MainWindow
from inspector.ui.sites_page import SiteDialog
from tests.conftest import seed_path
from tests.ui.driver import DialogDriver, ime_type, settle
from tests.ui.people import answer_people

SITE_CODE = "91310107MA1G8X2K3G"  # a code whose check character is right (GB 32100)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_radio(qtbot, dialog, text: str) -> None:
    """Click a radio button on its indicator (a radio button's label area is all that reacts)."""
    button = next(b for b in dialog.findChildren(QRadioButton) if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
    assert button.isChecked()


def tick(qtbot, box) -> None:
    """Click a check box on its indicator."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert box.isChecked()


def button_named(widget, text: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text().startswith(text))


def ok(dialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    for role in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Ok):
        if box.button(role) is not None:
            return box.button(role)
    raise AssertionError("no OK/Save button")


def shortcut(qtbot, window, key) -> None:
    """Press Ctrl+key in the main window (shortcuts reach only the active window)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def set_date(edit, day: date) -> None:
    edit.setFocus()
    edit.setDate(QDate(day.year, day.month, day.day))


@pytest.fixture
def photo(tmp_path):
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#c0392b"))
    path = tmp_path / "配电房现场.png"
    image.save(str(path))
    return path


def test_an_officers_day(qtbot, tmp_path, monkeypatch, photo):
    services = Services.open(tmp_path / "day.db", seed=False)
    seed_templates(services.store)  # as on first start, without the sample documents: we import one below
    services.set_setting("officer_name", "林志明")
    services.store.insert("campaigns", {"name": "消防安全专项整治"})  # as received from the district
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    today = date.today()
    assessment = tmp_path / "评估报告.pdf"
    assessment.write_bytes(b"%PDF-1.4 assessment")
    driver = DialogDriver()

    # 1. import a sample work plan through the preview (Ctrl+O)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (str(seed_path("2023_putuo_gongzuoyijian.txt")), ""))
    driver.then(ImportPreview, lambda d: click(qtbot, ok(d)))
    shortcut(qtbot, window, Qt.Key.Key_O)
    qtbot.waitUntil(lambda: driver.done and services.checklists("workplan") != [], timeout=10000)

    # 2. register the site on the 单位 page
    window.nav.setCurrentRow(MainWindow.PAGES.index("sites"))
    sites = window.pages["sites"]

    def fill_site(d: SiteDialog) -> None:
        for key, text in (("name", "上海恒达餐饮有限公司"), ("credit_code", SITE_CODE.lower()),
                          ("address", "武宁路100号"), ("contact_person", "王建国"), ("contact_phone", "13912345678")):
            ime_type(d.findChild(QLineEdit, key), text)
        d.findChild(QComboBox, "town").setCurrentText("长寿路街道")
        click(qtbot, ok(d))

    driver.then(SiteDialog, fill_site)
    click(qtbot, button_named(sites, "新增单位"))
    qtbot.waitUntil(lambda: driver.done and bool(sites.model.records), timeout=5000)
    assert sites.model.records[0]["credit_code"] == SITE_CODE

    # 3. a new inspection (Ctrl+N) with two inspectors added on the way, against 九小场所消防
    def fill_inspection(d: NewInspectionDialog) -> None:
        qtbot.waitUntil(lambda: d.site.count() == 1, timeout=5000)  # the sites arrive from a worker
        answer_people(qtbot, driver, ("林志明", "31001234"))
        click(qtbot, button_named(d, "检查人员"))
        answer_people(qtbot, driver, ("沈佳怡", "31005678"))
        click(qtbot, button_named(d, "检查人员"))
        d.checklist.setCurrentIndex(d.checklist.findText("九小场所消防"))
        d.type.setCurrentIndex(1)  # 专项
        tick(qtbot, d.unannounced)
        d.campaign.setCurrentIndex(d.campaign.findText("消防安全专项整治"))  # published by the district
        assert d.inspectors[0].currentText().startswith("林志明")
        assert d.inspectors[1].currentText().startswith("沈佳怡")
        click(qtbot, ok(d))

    def general_finding(d: FindingDialog) -> None:
        d.description.setPlainText("疏散通道堆放纸箱杂物")
        ime_type(d.location, "一楼后门通道")
        click(qtbot, ok(d))

    def major_finding(d: FindingDialog) -> None:
        d.description.setPlainText("配电房内堆放液化石油气钢瓶")
        ime_type(d.location, "配电房")
        d.grade.setCurrentIndex(1)
        click(qtbot, ok(d))  # refused: the six-part plan is empty
        for part in wf.PLAN_PARTS:
            ime_type(d.findChild(QLineEdit, part), f"{part}已落实")
        tick(qtbot, d.listed)
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
        click(qtbot, d.photos.pick)
        click(qtbot, ok(d))

    def walk(d: WalkDialog) -> None:
        d.table.setFocus()
        d.table.selectRow(0)
        qtbot.keyClick(d.table, Qt.Key.Key_1)  # 符合
        qtbot.keyClick(d.table, Qt.Key.Key_3)  # 不适用
        d.table.selectRow(7)  # 疏散通道、安全出口是否畅通
        driver.then(FindingDialog, general_finding)
        qtbot.keyClick(d.table, Qt.Key.Key_2)
        d.table.selectRow(11)  # 电线
        driver.then(FindingDialog, major_finding)
        driver.then(QMessageBox, lambda box: box.accept())  # the refusal for the missing plan
        qtbot.keyClick(d.table, Qt.Key.Key_2)
        assert d.summary.text() == "已检查 4 / 15 项，不符合 2 项"
        d.accept()

    driver.then(NewInspectionDialog, fill_inspection).then(WalkDialog, walk)
    shortcut(qtbot, window, Qt.Key.Key_N)
    driver.wait(qtbot, timeout=15000)

    # 4. the 隐患 page: find the major hazard by a two-character word and take it through its life
    shortcut(qtbot, window, Qt.Key.Key_F)
    page = window.pages["findings"]
    ime_type(page.search, "配电")
    qtbot.waitUntil(lambda: len(page.model.rowids) == 1, timeout=3000)
    settle(qtbot)
    page.table.selectRow(0)
    assert not page.buttons[wf.CLOSE].isEnabled() and "不能销号" in page.buttons[wf.CLOSE].toolTip()

    def step(kind: str, fill) -> None:
        driver2 = DialogDriver().then(ActionDialog, fill)
        click(qtbot, page.buttons[kind])
        driver2.wait(qtbot, timeout=5000)
        settle(qtbot)  # the list reloads with the finding selected

    def order(d):
        set_date(d.widgets["deadline"], today + timedelta(days=20))
        ime_type(d.widgets["doc_no"], "（普）应急责改〔2026〕1号")
        click(qtbot, ok(d))

    def feedback(d):
        d.widgets["measures"].setPlainText("钢瓶已全部清出配电房")
        d.widgets["funds"].setValue(1200)
        click(qtbot, ok(d))

    def recheck_failed(d):
        choose_radio(qtbot, d, "不合格")
        d.widgets["opinion"].setPlainText("仍有一只钢瓶未清出")
        set_date(d.widgets["deadline"], today + timedelta(days=10))
        click(qtbot, ok(d))

    def extension(d):
        d.widgets["reason"].setPlainText("需联系燃气公司回收钢瓶")
        set_date(d.widgets["deadline"], today + timedelta(days=40))
        click(qtbot, ok(d))

    def recheck_passed(d):
        choose_radio(qtbot, d, "合格")
        click(qtbot, ok(d))

    def close(d):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(assessment), ""))
        click(qtbot, button_named(d, "选择文件"))
        click(qtbot, ok(d))

    for kind, fill in ((wf.ORDER_ISSUED, order), (wf.FEEDBACK, feedback), (wf.RECHECK, recheck_failed),
                       (wf.EXTENSION, extension), (wf.RECHECK, recheck_passed), (wf.CLOSE, close)):
        step(kind, fill)

    # 5. what the database, the history, the audit log and the window say
    major_id = page.selected_id()
    finding = services.finding_detail(major_id)
    assert finding["status"] == wf.CLOSED and finding["listed_supervision"] == 1
    assert [e["kind"] for e in finding["events"]] == [
        wf.CREATED, wf.ORDER_ISSUED, wf.FEEDBACK, wf.RECHECK, wf.EXTENSION, wf.RECHECK, wf.CLOSE]
    assert finding["events"][3]["data"]["passed"] is False
    assert finding["events"][4]["data"]["deadline"] == (today + timedelta(days=40)).isoformat()
    assert finding["plan"]["经费和物资"] == "经费和物资已落实"
    roles = sorted(a["role"] for a in finding["attachments"])
    assert roles == ["assessment", "before", "before:report"]
    assert finding["site"]["name"] == "上海恒达餐饮有限公司"
    others = [f for f in services.list_records("findings") if f["id"] != major_id]
    assert len(others) == 1 and others[0]["status"] == wf.REGISTERED and others[0]["grade"] == "一般"
    inspection = services.inspections()[0]
    assert inspection["type"] == "专项" and inspection["unannounced"] == 1 and inspection["findings"] == 2
    campaign = services.campaign_records()[0]
    assert inspection["campaign_id"] == campaign["id"] and finding["campaign_id"] == campaign["id"]
    results = services.inspection_results(inspection["id"])
    assert sorted(r["result"] for r in results.values()) == ["不符合", "不符合", "不适用", "符合"]
    audit = services.audit_entries(major_id)
    assert [a["action"] for a in audit if a["action"].startswith("finding:")] == [
        "finding:created", "finding:order_issued", "finding:feedback", "finding:recheck", "finding:extension",
        "finding:recheck", "finding:close"]
    assert all(a["actor"] == "林志明" for a in audit)
    assert page.table.model().index(0, 4).data() == "已销号"
    assert "处理经过" in page.detail.toPlainText() and "销号" in page.detail.toPlainText()
    qtbot.waitUntil(lambda: "未整改隐患 1 条" in window.status.text())
    services.close()
