"""The 检查 page: past inspections, a new inspection (Ctrl+N), and walking its items with the keyboard.

In the walk, 1 = 符合, 2 = 不符合 (opens the finding form), 3 = 不适用, and the note column is edited in place;
each result is saved the moment it is given.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.errors import InspectorError
from inspector.services import Services
from inspector.ui.background import Operation
from inspector.ui.finding_dialog import FindingDialog
from inspector.ui.records_model import RECORD_ROLE, RecordsModel
from inspector.ui.vocabulary import term
from inspector.ui.widgets import ok_cancel

SITES = 5000  # sites offered when starting an inspection (typing in the box finds one among them)
LIMIT = 500  # the newest inspections listed; older ones are found through 单位 → 一企一档
TYPES = ("日常", "专项", "复查", "举报")
RESULT_KEYS = {Qt.Key.Key_1: "符合", Qt.Key.Key_2: "不符合", Qt.Key.Key_3: "不适用"}
COLUMNS = [("started_at", "检查时间"), ("site", "被检查单位"), ("town", "街镇"), ("type", "类型"),
           ("checklist", "检查表"), ("findings", "隐患数")]


class NewInspectionDialog(QDialog):
    """Site, checklist, type, 四不两直, campaign, two inspectors and the time from–to."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.inspection_id: str | None = None
        self.setWindowTitle(self.tr("新建检查"))
        self.site = QComboBox(self)
        self.site.setEditable(True)
        self.site.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.site.setPlaceholderText(self.tr("正在读取单位…"))
        Operation(self, lambda task: task.services.sites(limit=SITES), services=services,
                  key="sites").success(self.show_sites).run_in_background()  # a district has many sites
        self.checklist = QComboBox(self)
        for row in services.checklists("template") + services.checklists("workplan"):
            self.checklist.addItem(row["name"], row["id"])
        self.type = QComboBox(self)
        self.type.addItems([term(t) for t in TYPES])
        self.unannounced = QCheckBox(self.tr("四不两直（不打招呼、直奔现场）"), self)
        self.campaign = QComboBox(self)  # the district's campaigns: a reference, never a typed name
        self.campaign.addItem(self.tr("（不属于专项行动）"), None)
        for row in services.campaigns():
            self.campaign.addItem(row["name"] + ("" if row["registered"] else self.tr("（旧名称）")), row["id"])
        self.inspectors = [QComboBox(self), QComboBox(self)]
        add_person = QPushButton(self.tr("添加检查人员…"), self)
        add_person.clicked.connect(self.add_inspector)
        people = QHBoxLayout()
        for combo in self.inspectors:
            people.addWidget(combo, 1)
        people.addWidget(add_person)
        self.fill_inspectors()
        now = QDateTime.currentDateTime()
        self.start = QDateTimeEdit(now, self)
        self.end = QDateTimeEdit(now.addSecs(3600), self)
        for edit in (self.start, self.end):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        form = QFormLayout()
        for label, widget in ((self.tr("被检查单位"), self.site), (self.tr("检查表"), self.checklist),
                              (self.tr("检查类型"), self.type), ("", self.unannounced),
                              (self.tr("专项行动"), self.campaign), (self.tr("检查人员"), people),
                              (self.tr("开始时间"), self.start), (self.tr("结束时间"), self.end)):
            if isinstance(widget, QHBoxLayout):
                form.addRow(label + "：", widget)
            else:
                form.addRow(label + ("：" if label else ""), widget)
        box = ok_cancel(self, self.tr("开始检查"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        self.resize(640, self.sizeHint().height())

    def show_sites(self, sites: list[dict[str, Any]]) -> None:
        typed = self.site.currentText()
        for site in sites:
            self.site.addItem(f"{site['name']}（{site['town'] or ''}）", site["id"])
        if typed:
            self.site.setCurrentText(typed)
        elif self.site.count():
            self.site.setCurrentIndex(0)  # as before the list came from a worker: the first site is chosen

    def fill_inspectors(self) -> None:
        people = self.services.inspectors()
        for k, combo in enumerate(self.inspectors):
            combo.clear()
            for person in people:
                combo.addItem(f"{person['name']}（{term('执法证号')} {person['certificate_no'] or '—'}）",
                              person["id"])
            combo.setCurrentIndex(min(k, combo.count() - 1))

    def add_inspector(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("添加检查人员"), self.tr("姓名："))
        if not ok or not name.strip():
            return
        cert, ok = QInputDialog.getText(self, self.tr("添加检查人员"), self.tr("执法证号："))
        if ok:
            self.services.add_inspector(name.strip(), cert.strip(), self.services.store.setting("unit") or "")
            self.fill_inspectors()

    def accept(self) -> None:
        first, second = (c.currentData() for c in self.inspectors)
        problem = None
        if self.site.currentData() is None:
            problem = self.tr("请选择被检查单位（先在“单位”页登记）。")
        elif not first or not second or first == second:
            problem = self.tr("执法检查须由两名检查人员进行，请选择两名不同的人员。")
        elif self.end.dateTime() <= self.start.dateTime():
            problem = self.tr("结束时间必须晚于开始时间。")
        if problem:
            QMessageBox.warning(self, self.tr("不能开始"), problem)
            return
        self.inspection_id = self.services.start_inspection(
            self.site.currentData(), self.checklist.currentData(), type=TYPES[self.type.currentIndex()],
            unannounced=int(self.unannounced.isChecked()), campaign_id=self.campaign.currentData(),
            inspector1_id=first, inspector2_id=second,
            started_at=self.start.dateTime().toString("yyyy-MM-ddTHH:mm"),
            ended_at=self.end.dateTime().toString("yyyy-MM-ddTHH:mm"))
        super().accept()


class WalkDialog(QDialog):
    """The items of the inspection's checklist with their results; keys 1/2/3 set 符合/不符合/不适用."""

    sig_finding = Signal(str)
    """The id of a finding just recorded."""

    def __init__(self, services: Services, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.inspection: dict[str, Any] = services.store.get("inspections", inspection_id)
        self.site = services.store.get("sites", self.inspection["site_id"])
        self.items = [i for i in services.checklist_items(self.inspection["checklist_id"])
                      if i["kind"] in ("item", "task", "subtask")]
        self.setWindowTitle(self.tr("检查 — {0}").format(self.site["name"]))
        self.model = QStandardItemModel(len(self.items), 4, self)
        self.model.setHorizontalHeaderLabels([self.tr("编号"), self.tr("检查项目"), self.tr("结果"), self.tr("备注")])
        results = services.inspection_results(inspection_id)
        for row, item in enumerate(self.items):
            result = results.get(item["id"], {})
            cells = [QStandardItem(item["number"] or ""), QStandardItem(item["title"] or ""),
                     QStandardItem(result.get("result") or self.tr("未检查")), QStandardItem(result.get("note") or "")]
            for col, cell in enumerate(cells):
                cell.setEditable(col == 3)
            cells[1].setToolTip(item.get("legal_basis") or "")
            for col, cell in enumerate(cells):
                self.model.setItem(row, col, cell)
        self.model.itemChanged.connect(self.note_changed)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for col, width in enumerate((50, 520, 80, 240)):
            self.table.setColumnWidth(col, width)
        self.table.installEventFilter(self)
        buttons = QHBoxLayout()
        for text, result in ((self.tr("符合 (1)"), "符合"), (self.tr("不符合 (2)"), "不符合"),
                             (self.tr("不适用 (3)"), "不适用")):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, r=result: self.set_result(r))
            buttons.addWidget(button)
        sign = QPushButton(self.tr("现场签字…"), self)
        sign.clicked.connect(self.sign)
        buttons.addWidget(sign)
        buttons.addStretch(1)
        self.summary = QLabel(self)
        buttons.addWidget(self.summary)
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        done.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("完成"))
        done.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        hint = self.tr("用方向键选择检查项，按 1 符合、2 不符合（登记隐患）、3 不适用；双击备注可填写。")
        layout.addWidget(QLabel(hint, self))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(done)
        self.resize(960, 640)
        self.table.setFocus()
        if self.items:
            self.table.selectRow(0)
        self.update_summary()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.table and event.type() == event.Type.KeyPress and event.key() in RESULT_KEYS:
            self.set_result(RESULT_KEYS[event.key()])
            return True
        return super().eventFilter(obj, event)

    def set_result(self, result: str) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            return
        item = self.items[row]
        if result == "不符合":
            dialog = FindingDialog(self.services, self.inspection, item, self.site, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            self.sig_finding.emit(dialog.finding_id)
        try:
            self.services.record_result(self.inspection["id"], item["id"], result, self.model.item(row, 3).text())
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        self.model.blockSignals(True)
        self.model.item(row, 2).setText(term(result))
        self.model.blockSignals(False)
        self.table.viewport().update()
        if row + 1 < len(self.items):
            self.table.selectRow(row + 1)
        self.update_summary()

    def sign(self) -> None:
        from inspector.ui.signature import SignatureDialog

        dialog = SignatureDialog(self.services, self.inspection["id"], self)
        dialog.exec()

    def note_changed(self, cell: QStandardItem) -> None:
        if cell.column() != 3:
            return
        result = self.model.item(cell.row(), 2).text()
        if result != self.tr("未检查"):
            self.services.record_result(self.inspection["id"], self.items[cell.row()]["id"], result, cell.text())

    def update_summary(self) -> None:
        done = sum(1 for r in range(self.model.rowCount()) if self.model.item(r, 2).text() != self.tr("未检查"))
        self.summary.setText(self.tr("已检查 {0} / {1} 项").format(done, len(self.items)))


class InspectionsPage(QWidget):
    sig_changed = Signal()
    """An inspection or finding was recorded."""
    sig_print = Signal(str, str, str)
    """A document to print: its kind, the parameter name and the record id."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = RecordsModel(COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.walk(index.data(RECORD_ROLE)["id"]))
        for col, width in enumerate((140, 280, 110, 60, 200, 60)):
            self.table.setColumnWidth(col, width)
        new = QPushButton(self.tr("新建检查 (Ctrl+N)"), self)
        new.clicked.connect(self.new_inspection)
        resume = QPushButton(self.tr("继续检查"), self)
        resume.clicked.connect(self.resume)
        templates = QPushButton(self.tr("检查表模板…"), self)
        templates.clicked.connect(self.edit_templates)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(resume)
        buttons.addWidget(templates)
        record = QPushButton(self.tr("打印现场检查记录"), self)
        record.clicked.connect(self.print_record)
        buttons.addWidget(record)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.refresh()


    def shown_data(self) -> bool:
        """Whether the page's first data is on screen (what benchmarks and the GUI-thread tests wait for)."""
        return self.model.rowCount() > 0

    def refresh(self) -> None:
        """The newest inspections, loaded on a worker (the window stays usable while they come)."""
        Operation(self, lambda task: task.services.inspections(LIMIT), services=self.services,
                  key="load").success(self.show_rows).run_in_background()

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            row["started_at"] = (row["started_at"] or "").replace("T", " ")
        self.model.set_rows(rows)

    def new_inspection(self) -> None:
        dialog = NewInspectionDialog(self.services, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.inspection_id:
            self.refresh()
            self.sig_changed.emit()
            self.walk(dialog.inspection_id)

    def print_record(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.sig_print.emit("inspection-record", "inspection", index.data(RECORD_ROLE)["id"])

    def edit_templates(self) -> None:
        from inspector.ui.templates_dialog import TemplatesDialog

        dialog = TemplatesDialog(self.services, self)
        dialog.exec()
        self.sig_changed.emit()

    def resume(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.walk(index.data(RECORD_ROLE)["id"])

    def walk(self, inspection_id: str) -> None:
        dialog = WalkDialog(self.services, inspection_id, self)
        dialog.sig_finding.connect(lambda _: self.sig_changed.emit())
        dialog.exec()
        self.refresh()
        self.sig_changed.emit()

