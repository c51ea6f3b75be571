"""The 报表 page: choose a document or report, its scope, generate it in the background, preview, print.

Generation runs on the thread pool with its own database connection (SQLite connections belong to one thread)
and a progress dialog with cancel; the result is previewed here and can be printed, opened with the system
viewer, or found in its folder beside the database.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector import workflow as wf
from inspector.services import Services
from inspector.services.tasks import ALL_WORK_PLANS
from inspector.ui.background import Operation, show_error
from inspector.ui.pdf_preview import PdfPreview, print_pdf
from inspector.ui.vocabulary import term

KINDS = [("inspection-record", "现场检查记录"), ("rectification-order", "整改通知书（指令书/意见书）"),
         ("recheck-opinion", "整改复查意见书"), ("major-hazard", "重大隐患治理情况记录"),
         ("ledger", "隐患排查治理台账"), ("task-progress", "任务落实情况表"), ("site-file", "一企一档"),
         ("statistics", "季度/半年统计表")]
TABLES = {"ledger", "task-progress", "statistics"}
FORMS = {"inspection-record", "rectification-order", "recheck-opinion", "major-hazard"}
NEEDS = {"inspection-record": "inspection", "rectification-order": "finding", "recheck-opinion": "finding",
         "major-hazard": "finding", "task-progress": "checklist", "site-file": "site"}


class ReportsPage(QWidget):
    sig_generated = Signal(str)
    """The path of a report just written."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.job: Operation | None = None
        self.last: Path | None = None
        self.kinds = QListWidget(self)
        for _, label in KINDS:
            self.kinds.addItem(term(label))
        self.kinds.currentRowChanged.connect(self.kind_changed)
        self.inspection, self.finding = QComboBox(self), QComboBox(self)
        self.checklist, self.site = QComboBox(self), QComboBox(self)
        self.town, self.grade, self.status = QComboBox(self), QComboBox(self), QComboBox(self)
        self.use_dates = QCheckBox(self.tr("限定发现日期"), self)
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        today = QDate.currentDate()
        self.date_from.setDate(QDate(today.year(), 1, 1))
        self.date_to.setDate(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.pdf = QRadioButton("PDF", self)
        self.xlsx = QRadioButton("Excel (.xlsx)", self)
        self.docx = QRadioButton("Word (.docx)", self)
        self.docx.setToolTip(self.tr("检查文书存为 Word 文档，可在 WPS 或 Word 中调整后打印"))
        self.pdf.setChecked(True)
        self.form = QFormLayout()
        self.rows: dict[str, QWidget] = {}
        dates = QHBoxLayout()
        for widget in (self.use_dates, self.date_from, QLabel("—", self), self.date_to):
            dates.addWidget(widget)
        holder = QWidget(self)
        holder.setLayout(dates)
        formats = QHBoxLayout()
        formats.addWidget(self.pdf)
        formats.addWidget(self.xlsx)
        formats.addWidget(self.docx)
        format_box = QWidget(self)
        format_box.setLayout(formats)
        for key, label, widget in (("inspection", "检查", self.inspection), ("finding", "隐患", self.finding),
                                   ("checklist", "工作清单", self.checklist), ("site", "单位", self.site),
                                   ("dates", "期间", holder), ("town", "街镇", self.town),
                                   ("grade", "等级", self.grade), ("status", "状态", self.status),
                                   ("format", "格式", format_box)):
            self.form.addRow(term(label) + "：", widget)
            self.rows[key] = widget
        self.generate_button = QPushButton(self.tr("生成"), self)
        self.generate_button.clicked.connect(self.generate)
        self.print_button = QPushButton(self.tr("打印…"), self)
        self.print_button.clicked.connect(self.print_current)
        self.open_button = QPushButton(self.tr("用系统程序打开"), self)
        self.open_button.clicked.connect(self.open_external)
        self.folder_button = QPushButton(self.tr("打开所在文件夹"), self)
        self.folder_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder()))))
        buttons = QHBoxLayout()
        for button in (self.generate_button, self.print_button, self.open_button, self.folder_button):
            buttons.addWidget(button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.preview = PdfPreview(self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.kinds, 1)
        left_layout.addLayout(self.form)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setSizes([460, 820])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.refresh()
        self.kinds.setCurrentRow(4)
        self.update_buttons()


    def shown_data(self) -> bool:
        """Whether the page's first data is on screen (what benchmarks and the GUI-thread tests wait for)."""
        return self.finding.count() > 0

    def folder(self) -> Path:
        folder = self.services.path.parent / f"{self.services.path.stem}-reports"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def refresh(self) -> None:
        """Fill the choice lists from a worker: the newest inspections and findings, checklists, sites, towns."""
        def work(task):
            s = task.services
            return {"inspection": [(f"{(i['started_at'] or '')[:10]} {i['site']}", i["id"])
                                   for i in s.inspections(300)],
                    "finding": [(finding_label(f), f["id"]) for f in s.finding_choices(500)],
                    "checklist": [(c["name"], c["id"]) for c in s.checklists("workplan")],
                    "site": [(x["name"], x["id"]) for x in s.sites(limit=1000)],
                    "town": [(t, t) for t in s.towns()]}

        Operation(self, work, services=self.services, key="choices").success(self.show_choices).run_in_background()
        fill(self.grade, [(term(g), g) for g in wf.GRADES], self.tr("全部等级"))
        fill(self.status, [(term(label), key) for key, label in wf.STATUS_LABELS.items()], self.tr("全部状态"))

    def show_choices(self, choices: dict[str, list[tuple[str, Any]]]) -> None:
        everything = {"site": self.tr("全部单位"), "town": self.tr("全部街镇")}
        choices["checklist"] = [(self.all_plans_label(), ALL_WORK_PLANS), *choices["checklist"]]
        for key, rows in choices.items():
            fill(getattr(self, key), rows, everything.get(key))

    def kind(self) -> str:
        return KINDS[max(self.kinds.currentRow(), 0)][0]

    def kind_changed(self) -> None:
        kind = self.kind()
        visible = {NEEDS.get(kind)} if kind in NEEDS else set()
        if kind == "ledger":
            visible |= {"site", "dates", "town", "grade", "status"}
        if kind == "statistics":
            visible |= {"dates", "town"}
        if kind in TABLES or kind in FORMS:
            visible.add("format")
        self.xlsx.setVisible(kind in TABLES)
        self.docx.setVisible(kind in FORMS)
        if not ((self.xlsx.isChecked() and kind in TABLES) or (self.docx.isChecked() and kind in FORMS)):
            self.pdf.setChecked(True)
        for key, widget in self.rows.items():
            widget.setVisible(key in visible)
            self.form.labelForField(widget).setVisible(key in visible)

    def select(self, kind: str, **ids: str) -> None:
        """Preselect a kind and its record (from a context action elsewhere in the window)."""
        self.kinds.setCurrentRow([k for k, _ in KINDS].index(kind))
        for key, value in ids.items():
            combo = getattr(self, key)
            if combo.findData(value) < 0:
                combo.addItem(self.label_of(key, value), value)  # older than the lists: offered as well
            combo.setCurrentIndex(combo.findData(value))

    def all_plans_label(self) -> str:
        return self.tr("我的全部任务（所有工作清单）")

    def label_of(self, key: str, record_id: str) -> str:
        """The label of one record chosen elsewhere (one indexed read)."""
        if key == "finding":
            row = self.services.finding_choice(record_id)
            return finding_label(row) if row else record_id
        if key == "inspection":
            row = self.services.store.get("inspections", record_id)
            return f"{(row['started_at'] or '')[:10]} {self.services.store.get('sites', row['site_id'])['name']}"
        if key == "checklist" and record_id == ALL_WORK_PLANS:
            return self.all_plans_label()
        return self.services.store.get({"checklist": "checklists", "site": "sites"}[key], record_id)["name"]

    def params(self) -> dict[str, Any]:
        kind = self.kind()
        params: dict[str, Any] = {}
        need = NEEDS.get(kind)
        if need:
            params[f"{need}_id"] = getattr(self, need).currentData()
        if kind in ("ledger", "statistics"):
            params["town"] = self.town.currentData()
            if self.use_dates.isChecked() or kind == "statistics":
                params["date_from"] = self.date_from.date().toString("yyyy-MM-dd")
                params["date_to"] = self.date_to.date().toString("yyyy-MM-dd")
        if kind == "ledger":
            params.update(site_id=self.site.currentData(), grade=self.grade.currentData(),
                          status=self.status.currentData())
        return params

    def generate(self) -> None:
        kind, params = self.kind(), self.params()
        suffix = ".pdf"
        if self.xlsx.isChecked() and kind in TABLES:
            suffix = ".xlsx"
        elif self.docx.isChecked() and kind in FORMS:
            suffix = ".docx"
        out = self.folder() / f"{kind}-{datetime.now().strftime('%Y%m%d-%H%M%S')}{suffix}"
        self.generate_button.setEnabled(False)

        def work(task):
            return task.services.reports().generate(kind, out, progress=task.progress, cancelled=task.cancelled,
                                                    **params)

        def cancelled(result) -> None:
            self.generate_button.setEnabled(True)
            if result is not None:
                result.path.unlink(missing_ok=True)
            out.unlink(missing_ok=True)
            self.message.setText(self.tr("已取消。"))

        def failed(exc: Exception) -> None:
            self.generate_button.setEnabled(True)
            show_error(self, self.tr("无法生成"), exc)

        def done(result) -> None:
            self.generate_button.setEnabled(True)
            self.show_result(result)

        self.job = Operation(self, work, services=self.services, key="generate").success(done).failure(
            failed).cancelled(cancelled).with_progress(self.tr("正在生成…")).run_in_background()

    def show_result(self, result) -> None:
        self.last = result.path
        lines = [self.tr("已生成：{0}").format(result.path.name)]
        if result.number:
            lines.append(self.tr("文书编号：{0}").format(result.number))
        lines += [f"⚠ {w}" for w in result.warnings]
        self.message.setText("\n".join(lines))
        if result.path.suffix == ".pdf":
            self.preview.show_pdf(result.path)
        else:
            self.preview.clear()
        self.update_buttons()
        self.sig_generated.emit(str(result.path))

    def open_external(self) -> None:
        if self.last:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last)))

    def update_buttons(self) -> None:
        ready = self.last is not None and self.last.exists()
        self.open_button.setEnabled(ready)
        self.print_button.setEnabled(ready and self.last.suffix == ".pdf")

    def print_current(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if not self.last:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            pages = print_pdf(self.preview, printer)
            self.message.setText(self.tr("已发送 {0} 页到打印机。").format(pages))


def finding_label(f: dict[str, Any]) -> str:
    return f"{f['site'] or ''}：{f['description'][:24]}（{term(wf.STATUS_LABELS[f['status']])}）"


def fill(combo: QComboBox, rows: list[tuple[str, Any]], everything: str | None = None) -> None:
    """Replace a choice list, keeping the current choice (also when it is not among the new rows)."""
    current, current_text = combo.currentData(), combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    if everything:
        combo.addItem(everything, None)
    for label, value in rows:
        combo.addItem(label, value)
    if current is not None and combo.findData(current) < 0:
        combo.addItem(current_text, current)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
