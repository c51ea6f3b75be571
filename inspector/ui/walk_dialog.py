"""Walking an inspection's checklist with the keyboard: 1 = 符合, 2 = 不符合 (opens the finding form), 3 = 不适用.

Each result is saved the moment it is given; the note column is edited in place.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from inspector.errors import InspectorError
from inspector.services import Services
from inspector.ui.finding_dialog import FindingDialog
from inspector.ui.vocabulary import term

RESULT_KEYS = {Qt.Key.Key_1: "符合", Qt.Key.Key_2: "不符合", Qt.Key.Key_3: "不适用"}
RESULT_ROLE = Qt.ItemDataRole.UserRole + 2  # the stored result of a walk row (the cell shows it with a marker)
MARKERS = {"符合": ("✓", "#e8f5e9"), "不符合": ("✗", "#fde0dc"), "不适用": ("—", None)}
FAIL_TEXT = "#b71c1c"


class WalkDialog(QDialog):
    """The items of the inspection's checklist with their results; keys 1/2/3 set 符合/不符合/不适用.

    A 不符合 row is tinted red and marked ✗, so what is wrong stands out while walking on; the pane below the
    grid shows the current item's basis, its guidance and the problem a finding will state."""

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
        stored = services.inspection_results(inspection_id)
        self.results: list[str] = []
        for row, item in enumerate(self.items):
            result = stored.get(item["id"], {})
            self.results.append(result.get("result") or "未检查")
            cells = [QStandardItem(item["number"] or ""), QStandardItem(item["title"] or ""),
                     QStandardItem(""), QStandardItem(result.get("note") or "")]
            for col, cell in enumerate(cells):
                cell.setEditable(col == 3)
            cells[1].setToolTip(item.get("legal_basis") or "")
            for col, cell in enumerate(cells):
                self.model.setItem(row, col, cell)
            self.show_result(row)
        self.model.itemChanged.connect(self.note_changed)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for col, width in enumerate((50, 520, 90, 230)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.installEventFilter(self)
        self.basis = QTextBrowser(self)
        self.basis.setObjectName("basis")
        self.basis.setMaximumHeight(120)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _: self.show_basis(current.row()))
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
        hint = self.tr("用方向键选择检查项，按 1 符合、2 不符合（登记隐患）、3 不适用；双击备注可填写。"
                       "下方显示该项的依据和检查要点。")
        layout.addWidget(QLabel(hint, self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.basis)
        layout.addLayout(buttons)
        layout.addWidget(done)
        self.resize(980, 700)
        self.table.setFocus()
        if self.items:
            self.table.selectRow(0)
        self.update_summary()

    def show_result(self, row: int) -> None:
        """The result cell's text with its marker, and the row's colour (不符合 red, 符合 green)."""
        result = self.results[row]
        marker, colour = MARKERS.get(result, ("", None))
        self.model.blockSignals(True)
        cell = self.model.item(row, 2)
        cell.setText(f"{marker} {term(result)}".strip())
        cell.setData(result, RESULT_ROLE)
        cell.setForeground(QColor(FAIL_TEXT) if result == "不符合" else QColor(Qt.GlobalColor.black))
        for col in range(4):
            self.model.item(row, col).setBackground(QColor(colour) if colour else QBrush())
        self.model.blockSignals(False)

    def show_basis(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            self.basis.clear()
            return
        self.basis.setHtml(self.basis_html(self.items[row]))

    def basis_html(self, item: dict[str, Any]) -> str:
        """What the pane under the grid shows for one item: its basis, its guidance and the problem it records."""
        rows = [f"<b>{escape(item.get('number') or '')} {escape(item.get('title') or '')}</b>"]
        guidance = (item.get("text") or "").strip().rstrip("★")
        if guidance and guidance != (item.get("title") or "").strip():
            rows.append(f"<b>{self.tr('检查要点')}：</b>{escape(guidance)}")
        rows.append(f"<b>{self.tr('依据')}：</b>{escape(item.get('legal_basis') or self.tr('（未注明）'))}")
        if item.get("problem"):
            rows.append(f"<b>{self.tr('不符合时记为')}：</b>{escape(item['problem'])}")
        if item.get("default_grade"):
            rows.append(f"<b>{self.tr('默认等级')}：</b>{term(item['default_grade'])}　<b>{self.tr('整改期限')}：</b>"
                        + self.tr("{0} 天").format(item.get("default_days") or 15))
        return "<br>".join(rows)

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
        self.results[row] = result
        self.show_result(row)
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
        result = self.results[cell.row()]
        if result != "未检查":
            self.services.record_result(self.inspection["id"], self.items[cell.row()]["id"], result, cell.text())

    def update_summary(self) -> None:
        done = sum(1 for r in self.results if r != "未检查")
        failed = self.results.count("不符合")
        self.summary.setText(self.tr("已检查 {0} / {1} 项").format(done, len(self.items))
                             + (self.tr("，不符合 {0} 项").format(failed) if failed else ""))
