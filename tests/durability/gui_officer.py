"""A town officer at the window, for the durability tests: the window as on a first start, the models read as
the person sees them, and :class:`RandomOfficer`, who does one randomly drawn action at a time by clicks and keys.

Lists may fill off the GUI thread, so every read of a model waits for the row it needs instead of assuming it
is there.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTreeView

from inspector import workflow as wf
from inspector.services import Services
from inspector.ui.action_dialog import ActionDialog
from inspector.ui.finding_dialog import FindingDialog
from inspector.ui.inspections_page import WalkDialog
from inspector.ui.main_window import MainWindow
from inspector.ui.sites_page import SiteDialog
from inspector.ui.tasks_page import ID_ROLE
from tests.ui.driver import DialogDriver, ime_type
from tests.ui.test_officer_day import button_named, choose_radio, click, ok, set_date, shortcut


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


def cell(model, key_column: int, key: str, column: int) -> str | None:
    """The text in ``column`` of the row whose ``key_column`` shows ``key`` (None while no row does)."""
    rows = rows_of(model, key_column)
    return model.index(rows.index(key), column).data() if key in rows else None


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
        self.qtbot.waitUntil(lambda: cell(sites.model, 0, name, 5) == address)
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
            free = [r for r in range(d.model.rowCount()) if d.results[r] != "不符合"]
            row = self.rng.choice(free)
            if result == "不符合":
                self.driver.then(FindingDialog, finding)
            d.table.setFocus()
            d.table.selectRow(row)
            qtbot_key = {"符合": Qt.Key.Key_1, "不符合": Qt.Key.Key_2, "不适用": Qt.Key.Key_3}[result]
            self.qtbot.keyClick(d.table, qtbot_key)
            assert d.results[row] == result
            shown.update({f"{d.inspection['id']}/{item['id']}": d.results[r]
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
        self.qtbot.waitUntil(lambda: cell(page.model, 2, description, 4) == wf.STATUS_LABELS[expected])
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
