"""The 检查 page: the inspections, a page at a time with their status (未整改, 签字), search and filters; a new
inspection (Ctrl+N) and the walk (``walk_dialog``); batch work on one inspection or on every overdue case.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.services import InspectionFilter, Services
from inspector.services.findings import SIGNERS
from inspector.ui.background import Operation
from inspector.ui.issue_orders_dialog import IssueOrdersDialog
from inspector.ui.records_model import RECORD_ROLE, RecordsModel
from inspector.ui.vocabulary import term
from inspector.ui.walk_dialog import FAIL_TEXT, WalkDialog
from inspector.ui.widgets import form_habits, ok_cancel

SITES = 5000  # sites offered when starting an inspection (typing in the box finds one among them)
TYPES = ("日常", "专项", "复查", "举报")
COLUMNS = [("started_at", "检查时间"), ("site", "被检查单位"), ("town", "街镇"), ("type", "类型"),
           ("checklist", "检查表"), ("findings", "隐患数"), ("open_label", "未整改"), ("signed_label", "签字")]
HEADER_TERMS = (QT_TRANSLATE_NOOP("vocabulary", "未整改"), QT_TRANSLATE_NOOP("vocabulary", "签字"))  # term() them
PAGE = 200  # inspections per page of the list; scrolling to its end reads the next page
FIRST_PAGE = 60  # the first page: a screen's worth and more, so the list opens on fewer reads of a cold database


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
        for row in services.checklists("template"):  # site checklists only: a work plan is not walked on site
            self.checklist.addItem(row["name"], row["id"])
        self.type = QComboBox(self)
        self.type.addItems([term(t) for t in TYPES])
        self.unannounced = QCheckBox(self.tr("四不两直（不打招呼、直奔现场）"), self)
        self.campaign = QComboBox(self)  # the district's campaigns: a reference, never a typed name
        self.campaign.addItem(self.tr("（不属于专项行动）"), None)
        for row in services.campaigns():
            self.campaign.addItem(row["name"] + ("" if row["registered"] else self.tr("（旧名称）")), row["id"])
        self.inspectors = [QComboBox(self), QComboBox(self)]
        add_person = QPushButton(self.tr("检查人员…"), self)
        add_person.setToolTip(self.tr("添加、修改或停用检查人员"))
        add_person.clicked.connect(self.edit_inspectors)
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
        form_habits(self)  # Tab leaves multi-line boxes; Escape asks before discarding typed text
        self.resize(640, self.sizeHint().height())

    def show_sites(self, sites: list[dict[str, Any]]) -> None:
        typed = self.site.currentText()
        for site in sites:
            self.site.addItem(f"{site['name']}（{site['town'] or ''}）", site["id"])
        if typed:
            self.site.setCurrentText(typed)
        elif self.site.count():
            self.site.setCurrentIndex(0)  # as before the list came from a worker: the first site is chosen

    def fill_inspectors(self, keep: list[str | None] | None = None) -> None:
        """The active inspectors in both boxes; ``keep`` are the ids to leave chosen (else the first two)."""
        people = self.services.inspectors(active_only=True)
        for k, combo in enumerate(self.inspectors):
            combo.clear()
            for person in people:
                combo.addItem(f"{person['name']}（{term('执法证号')} {person['certificate_no'] or '—'}）",
                              person["id"])
            wanted = combo.findData(keep[k]) if keep and keep[k] else -1
            combo.setCurrentIndex(wanted if wanted >= 0 else min(k, combo.count() - 1))

    def edit_inspectors(self) -> None:
        """The inspectors' editor; someone just saved there takes the first box still free."""
        from inspector.ui.inspectors_dialog import InspectorsDialog

        chosen = [c.currentData() for c in self.inspectors]
        dialog = InspectorsDialog(self.services, self)
        dialog.exec()
        if dialog.chosen and dialog.chosen not in chosen:
            if not chosen[0]:
                chosen[0] = dialog.chosen
            elif not chosen[1] or chosen[1] == chosen[0]:
                chosen[1] = dialog.chosen
        self.fill_inspectors(chosen)

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


class InspectionsModel(RecordsModel):
    """The 检查 list, a page at a time: scrolling to the end asks ``fetch_next`` for the next page."""

    def __init__(self, parent=None) -> None:
        super().__init__(COLUMNS, parent)
        self.more = False
        self.loading = False
        self.fetch_next = None

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more and not self.loading and self.fetch_next is not None

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self.loading = True
            self.fetch_next()

    def append_rows(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.records), len(self.records) + len(rows) - 1)
            self.records.extend(rows)
            self.endInsertRows()

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole:
            record = self.records[index.row()]
            key = self.columns[index.column()][0]
            if key == "open_label" and record.get("open_findings"):
                return QColor(FAIL_TEXT)
            if key == "signed_label" and record.get("signed_state") != "signed":
                return QColor("#a15c00")
        return super().data(index, role)


def signed_state(signatures: str | None) -> str:
    """signed / partly / unsigned from an inspection's signatures (a recorded refusal counts as handled)."""
    raw = json.loads(signatures or "{}")
    done = sum(1 for signer in SIGNERS if raw.get(signer))
    return "signed" if done == len(SIGNERS) else "partly" if done else "unsigned"


class InspectionsPage(QWidget):
    sig_changed = Signal()
    """An inspection or finding was recorded."""
    sig_print = Signal(str, str, str)
    """A document to print: its kind, the parameter name and the record id."""
    sig_printed = Signal(str)
    """The path of a PDF a batch print just wrote (the window shows it in 报表)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = InspectionsModel(self)
        self.model.fetch_next = self.load_more
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.walk(index.data(RECORD_ROLE)["id"]))
        for col, width in enumerate((130, 260, 100, 50, 170, 56, 70, 80)):
            self.table.setColumnWidth(col, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self.context_menu)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("搜索单位名称、信用代码、街镇、检查表或专项"))
        self.search.setClearButtonEnabled(True)
        self.state = QComboBox(self)
        for label, value in ((self.tr("全部检查"), None), (self.tr("有未整改隐患"), "open"),
                             (self.tr("无未整改隐患"), "clean"), (self.tr("未签字"), "unsigned"),
                             (self.tr("已签字"), "signed")):
            self.state.addItem(label, value)
        self.type = QComboBox(self)
        self.type.addItem(self.tr("全部类型"), None)
        for t in TYPES:
            self.type.addItem(term(t), t)
        self.count = QLabel(self)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.state)
        filters.addWidget(self.type)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        for text, handler in ((self.tr("新建检查 (Ctrl+N)"), self.new_inspection), (self.tr("继续检查"), self.resume),
                              (self.tr("检查表模板…"), self.edit_templates),
                              (self.tr("检查人员…"), self.edit_inspectors),
                              (self.tr("打印现场检查记录"), self.print_record),
                              (self.tr("打印本次全部文书"), self.print_all),
                              (self.tr("本次隐患全部下发整改…"), self.issue_all),
                              (self.tr("打印逾期未改的整改文书"), self.print_overdue)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(lambda _: self.refresh())
        self.state.currentIndexChanged.connect(lambda _: self.refresh())
        self.type.currentIndexChanged.connect(lambda _: self.refresh())
        self.refresh()

    def shown_data(self) -> bool:
        """Whether the page's first data is on screen (what benchmarks and the GUI-thread tests wait for)."""
        return self.model.rowCount() > 0

    def current_filter(self) -> InspectionFilter:
        return InspectionFilter(text=self.search.text(), state=self.state.currentData(), type=self.type.currentData())

    def refresh(self) -> None:
        """The first page of the inspections that match, read on a worker; a newer filter replaces it."""
        flt = self.current_filter()
        self.model.loading = True
        Operation(self, lambda task: task.services.inspection_page(flt, FIRST_PAGE), services=self.services,
                  key="load").success(lambda rows: self.show_rows(rows, first=True)).run_in_background()

    def load_more(self) -> None:
        """The next page after the last row shown (the list scrolled to its end)."""
        last = self.model.records[-1]
        flt, after = self.current_filter(), (last["started_at_raw"], last["id"])
        Operation(self, lambda task: task.services.inspection_page(flt, PAGE, after), services=self.services,
                  key="load").success(lambda rows: self.show_rows(rows, first=False)).run_in_background()

    def show_rows(self, rows: list[dict[str, Any]], first: bool) -> None:
        labels = {"signed": self.tr("已签字"), "partly": self.tr("部分签字"), "unsigned": self.tr("未签字")}
        for row in rows:
            row["started_at_raw"] = row["started_at"]
            row["started_at"] = (row["started_at"] or "").replace("T", " ")
            row["type"] = term(row["type"])
            row["signed_state"] = signed_state(row["signatures"])
            row["signed_label"] = labels[row["signed_state"]]
            row["open_label"] = self.tr("{0} 条").format(row["open_findings"]) if row["open_findings"] else "—"
        if first:
            self.model.set_rows(rows)
        else:
            self.model.append_rows(rows)
        self.model.more = len(rows) == (FIRST_PAGE if first else PAGE)
        self.model.loading = False
        shown = len(self.model.records)
        self.count.setText(self.tr("已列出 {0} 次，向下滚动加载更多").format(shown) if self.model.more
                           else self.tr("共 {0} 次").format(shown))

    def selected(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def new_inspection(self) -> None:
        dialog = NewInspectionDialog(self.services, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.inspection_id:
            self.refresh()
            self.sig_changed.emit()
            self.walk(dialog.inspection_id)

    def print_record(self) -> None:
        chosen = self.selected()
        if chosen:
            self.sig_print.emit("inspection-record", "inspection", chosen["id"])

    def edit_templates(self) -> None:
        from inspector.ui.templates_dialog import TemplatesDialog

        dialog = TemplatesDialog(self.services, self)
        dialog.exec()
        self.sig_changed.emit()

    def edit_inspectors(self) -> None:
        from inspector.ui.inspectors_dialog import InspectorsDialog

        InspectorsDialog(self.services, self).exec()
        self.sig_changed.emit()

    def resume(self) -> None:
        chosen = self.selected()
        if chosen:
            self.walk(chosen["id"])

    def walk(self, inspection_id: str) -> None:
        dialog = WalkDialog(self.services, inspection_id, self)
        dialog.sig_finding.connect(lambda _: self.sig_changed.emit())
        dialog.exec()
        self.refresh()
        self.sig_changed.emit()

    def context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self.table)
        for text, handler in ((self.tr("继续检查"), self.resume), (self.tr("打印现场检查记录"), self.print_record),
                              (self.tr("打印本次全部文书"), self.print_all),
                              (self.tr("本次隐患全部下发整改…"), self.issue_all)):
            menu.addAction(text).triggered.connect(handler)
        self.last_menu = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # -- batch work ------------------------------------------------------------------------------------------
    def _out(self, stem: str) -> Path:
        folder = self.services.path.parent / f"{self.services.path.stem}-reports"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{stem}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.pdf"

    def _print_batch(self, work, title: str) -> None:
        Operation(self, work, services=self.services, key="batch", error_title=self.tr("无法打印")).success(
            lambda path: self.sig_printed.emit(str(path))).with_progress(title).run_in_background()

    def print_all(self) -> None:
        """Every document of the chosen inspection in one PDF: record, order, re-check opinion, major hazards."""
        chosen = self.selected()
        if not chosen:
            QMessageBox.information(self, self.tr("请选择"), self.tr("请先在列表中选择一次检查。"))
            return
        out, inspection_id = self._out(self.tr("检查文书")), chosen["id"]
        self._print_batch(lambda task: task.services.print_inspection(inspection_id, out, task.progress,
                                                                      task.cancelled),
                          self.tr("正在生成本次检查的全部文书…"))

    def print_overdue(self) -> None:
        """The order of every case with overdue findings, in one PDF."""
        out, today = self._out(self.tr("逾期整改文书")), date.today()
        self._print_batch(lambda task: task.services.print_overdue_orders(out, today, task.progress,
                                                                          task.cancelled),
                          self.tr("正在生成逾期未改的整改文书…"))

    def issue_all(self) -> None:
        """下发整改 for all the chosen inspection's findings not yet ordered, in one step and one transaction."""
        chosen = self.selected()
        if not chosen:
            QMessageBox.information(self, self.tr("请选择"), self.tr("请先在列表中选择一次检查。"))
            return
        dialog = IssueOrdersDialog(self.services, chosen, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        inspection_id, on, doc_no = chosen["id"], dialog.on(), dialog.doc_no.text().strip()
        Operation(self, lambda task: task.services.issue_orders(inspection_id, on, doc_no, task.progress,
                                                                task.cancelled),
                  services=self.services, key="batch", error_title=self.tr("未能下发")).success(
            self.orders_issued).with_progress(self.tr("正在下发整改…")).run_in_background()

    def orders_issued(self, ids: list[str]) -> None:
        self.refresh()
        self.sig_changed.emit()
        QMessageBox.information(self, self.tr("已下发"), self.tr(
            "已对 {0} 条隐患下发{1}。").format(len(ids), self.services.order_title()))
