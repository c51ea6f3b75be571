"""The session that once lost its work, repeated by clicks and keys, with another program reading after each step.

A new unit, two inspectors, an inspection with its results, a finding and the signatures; a document printed in
the background (its own connection) and the 同步 page trusting a device and importing its package (two more);
then the finding's order, feedback, re-check and 销号. After every step the window shows as saved, a separate
process opens the file, reads it and closes it (what used to delete the WAL) and must see the write. Then a
random walk of the same actions compares what the widgets show with what that process reads.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from inspector import workflow as wf
from inspector.services import Services
from inspector.ui.action_dialog import ActionDialog
from inspector.ui.background import busy
from inspector.ui.finding_dialog import FindingDialog
from inspector.ui.inspections_page import NewInspectionDialog, WalkDialog
from inspector.ui.signature import SignatureDialog
from inspector.ui.sites_page import SiteDialog
from tests.durability.gui_officer import RandomOfficer, cell, rows_of, town_window
from tests.durability.outside import cli_stats, snapshot
from tests.sync.conftest import device
from tests.ui.driver import DialogDriver, ime_type
from tests.ui.menus import choose
from tests.ui.people import answer_people
from tests.ui.test_officer_day import SITE_CODE, button_named, choose_radio, click, ok, shortcut, tick
from tests.ui.test_signature import draw

SITE = "上海恒达餐饮有限公司"
DISTRICT_SITE = "上海普宁化工有限公司"


def answer(driver: DialogDriver, *texts: str) -> None:
    """The next input dialogs are answered with ``texts`` in order."""
    for text in texts:
        driver.then(QInputDialog, lambda d, t=text: (d.setTextValue(t), d.accept()))


def yes(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Yes).click()


def a_district_package(tmp_path: Path, town: Services) -> tuple[Path, Path]:
    """Another laptop (the district's) with its own database: its identity file and a package for this town."""
    district = device(tmp_path / "district.db", "普陀区应急局", "district")
    try:
        district.sync().add_peer(town.sync().identity(), trusted=True)
        district.add_site(name=DISTRICT_SITE, town="长寿路街道")
        identity = district.sync().export_identity(tmp_path / "区应急局身份.json")
        package = tmp_path / "区应急局.inspx"
        district.sync().export("长寿路街道", package)
    finally:
        district.close()
    return identity, package

def test_the_lost_session_reaches_the_disk_step_by_step(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "inspector.db"
    window = town_window(qtbot, path)
    services = window.services
    identity, package = a_district_package(tmp_path, services)
    driver = DialogDriver()

    # a new unit on the 单位 page
    shortcut(qtbot, window, Qt.Key.Key_4)
    sites = window.pages["sites"]

    def fill_site(d: SiteDialog) -> None:
        for key, text in (("name", SITE), ("credit_code", SITE_CODE), ("address", "武宁路100号"),
                          ("contact_phone", "13912345678")):
            ime_type(d.findChild(QLineEdit, key), text)
        d.findChild(QComboBox, "town").setCurrentText("长寿路街道")
        click(qtbot, ok(d))

    driver.then(SiteDialog, fill_site)
    click(qtbot, button_named(sites, "新增单位"))
    qtbot.waitUntil(lambda: driver.done and SITE in rows_of(sites.model, 0), timeout=5000)
    assert snapshot(path)["sites"][SITE] == {"credit_code": SITE_CODE, "address": "武宁路100号",
                                             "contact_phone": "13912345678"}

    # a new inspection (Ctrl+N): two inspectors added on the way, each on disk as soon as it is added
    walk_state: dict = {}

    def fill_inspection(d: NewInspectionDialog) -> None:
        for name, cert in (("林志明", "31001234"), ("沈佳怡", "31005678")):
            answer_people(qtbot, driver, (name, cert))
            click(qtbot, button_named(d, "检查人员"))
            qtbot.waitUntil(lambda n=name: any(d.inspectors[1].itemText(i).startswith(n)
                                               for i in range(d.inspectors[1].count())))
            assert snapshot(path)["inspectors"][name] == cert
        qtbot.waitUntil(lambda: d.site.findText(SITE, Qt.MatchFlag.MatchStartsWith) >= 0)
        d.site.setCurrentIndex(d.site.findText(SITE, Qt.MatchFlag.MatchStartsWith))
        qtbot.waitUntil(lambda: d.checklist.findText("九小场所消防") >= 0)
        d.checklist.setCurrentIndex(d.checklist.findText("九小场所消防"))
        tick(qtbot, d.findChild(QCheckBox))  # 四不两直
        click(qtbot, ok(d))

    def general_finding(d: FindingDialog) -> None:
        d.description.setPlainText("疏散通道堆放纸箱杂物")
        ime_type(d.location, "一楼后门通道")
        click(qtbot, ok(d))

    def sign(d: SignatureDialog) -> None:
        for pad in ("inspector1", "inspector2"):
            draw(qtbot, d.pads[pad], [(20, 60), (60, 30), (100, 70), (150, 40)])
        tick(qtbot, [b for b in d.findChildren(QCheckBox) if b.text() == "拒绝签字"][-1])  # the unit's row
        click(qtbot, ok(d))

    def walk(d: WalkDialog) -> None:
        inspection = d.inspection["id"]
        walk_state["inspection"] = inspection
        seen = snapshot(path)
        assert seen["inspections"][inspection]["site_id"] in {s["id"] for s in services.sites()}
        for row, key, shown in ((0, Qt.Key.Key_1, "符合"), (1, Qt.Key.Key_3, "不适用"), (7, Qt.Key.Key_2, "不符合")):
            if key == Qt.Key.Key_2:
                driver.then(FindingDialog, general_finding)
            d.table.setFocus()
            d.table.selectRow(row)
            qtbot.keyClick(d.table, key)
            assert d.results[row] == shown
            seen = snapshot(path)
            assert seen["results"][f"{inspection}/{d.items[row]['id']}"] == shown
        assert [f["description"] for f in seen["findings"].values()] == ["疏散通道堆放纸箱杂物"]
        driver.then(SignatureDialog, sign)
        click(qtbot, button_named(d, "现场签字"))
        signatures = snapshot(path)["inspections"][inspection]["signatures"]
        assert signatures["site"] == {"refused": True} and "attachment" in signatures["inspector2"]
        d.accept()

    driver.then(NewInspectionDialog, fill_inspection).then(WalkDialog, walk)
    shortcut(qtbot, window, Qt.Key.Key_N)
    driver.wait(qtbot, timeout=15000)
    inspection = walk_state["inspection"]
    assert sorted(a for a in snapshot(path)["attachments"] if a.startswith("signature")) == [
        "signature:inspector1", "signature:inspector2"]

    # print the 现场检查记录: generated on the thread pool with its own connection, which numbers the document
    inspections = window.pages["inspections"]
    qtbot.waitUntil(lambda: inspections.model.rowCount() == 1)
    inspections.table.selectRow(0)
    click(qtbot, button_named(inspections, "打印现场检查记录"))
    reports = window.pages["reports"]
    qtbot.waitUntil(lambda: "文书编号" in reports.message.text(), timeout=30000)
    number = reports.message.text().split("文书编号：")[1].splitlines()[0]
    assert number in snapshot(path)["doc_numbers"]

    # the 同步 page: trust the district's laptop, then import its package (verified and merged in the background)
    shortcut(qtbot, window, Qt.Key.Key_6)
    sync = window.pages["sync"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(identity), ""))
    trusting = DialogDriver().then(QInputDialog, lambda box: box.accept())  # fingerprint compared; role: 区
    click(qtbot, button_named(sync, "信任设备"))
    trusting.wait(qtbot)
    qtbot.waitUntil(lambda: "普陀区应急局" in rows_of(sync.peers, 0))
    assert snapshot(path)["peers"] == {"普陀区应急局": 1}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(package), ""))
    importing = DialogDriver().then(QMessageBox, yes)
    click(qtbot, button_named(sync, "导入数据包"))
    importing.wait(qtbot, timeout=15000)
    qtbot.waitUntil(lambda: "已导入" in sync.status.text(), timeout=15000)
    assert DISTRICT_SITE in snapshot(path)["sites"]

    # the finding's life on the 隐患 page; the order is printed from the finding's own context action
    shortcut(qtbot, window, Qt.Key.Key_3)
    findings = window.pages["findings"]
    qtbot.waitUntil(lambda: rows_of(findings.model, 2) == ["疏散通道堆放纸箱杂物"], timeout=5000)
    findings.table.selectRow(0)
    finding = findings.selected_id()

    def step(kind: str, fill, status: str) -> None:
        acting = DialogDriver().then(ActionDialog, fill)
        button = next(b for b in findings.findChildren(QPushButton) if b.text() == wf.EVENT_LABELS[kind])
        qtbot.waitUntil(button.isEnabled)
        click(qtbot, button)
        acting.wait(qtbot, timeout=5000)
        qtbot.waitUntil(lambda: cell(findings.model, 2, "疏散通道堆放纸箱杂物", 4) == wf.STATUS_LABELS[status])
        seen = snapshot(path)["findings"][finding]
        assert seen["status"] == status and seen["events"][-1] == kind

    def order(d):
        ime_type(d.widgets["doc_no"], "（长）应急责改〔2026〕1号")
        click(qtbot, ok(d))

    def feedback(d):
        d.widgets["measures"].setPlainText("纸箱已清出通道")
        click(qtbot, ok(d))

    def recheck(d):
        choose_radio(qtbot, d, "合格")
        click(qtbot, ok(d))

    step(wf.ORDER_ISSUED, order, wf.ORDERED)
    choose(qtbot, findings, "打印限期整改意见书")  # the town's order, named as 设置 names it
    qtbot.waitUntil(lambda: reports.last is not None and reports.last.name.startswith("rectification-order"),
                    timeout=30000)
    number = reports.message.text().split("文书编号：")[1].splitlines()[0]
    assert number in snapshot(path)["doc_numbers"]
    shortcut(qtbot, window, Qt.Key.Key_3)
    step(wf.FEEDBACK, feedback, wf.AWAITING_RECHECK)
    step(wf.RECHECK, recheck, wf.RECHECK_PASSED)
    step(wf.CLOSE, lambda d: click(qtbot, ok(d)), wf.CLOSED)
    assert snapshot(path)["findings"][finding]["events"] == [
        wf.CREATED, wf.ORDER_ISSUED, wf.FEEDBACK, wf.RECHECK, wf.CLOSE]

    # after all those outside opens and closes the window still writes, and a third process sees it
    shortcut(qtbot, window, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: SITE in rows_of(sites.model, 0))
    sites.table.selectRow(rows_of(sites.model, 0).index(SITE))

    def new_phone(d: SiteDialog) -> None:
        phone = d.findChild(QLineEdit, "contact_phone")
        phone.clear()
        ime_type(phone, "02162345678")
        click(qtbot, ok(d))

    editing = DialogDriver().then(SiteDialog, new_phone)
    click(qtbot, button_named(sites, "编辑"))
    editing.wait(qtbot)
    assert snapshot(path)["sites"][SITE]["contact_phone"] == "02162345678"
    stats = cli_stats(path)
    assert (stats["sites"], stats["inspections"]) == (2, 1)
    assert stats["findings"]["by_status"][wf.CLOSED] == 1 and stats["findings"]["total"] == 1
    assert inspection in snapshot(path)["inspections"]
    finish(qtbot, window, services)


# the kinds of action drawn, advancing a finding twice as often (its life has the most steps)
ACTIONS = ("add_site", "edit_site", "task_progress", "record_result", "record_finding", "advance_finding",
           "advance_finding", "print_record")


@pytest.mark.parametrize("seed", [20261201])
def test_a_random_walk_of_ui_actions_leaves_on_disk_what_the_window_shows(qtbot, tmp_path, seed):
    path = tmp_path / "inspector.db"
    window = town_window(qtbot, path)
    services = window.services
    site = services.add_site(name=SITE, town="长寿路街道")
    people = [services.add_inspector(name, cert, "") for name, cert in (("林志明", "31001234"),
                                                                        ("沈佳怡", "31005678"))]
    template = next(c["id"] for c in services.checklists("template") if c["name"] == "九小场所消防")
    services.start_inspection(site, template, inspector1_id=people[0], inspector2_id=people[1])
    rng = random.Random(seed)
    officer = RandomOfficer(qtbot, window, rng)
    done = []
    for n in range(40):
        officer.n = n
        action = rng.choice(ACTIONS)
        check = getattr(officer, action)()
        assert check(snapshot(path)), f"step {n} ({action}): the window shows what is not on disk"
        done.append(action)
    assert set(done) >= set(ACTIONS)  # every kind of action was drawn at least once
    finish(qtbot, window, services)


def finish(qtbot, window, services) -> None:
    """Quit as the app does: the pages' background reads end, the window closes, then the database."""
    qtbot.waitUntil(lambda: not busy())
    window.close()
    services.close()
