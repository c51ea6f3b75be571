"""The 计划 page: risk grading and the sites due for inspection, inspection plans with their progress, and the
双随机 draw with its verifiable record and the publication of its results."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from inspector import draw as dr
from inspector import risk
from inspector.errors import InspectorError
from inspector.services import Services
from inspector.ui.background import Operation
from inspector.ui.plans_dialogs import AssessDialog, FilterBox, FilterDialog, FrequencyDialog, PlanDialog
from inspector.ui.records_model import RECORD_ROLE, RecordsModel
from inspector.ui.widgets import as_html

DUE_COLUMNS = [("name", "单位名称"), ("town", "街镇"), ("industry", "行业"), ("risk_level", "风险等级"),
               ("last_inspected", "上次检查"), ("due_on", "应检日期"), ("state", "状态")]
PLAN_COLUMNS = [("name", "计划名称"), ("span", "计划期间"), ("kind_label", "类型"), ("progress", "完成/计划")]
SITE_COLUMNS = [("site", "被检查单位"), ("town", "街镇"), ("risk_level", "风险等级"), ("inspectors", "检查人员"),
                ("target_date", "计划完成日期"), ("how", "来源"), ("state", "完成情况")]

HEADERS = (  # the column headers above, for the translation file (term() translates them)
    QT_TRANSLATE_NOOP("vocabulary", "上次检查"),
    QT_TRANSLATE_NOOP("vocabulary", "应检日期"),
    QT_TRANSLATE_NOOP("vocabulary", "状态"),
    QT_TRANSLATE_NOOP("vocabulary", "计划名称"),
    QT_TRANSLATE_NOOP("vocabulary", "计划期间"),
    QT_TRANSLATE_NOOP("vocabulary", "类型"),
    QT_TRANSLATE_NOOP("vocabulary", "完成/计划"),
    QT_TRANSLATE_NOOP("vocabulary", "被检查单位"),
    QT_TRANSLATE_NOOP("vocabulary", "检查人员"),
    QT_TRANSLATE_NOOP("vocabulary", "计划完成日期"),
    QT_TRANSLATE_NOOP("vocabulary", "来源"),
    QT_TRANSLATE_NOOP("vocabulary", "完成情况"),
)


def _split_tab(tab: QWidget, row, orientation: Qt.Orientation, *parts: tuple[QWidget, int]) -> QWidget:
    """A tab of the page: its row of controls above two panes split at the given sizes."""
    split = QSplitter(orientation, tab)
    for widget, _ in parts:
        split.addWidget(widget)
    split.setSizes([size for _, size in parts])
    layout = QVBoxLayout(tab)
    layout.addLayout(row)
    layout.addWidget(split, 1)
    return tab


def _table(parent: QWidget, model: RecordsModel) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _buttons(parent: QWidget, pairs: list[tuple[str, Callable[[], None]]]) -> tuple[QHBoxLayout, list[QPushButton]]:
    row, made = QHBoxLayout(), []
    for text, handler in pairs:
        button = QPushButton(text, parent)
        button.clicked.connect(lambda _=False, h=handler: h())
        row.addWidget(button)
        made.append(button)
    return row, made


class PlansPage(QWidget):
    sig_changed = Signal()
    """An assessment, a plan, its sites or a draw was saved."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.planning = services.planning()
        self.today: Callable[[], date] = date.today  # replaced by tests (the clock is injected)
        self.now: Callable[[], datetime] = lambda: datetime.now().astimezone().replace(microsecond=0)
        self.last_record: dict[str, Any] | None = None
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._risk_tab(), self.tr("风险分级"))
        self.tabs.addTab(self._plans_tab(), self.tr("检查计划"))
        self.tabs.addTab(self._draw_tab(), self.tr("双随机抽查"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.refresh()

    # -- 风险分级 -------------------------------------------------------------------------------------------
    def _risk_tab(self) -> QWidget:
        tab = QWidget(self)
        self.within = QSpinBox(tab)
        self.within.setRange(0, 3650)
        self.within.setValue(30)
        self.within.setPrefix(self.tr("列出 "))
        self.within.setSuffix(self.tr(" 天内到期"))
        self.within.valueChanged.connect(lambda _: self.load_due())
        row, _ = _buttons(tab, [(self.tr("评估所选单位…"), self.assess), (self.tr("检查频次…"), self.frequencies)])
        row.insertWidget(0, self.within)
        self.policy_label = QLabel(tab)
        row.addWidget(self.policy_label, 1)
        self.due_model = RecordsModel(DUE_COLUMNS, tab)
        self.due_table = _table(tab, self.due_model)
        self.due_table.doubleClicked.connect(lambda _: self.assess())
        for col, width in enumerate((250, 100, 100, 64, 96, 96)):
            self.due_table.setColumnWidth(col, width)
        self.history = QTextBrowser(tab)
        self.due_table.selectionModel().currentRowChanged.connect(self.show_history)
        return _split_tab(tab, row, Qt.Orientation.Horizontal, (self.due_table, 820), (self.history, 360))

    def load_due(self) -> None:
        today, within = self.today(), self.within.value()
        Operation(self, lambda task: task.services.planning().due(today, within), services=self.services,
                  key="due").success(self.show_due).run_in_background()

    def show_due(self, rows: list[dict[str, Any]]) -> None:
        for r in rows:
            r["state"] = self.tr("待评估") if r["due_on"] is None else (
                self.tr("逾期 {0} 天").format(-r["days_left"]) if r["days_left"] < 0 else
                self.tr("今天到期") if r["days_left"] == 0 else self.tr("{0} 天后到期").format(r["days_left"]))
            r["last_inspected"] = r["last_inspected"] or self.tr("从未检查")
        self.due_model.set_rows(rows)
        if rows:
            self.due_table.selectRow(0)
        policy = self.planning.policy()
        freq = "，".join(f"{lv}{policy['frequencies'][lv]}" for lv in risk.LEVELS)
        self.policy_label.setText(self.tr("标准：{0}；频次（月）：{1}").format(policy["source"], freq)
                                  + (f"　{policy['problem']}" if policy["problem"] else ""))

    def current_site(self) -> dict[str, Any] | None:
        index = self.due_table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def show_history(self, current, _previous=None) -> None:
        site = current.data(RECORD_ROLE) if current.isValid() else None
        if not site:
            self.history.clear()
            return
        e = as_html
        parts = [f"<h3>{e(site['name'])}</h3><h4>{self.tr('评估记录')}</h4>"]
        for h in self.planning.risk_history(site["id"]):
            detail = "；".join(f"{name} {value:g}" for name, value in h["inputs"].get("parts", []) if value)
            parts.append(f"<p><b>{e(h['assessed_on'])} {e(h['level'])}</b>（{e(h['score'])}）{e(h['assessed_by'])}"
                         f"<br><small>{e(detail)}</small></p>")
        if len(parts) == 1:
            parts.append(f"<p>{self.tr('尚未评估。')}</p>")
        self.history.setHtml("".join(parts))

    def assess(self) -> None:
        site = self.current_site()
        if site is None:
            return
        officer = self.services.store.setting("officer_name") or ""
        dialog = AssessDialog(self.planning, site, self.today(), officer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.changed()

    def frequencies(self) -> None:
        if FrequencyDialog(self.planning, self).exec() == QDialog.DialogCode.Accepted:
            self.changed()

    # -- 检查计划 -------------------------------------------------------------------------------------------
    def _plans_tab(self) -> QWidget:
        tab = QWidget(self)
        row, _ = _buttons(tab, [(self.tr("新建计划…"), self.new_plan),
                                (self.tr("按条件加入单位…"), self.add_filtered),
                                (self.tr("落实区下发的计划"), self.adopt),
                                (self.tr("打印计划表…"), self.print_plan),
                                (self.tr("导出抽查结果公示…"), self.publish)])
        row.addStretch(1)
        self.plan_model = RecordsModel(PLAN_COLUMNS, tab)
        self.plan_table = _table(tab, self.plan_model)
        self.plan_sites = RecordsModel(SITE_COLUMNS, tab)
        self.plan_sites_table = _table(tab, self.plan_sites)
        for table, widths in ((self.plan_table, (360, 220, 80)), (self.plan_sites_table, (260, 110, 64, 160, 110, 70))):
            for col, width in enumerate(widths):
                table.setColumnWidth(col, width)
        self.plan_table.selectionModel().currentRowChanged.connect(lambda *_: self.show_plan())
        return _split_tab(tab, row, Qt.Orientation.Vertical, (self.plan_table, 220), (self.plan_sites_table, 480))

    def load_plans(self, select: str | None = None) -> None:
        plans = self.planning.plans()
        for p in plans:
            p["span"] = f"{p['starts_on']} — {p['ends_on']}"
            p["kind_label"] = self.tr("区下发") if p["kind"] == "published" else self.tr("本级")
            p["progress"] = f"{p['done']} / {p['planned']}"
        self.plan_model.set_rows(plans)
        self.plan_choice.clear()
        self.plan_choice.addItem(self.tr("（新建本月双随机抽查计划）"), None)
        for p in plans:
            if p["device_id"] == self.services.store.device_id:
                self.plan_choice.addItem(p["name"], p["id"])
        ids = [p["id"] for p in plans]
        if plans:
            self.plan_table.selectRow(ids.index(select) if select in ids else 0)
        else:
            self.plan_sites.set_rows([])

    def current_plan(self) -> dict[str, Any] | None:
        index = self.plan_table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def show_plan(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        from inspector.reports.plans_pdf import LEVEL_WORDS

        rows = self.planning.progress(plan["id"], self.today())["rows"]
        for r in rows:
            r["inspectors"] = "、".join(filter(None, [r["inspector1"], r["inspector2"]]))
            r["how"] = self.tr("双随机") if r["draw_id"] else self.tr("计划")
            r["state"] = self.tr("已检查（{0}）").format(r["done_on"]) if r["done_on"] else (
                self.tr("逾期未检查") if r["late"] else self.tr("未检查"))
            r["level_word"] = LEVEL_WORDS.get(r["risk_level"] or "", "")
        self.plan_sites.set_rows(rows)

    def new_plan(self) -> None:
        district = self.services.store.setting("role") == "district"
        dialog = PlanDialog(self.planning, self.today(), district, self.services.checklists("template"), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.load_plans(dialog.plan_id)
            self.sig_changed.emit()

    def add_filtered(self) -> None:
        plan = self.current_plan()
        if plan is None:
            QMessageBox.information(self, self.tr("请先选择计划"), self.tr("请先新建或选择一个检查计划。"))
            return
        dialog = FilterDialog(self.services.towns(), self, self.services.campaigns())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            added = self.planning.add_by_filter(plan["id"], dialog.filter.value())
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能加入"), str(exc))
            return
        QMessageBox.information(self, self.tr("已加入"), self.tr("已加入 {0} 家单位。").format(len(added)))
        self.load_plans(plan["id"])
        self.sig_changed.emit()

    def adopt(self) -> None:
        plan = self.current_plan()
        if plan is None:
            return
        try:
            plan_id = self.planning.adopt(plan["id"])
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能建立"), str(exc))
            return
        self.load_plans(plan_id)
        self.sig_changed.emit()

    def _save_as(self, title: str, name: str, work: Callable[[Services, Path], Path]) -> None:
        path, _ = QFileDialog.getSaveFileName(self, title, name, self.tr("PDF 文件 (*.pdf);;Excel 文件 (*.xlsx)"))
        if not path:
            return
        Operation(self, lambda task: work(task.services, Path(path)), services=self.services,
                  error_title=self.tr("生成失败")).success(
            lambda out: QMessageBox.information(self, self.tr("已生成"), str(out))).run_in_background()

    def print_plan(self) -> None:
        plan, today = self.current_plan(), self.today()
        if plan is not None:
            self._save_as(self.tr("打印计划表"), f"{plan['name']}.pdf",
                          lambda s, out: s.planning().print_plan(plan["id"], out, today))

    def publish(self) -> None:
        plan, today = self.current_plan(), self.today()
        if plan is not None:
            self._save_as(self.tr("导出抽查结果公示"), f"{plan['name']}（公示）.pdf",
                          lambda s, out: s.planning().print_publication(plan["id"], out, today))

    # -- 双随机 ---------------------------------------------------------------------------------------------
    def _draw_tab(self) -> QWidget:
        tab = QWidget(self)
        self.n = QSpinBox(tab)
        self.n.setRange(1, 10_000)
        self.n.setValue(5)
        self.draw_filter = FilterBox(self.tr("检查对象名录库的筛选条件"), self.services.towns(), tab,
                                     self.services.campaigns())
        self.plan_choice = QComboBox(tab)
        self.seed = QLineEdit(tab)
        self.seed.setPlaceholderText(self.tr("默认为抽取时间；也可填写事先公布的随机数"))
        form = QFormLayout()
        form.addRow(self.tr("抽取单位数："), self.n)
        form.addRow(self.draw_filter)
        form.addRow(self.tr("加入计划："), self.plan_choice)
        form.addRow(self.tr("随机种子："), self.seed)
        row, self.draw_buttons = _buttons(tab, [(self.tr("抽取"), self.draw),
                                                (self.tr("保存抽取记录…"), self.save_record),
                                                (self.tr("复核抽取记录…"), self.verify_file)])
        row.addStretch(1)
        self.draw_result = QTextBrowser(tab)
        layout = QVBoxLayout(tab)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.draw_result, 1)
        return tab

    def draw(self) -> None:
        try:
            record = self.planning.draw(self.plan_choice.currentData(), self.n.value(), self.draw_filter.value(),
                                        self.now(), self.seed.text().strip() or None)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能抽取"), str(exc))
            return
        self.last_record = record
        self.show_record(record)
        self.changed(select=record["plan"]["id"])

    def show_record(self, record: dict[str, Any]) -> None:
        names = {c["id"]: c["name"] for c in record["candidates"]}
        people = {i["id"]: i["name"] for i in record["inspectors"]}
        e = as_html
        lines = [f"<p>{self.tr('抽取时间')}：{e(record['drawn_at'])}　{self.tr('种子')}：{e(record['seed'])}<br>"
                 f"{self.tr('候选单位')}：{len(record['candidates'])}"
                 f"（SHA-256 {e(record['candidates_sha256'][:16])}…）　"
                 f"{self.tr('算法')}：{e(record['algorithm'])} v{e(record['algorithm_version'])}</p><ol>"]
        lines += [f"<li>{e(names[p['site_id']])} — {e('、'.join(people[i] for i in p['inspectors']))}</li>"
                  for p in record["result"]]
        self.draw_result.setHtml("".join(lines) + "</ol>")

    def save_record(self) -> None:
        if self.last_record is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存抽取记录"), "抽取记录.json",
                                              self.tr("抽取记录 (*.json)"))
        if path:
            record = {k: v for k, v in self.last_record.items() if k != "draw_id"}
            Path(path).write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")

    def verify_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("复核抽取记录"), "", self.tr("抽取记录 (*.json)"))
        if path:
            self.verify_path(Path(path))

    def verify_path(self, path: Path) -> list[str]:
        """Re-run a draw record and say whether it holds (what is wrong otherwise)."""
        try:
            if path.stat().st_size > dr.MAX_FILE:
                raise dr.DrawError(f"“{path.name}”过大，不是本程序写出的抽取记录。")
            problems = dr.verify(dr.read(path.read_bytes(), path.name))
        except (OSError, dr.DrawError) as exc:
            problems = [str(exc)]
        if problems:
            QMessageBox.warning(self, self.tr("复核未通过"), "\n".join(problems))
        else:
            QMessageBox.information(self, self.tr("复核通过"), self.tr("按记录的输入重新抽取，结果与记录一致。"))
        return problems

    # -- refresh -------------------------------------------------------------------------------------------
    def shown_data(self) -> bool:
        """Whether the page's first data is on screen."""
        return self.due_model.rowCount() > 0

    def refresh(self) -> None:
        self.load_due()
        self.load_plans()

    def changed(self, select: str | None = None) -> None:
        self.load_due()
        self.load_plans(select)
        self.sig_changed.emit()

