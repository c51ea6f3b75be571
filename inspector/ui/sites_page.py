"""The 单位 page: the register of sites, a form to add or edit one, Excel in and out, and 一企一档."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from inspector import workflow as wf
from inspector.errors import InspectorError
from inspector.services import Services
from inspector.services.sites import FIELDS, RISK_LEVELS
from inspector.ui import background, undo
from inspector.ui.background import Operation
from inspector.ui.records_model import RECORD_ROLE, RecordsModel
from inspector.ui.vocabulary import term
from inspector.ui.widgets import as_html, form_habits, ok_cancel

LIMIT = 1000  # sites listed at once; the search box finds the others
COLUMNS = [("name", "单位名称"), ("credit_code", "统一社会信用代码"), ("town", "街镇"), ("industry", "行业"),
           ("risk_level", "风险等级"), ("address", "地址")]


class SiteDialog(QDialog):
    """Add or edit one site; the credit code's check character and duplicates are checked on save."""

    sig_saved = Signal()
    """The site was saved (or an edit of it undone or redone)."""

    def __init__(self, services: Services, site: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.site = services, site
        self.site_id: str | None = site["id"] if site else None
        self.setWindowTitle(self.tr("编辑单位") if site else self.tr("新增单位"))
        form = QFormLayout()
        self.edits: dict[str, QLineEdit | QComboBox] = {}
        for key, label in FIELDS:
            if key == "risk_level":
                edit = QComboBox(self)
                edit.addItem(self.tr("（未评定）"), None)
                for level in RISK_LEVELS:
                    edit.addItem(term(level), level)
                edit.setCurrentIndex(max(0, edit.findData((site or {}).get(key))))
                if site and services.planning().risk_history(site["id"]):  # assessed: the level follows it
                    edit.setEnabled(False)
                    edit.setToolTip(self.tr("风险等级由最近一次风险评估确定（计划 → 风险分级）。"))
            elif key == "town":
                edit = QComboBox(self)
                edit.setEditable(True)
                edit.addItems(services.towns())
                edit.setCurrentText((site or {}).get(key) or "")
            else:
                edit = QLineEdit((site or {}).get(key) or "", self)
            edit.setObjectName(key)
            self.edits[key] = edit
            form.addRow(term(label) + "：", edit)
        box = ok_cancel(self, self.tr("保存"), save=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        form_habits(self)  # Tab leaves multi-line boxes; Escape asks before discarding typed text
        self.resize(520, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, edit in self.edits.items():
            if isinstance(edit, QComboBox):
                out[key] = edit.currentData() if key == "risk_level" else edit.currentText()
            else:
                out[key] = edit.text()
        return out

    def accept(self) -> None:
        values = self.values()
        try:
            self.services.check_site(values, self.site_id)
            if self.site_id is None:
                self.site_id = self.services.save_site(values)
            else:
                site_id = self.site_id
                old = {key: self.site.get(key) for key in values}
                undo.push(self.tr("修改单位信息"), lambda v: self.services.save_site(v, site_id), old, values,
                          after=self.sig_saved.emit)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能保存"), str(exc))
            return
        super().accept()


class SitesPage(QWidget):
    sig_changed = Signal()
    """Sites were added, edited or imported."""
    sig_show_findings = Signal(str, str)
    """The id and name of a site whose findings the officer wants to see."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("按名称、信用代码、地址或街镇查找"))
        self.search.textChanged.connect(lambda _: self.refresh())
        buttons = QHBoxLayout()
        buttons.addWidget(self.search, 1)
        for text, handler in ((self.tr("新增单位"), self.add), (self.tr("编辑"), self.edit),
                              (self.tr("查看该单位隐患"), self.findings),
                              (self.tr("从 Excel 导入…"), self.import_excel),
                              (self.tr("导出 Excel…"), self.export_excel)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        self.model = RecordsModel(COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _: self.edit())
        self.table.verticalHeader().setDefaultSectionSize(24)
        for col, width in enumerate((240, 170, 100, 110, 64, 200)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.file = QTextBrowser(self)
        self.table.selectionModel().currentRowChanged.connect(self.show_file)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.file)
        splitter.setSizes([900, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.refresh()


    def shown_data(self) -> bool:
        """Whether the page's first data is on screen (what benchmarks and the GUI-thread tests wait for)."""
        return self.model.rowCount() > 0

    def refresh(self) -> None:
        """Load the matching sites on a worker; the next keystroke replaces a search still running."""
        text = self.search.text().strip()
        Operation(self, lambda task: task.services.sites(text, limit=LIMIT), services=self.services,
                  key="load").success(self.show_rows).run_in_background()

    def show_rows(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        if self.model.records:
            self.table.selectRow(0)

    def current(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def add(self) -> None:
        dialog = SiteDialog(self.services, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.sig_changed.emit()

    def edit(self) -> None:
        site = self.current()
        if site is None:
            return
        dialog = SiteDialog(self.services, site, self)
        dialog.sig_saved.connect(self.after_edit)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            self.sig_changed.emit()

    def findings(self) -> None:
        site = self.current()
        if site is not None:
            self.sig_show_findings.emit(site["id"], site["name"])

    def after_edit(self) -> None:
        self.refresh()
        self.sig_changed.emit()

    def import_excel(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入单位名册"), "", self.tr("Excel 文件 (*.xlsx)"))
        if not path:
            return

        def imported(counts: dict[str, int]) -> None:
            QMessageBox.information(self, self.tr("已导入"), self.tr("新增 {0} 家，更新 {1} 家。").format(
                counts["added"], counts["updated"]))
            self.refresh()
            self.sig_changed.emit()

        Operation(self, lambda task: task.services.import_sites(Path(path)), services=self.services,
                  error_title=self.tr("导入失败")).success(imported).with_progress(
            self.tr("正在导入单位名册…"), maximum=0, cancellable=False).run_in_background()

    def export_excel(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出单位名册"), "单位名册.xlsx",
                                              self.tr("Excel 文件 (*.xlsx)"))
        if not path:
            return

        def exported(count: int) -> None:
            QMessageBox.information(self, self.tr("已导出"), self.tr("已导出 {0} 家单位。").format(count))

        Operation(self, lambda task: task.services.export_sites(Path(path)), services=self.services,
                  error_title=self.tr("导出失败")).success(exported).cancelled(
            lambda _: Path(path).unlink(missing_ok=True)).with_progress(
            self.tr("正在导出单位名册…"), maximum=0).run_in_background()

    def show_file(self, current, _previous=None) -> None:
        """The selected site's 一企一档, read on a worker (a site of many years has many records, and a cold
        database reads them from the disk); a newer selection replaces a reading still running."""
        site = current.data(RECORD_ROLE) if current.isValid() else None
        if not site:
            background.cancel(self, "file")
            self.file.clear()
            return
        Operation(self, lambda task: task.services.site_file(site["id"]), services=self.services, key="file",
                  warm=True).success(self.render_file).run_in_background()

    def render_file(self, f: dict[str, Any]) -> None:
        e = as_html
        parts = [f"<h3>{e(f['name'])}</h3><p>{term('统一社会信用代码')}：{e(f['credit_code'] or '—')}<br>"
                 f"{term('地址')}：{e(f['address'])}（{e(f['town'])} {e(f['grid'])}）<br>"
                 f"{term('法定代表人（负责人）')}：{e(f['legal_rep'])}　{term('联系电话')}："
                 f"{e(f['contact_phone'])}<br>{term('风险等级')}："
                 f"{e(term(f['risk_level'])) if f['risk_level'] else '—'}</p>",
                 f"<h4>{term('检查记录')}（{len(f['inspections'])}）</h4><ul>"]
        parts += [f"<li>{e((i['started_at'] or '')[:16])} {e(i['type'])} {e(i['checklist'])}</li>"
                  for i in f["inspections"]]
        parts.append(f"</ul><h4>{term('隐患')}（{len(f['findings'])}）</h4><ul>")
        parts += [f"<li>{e(x['found_on'])} [{e(term(x['grade']))}] {e(x['description'])} — "
                  f"{term(wf.STATUS_LABELS[x['status']])}</li>" for x in f["findings"]]
        parts.append("</ul>")
        self.file.setHtml("".join(parts))
