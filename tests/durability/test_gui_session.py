"""The session that once lost its work, repeated by clicks and keys, with another program reading after each step.

A new unit, two inspectors, an inspection with its results, a finding and the signatures; a document printed in
the background (its own connection) and the 同步 page trusting a device and importing its package (two more);
then the finding's order, feedback, re-check and 销号. After every step the window shows as saved, a separate
process opens the file, reads it and closes it (what used to delete the WAL) and must see the write. Then a
random walk of the same actions compares what the widgets show with what that process reads.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeView,
)

from inspector import workflow as wf
from inspector.services import Services
from inspector.ui.action_dialog import ActionDialog
from inspector.ui.finding_dialog import FindingDialog
from inspector.ui.inspections_page import NewInspectionDialog, WalkDialog
from inspector.ui.main_window import MainWindow
from inspector.ui.signature import SignatureDialog
from inspector.ui.sites_page import SiteDialog
from inspector.ui.tasks_page import ID_ROLE
from tests.durability.outside import cli_stats, snapshot
from tests.sync.conftest import device
from tests.ui.driver import DialogDriver, ime_type
from tests.ui.test_officer_day import SITE_CODE, button_named, choose_radio, click, ok, set_date, shortcut, tick
from tests.ui.test_signature import draw

SITE = "上海恒达餐饮有限公司"
DISTRICT_SITE = "上海普宁化工有限公司"


def town_window(qtbot, path: Path) -> MainWindow:
    """A town officer's first start (templates and sample work plans seeded), the window shown and active."""
    services = Services.open(path)
    for key, value in (("device_name", "长寿路街道"), ("role", "town"), ("town", "长寿路街道"),
                       ("officer_name", "林志明")):
        services.set_setting(key, value)
    services.store.actor = "林志明"
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def rows_of(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


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
            answer(driver, name, cert)
            click(qtbot, button_named(d, "添加检查人员"))
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
            assert d.model.item(row, 2).text() == shown
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
    trusting = DialogDriver().then(QMessageBox, yes)
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
        qtbot.waitUntil(lambda: findings.buttons[kind].isEnabled())
        click(qtbot, findings.buttons[kind])
        acting.wait(qtbot, timeout=5000)
        qtbot.waitUntil(lambda: findings.model.index(0, 4).data() == wf.STATUS_LABELS[status])
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
    action = next(a for a in findings.table.actions() if a.text() == "打印整改通知书")
    action.trigger()
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
    services.close()


# -- a seeded random walk of real UI actions ------------------------------------------------------------------
STEP_STATUS = {wf.ORDER_ISSUED: wf.ORDERED, wf.RECTIFICATION_STARTED: wf.RECTIFYING, wf.FEEDBACK: wf.AWAITING_RECHECK,
               wf.EXTENSION: wf.EXTENDED, wf.CLOSE: wf.CLOSED, wf.REOPEN: wf.RECTIFYING}
BUTTON_KINDS = {label: kind for kind, label in wf.EVENT_LABELS.items() if kind != wf.CREATED}


def task_indexes(model, parent=None) -> list:
    """Every task row of the 工作任务 tree (the rows whose progress can be written)."""
    parent = parent or QModelIndex()
    out = []
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        item = model.index(r, 1, parent).data(ID_ROLE)
        if item and item["kind"] in ("task", "subtask"):
            out.append(index)
        out += task_indexes(model, index)
    return out


class RandomOfficer:
    """Draws one action at a time and does it by clicks and keys; each returns a check of what the window now
    shows (read from its widgets and models) against what another process reads from the file."""

    def __init__(self, qtbot, window: MainWindow, rng: random.Random) -> None:
        self.qtbot, self.window, self.rng = qtbot, window, rng
        self.n = 0
        self.driver: DialogDriver | None = None

    def go(self, key: Qt.Key, name: str):
        shortcut(self.qtbot, self.window, key)
        return self.window.pages[name]

    def dialog(self, kind: type, fill, opener, timeout: int = 8000) -> None:
        self.driver = DialogDriver().then(kind, fill)
        opener()
        self.driver.wait(self.qtbot, timeout=timeout)

    # -- 单位 -------------------------------------------------------------------------------------------------
    def shown_sites(self):
        sites = self.window.pages["sites"]
        shown = dict(zip(rows_of(sites.model, 0), rows_of(sites.model, 5), strict=True))
        return lambda disk: {n: s["address"] or "" for n, s in disk["sites"].items()} == shown

    def add_site(self):
        sites = self.go(Qt.Key.Key_4, "sites")
        name, address = f"随机单位{self.n}号有限公司", f"真北路{self.n}号"

        def fill(d: SiteDialog) -> None:
            ime_type(d.findChild(QLineEdit, "name"), name)
            ime_type(d.findChild(QLineEdit, "address"), address)
            click(self.qtbot, ok(d))

        self.dialog(SiteDialog, fill, lambda: click(self.qtbot, button_named(sites, "新增单位")))
        self.qtbot.waitUntil(lambda: name in rows_of(sites.model, 0))
        return self.shown_sites()

    def edit_site(self):
        sites = self.go(Qt.Key.Key_4, "sites")
        self.qtbot.waitUntil(lambda: sites.model.rowCount() > 0)
        row = self.rng.randrange(sites.model.rowCount())
        name, address = sites.model.index(row, 0).data(), f"曹杨路{self.n}弄"
        sites.table.selectRow(row)

        def fill(d: SiteDialog) -> None:
            edit = d.findChild(QLineEdit, "address")
            edit.clear()
            ime_type(edit, address)
            click(self.qtbot, ok(d))

        self.dialog(SiteDialog, fill, lambda: click(self.qtbot, button_named(sites, "编辑")))
        self.qtbot.waitUntil(lambda: sites.model.index(rows_of(sites.model, 0).index(name), 5).data() == address)
        return self.shown_sites()

    # -- 工作任务 ----------------------------------------------------------------------------------------------
    def task_progress(self):
        tasks = self.go(Qt.Key.Key_1, "tasks")
        tree = tasks.findChild(QTreeView)
        self.qtbot.waitUntil(lambda: task_indexes(tree.model()) != [], timeout=5000)
        index = self.rng.choice(task_indexes(tree.model()))
        item_id = index.siblingAtColumn(1).data(ID_ROLE)["id"]
        tree.setCurrentIndex(index)
        q1, q2 = tasks.quarters["q1"], tasks.quarters["q2"]
        self.qtbot.waitUntil(q1.isEnabled)
        q1.setFocus()
        q1.selectAll()
        ime_type(q1, f"第{self.n}步：已召开专题会议")
        q2.setFocus()  # leaving the field saves it
        shown = q1.toPlainText()
        return lambda disk: disk["progress"].get(item_id, {}).get("q1") == shown

    # -- 检查 -------------------------------------------------------------------------------------------------
    def walk(self, result: str):
        page = self.go(Qt.Key.Key_2, "inspections")
        self.qtbot.waitUntil(lambda: page.model.rowCount() > 0)
        page.table.selectRow(0)
        shown: dict[str, str] = {}
        description = f"随机隐患{self.n}：灭火器过期"

        def finding(d: FindingDialog) -> None:
            d.description.setPlainText(description)
            click(self.qtbot, ok(d))

        def fill(d: WalkDialog) -> None:
            free = [r for r in range(d.model.rowCount()) if d.model.item(r, 2).text() != "不符合"]
            row = self.rng.choice(free)
            if result == "不符合":
                self.driver.then(FindingDialog, finding)
            d.table.setFocus()
            d.table.selectRow(row)
            qtbot_key = {"符合": Qt.Key.Key_1, "不符合": Qt.Key.Key_2, "不适用": Qt.Key.Key_3}[result]
            self.qtbot.keyClick(d.table, qtbot_key)
            assert d.model.item(row, 2).text() == result
            shown.update({f"{d.inspection['id']}/{item['id']}": d.model.item(r, 2).text()
                          for r, item in enumerate(d.items)})
            d.accept()

        self.dialog(WalkDialog, fill, lambda: click(self.qtbot, button_named(page, "继续检查")))

        def check(disk) -> bool:
            results = {key: disk["results"].get(key, "未检查") for key in shown}
            found = result != "不符合" or description in {f["description"] for f in disk["findings"].values()}
            return results == shown and found

        return check

    def record_result(self):
        return self.walk(self.rng.choice(["符合", "不适用"]))

    def record_finding(self):
        return self.walk("不符合")

    def print_record(self):
        """A 现场检查记录 from the 检查 page: generated on the thread pool with its own connection."""
        page = self.go(Qt.Key.Key_2, "inspections")
        self.qtbot.waitUntil(lambda: page.model.rowCount() > 0)
        page.table.selectRow(0)
        click(self.qtbot, button_named(page, "打印现场检查记录"))
        reports = self.window.pages["reports"]
        self.qtbot.waitUntil(reports.generate_button.isEnabled, timeout=30000)  # disabled while it runs
        assert "文书编号" in reports.message.text()
        number = reports.message.text().split("文书编号：")[1].splitlines()[0]
        return lambda disk: number in disk["doc_numbers"]

    # -- 隐患 -------------------------------------------------------------------------------------------------
    def shown_findings(self, page):
        shown = dict(zip(rows_of(page.model, 2), rows_of(page.model, 4), strict=True))
        return lambda disk: {f["description"]: wf.STATUS_LABELS[f["status"]]
                             for f in disk["findings"].values()} == shown

    def advance_finding(self):
        page = self.go(Qt.Key.Key_3, "findings")
        if not self.window.services.list_records("findings"):
            return self.record_finding()
        self.qtbot.waitUntil(lambda: page.model.rowCount() > 0)
        row = self.rng.randrange(page.model.rowCount())
        description = page.model.index(row, 2).data()
        page.table.selectRow(row)

        def enabled() -> list[QPushButton]:
            return [b for b in page.findChildren(QPushButton) if b.text() in BUTTON_KINDS and b.isEnabled()]

        self.qtbot.waitUntil(lambda: enabled() != [])
        button = self.rng.choice(enabled())
        kind = BUTTON_KINDS[button.text()]
        passed = self.rng.random() < 0.6
        expected = STEP_STATUS.get(kind) or (wf.RECHECK_PASSED if passed else wf.RECHECK_FAILED)
        self.dialog(ActionDialog, lambda d: self.fill_step(d, kind, passed), lambda: click(self.qtbot, button))
        self.qtbot.waitUntil(lambda: page.model.index(rows_of(page.model, 2).index(description), 4).data()
                             == wf.STATUS_LABELS[expected])
        return self.shown_findings(page)

    def fill_step(self, d: ActionDialog, kind: str, passed: bool) -> None:
        later = date.today() + timedelta(days=60 + 2 * self.n)  # later than any deadline given before
        if kind == wf.ORDER_ISSUED:
            ime_type(d.widgets["doc_no"], f"（长）应急责改〔2026〕{self.n}号")
        elif kind in (wf.RECTIFICATION_STARTED, wf.CLOSE):
            d.widgets["note"].setPlainText("已落实")
        elif kind == wf.FEEDBACK:
            d.widgets["measures"].setPlainText("已更换灭火器")
        elif kind == wf.RECHECK:
            choose_radio(self.qtbot, d, "合格" if passed else "不合格")
            if not passed:
                d.widgets["opinion"].setPlainText("仍未整改到位")
                set_date(d.widgets["deadline"], later)
        elif kind == wf.EXTENSION:
            d.widgets["reason"].setPlainText("需等待厂家供货")
            set_date(d.widgets["deadline"], later + timedelta(days=1))
        elif kind == wf.REOPEN:
            d.widgets["reason"].setPlainText("群众举报仍存在")
        click(self.qtbot, ok(d))


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
    services.close()
