"""One small form per step of a finding's life (issue the order, feedback, re-check, extension, close, reopen).

The form only collects values; the rules are checked by :mod:`inspector.workflow` through the services, and a
refusal is shown with its reason while the dialog stays open, so nothing typed is lost.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from inspector import workflow as wf
from inspector.errors import InspectorError
from inspector.services import Services
from inspector.ui.vocabulary import term
from inspector.ui.widgets import form_habits, ok_cancel

# (field, label, kind) per event; kinds: date, text, long, money, passed, inspectors, file, files
FIELDS: dict[str, list[tuple[str, str, str]]] = {
    wf.ORDER_ISSUED: [("on", "下发日期", "date"), ("deadline", "整改期限", "date"), ("doc_no", "文书号", "text")],
    wf.RECTIFICATION_STARTED: [("on", "日期", "date"), ("note", "说明", "long")],
    wf.FEEDBACK: [("on", "反馈日期", "date"), ("measures", "整改措施", "long"), ("funds", "整改资金（元）", "money"),
                  ("photos", "整改后照片", "files")],
    wf.RECHECK: [("on", "复查日期", "date"), ("passed", "复查结论", "passed"), ("inspectors", "复查人员", "inspectors"),
                 ("opinion", "复查意见", "long"), ("deadline", "新的整改期限（不合格时）", "date")],
    wf.EXTENSION: [("on", "申请日期", "date"), ("reason", "延期理由", "long"), ("deadline", "延期至", "date")],
    wf.CLOSE: [("on", "销号日期", "date"), ("assessment", "评估报告（重大隐患必附）", "file"),
               ("note", "说明", "long")],
    wf.REOPEN: [("on", "日期", "date"), ("reason", "重新打开理由", "long")],
}


class ActionDialog(QDialog):
    """Collects one event's fields; ``accept`` tries the step and keeps the dialog open if it is refused."""

    def __init__(self, services: Services, finding: dict[str, Any], kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.finding, self.kind = services, finding, kind
        self.setWindowTitle(term(wf.EVENT_LABELS[kind]) + " — " + finding["description"][:30])
        self.widgets: dict[str, Any] = {}
        self.files: dict[str, list[Path]] = {}
        form = QFormLayout()
        for name, label, field_kind in FIELDS[kind]:
            widget = self._make(name, field_kind)
            self.widgets[name] = widget
            form.addRow(term(label) + "：", widget)
        box = ok_cancel(self, self.tr("确定"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        form_habits(self)  # Tab leaves multi-line boxes; Escape asks before discarding typed text
        self.resize(520, self.sizeHint().height())

    def _make(self, name: str, kind: str) -> QWidget:
        if kind == "date":
            edit = QDateEdit(self)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            default = date.today()
            if name == "deadline":
                current = self.finding.get("current_deadline")
                default = date.fromisoformat(current) if current and self.kind == wf.ORDER_ISSUED else (
                    date.today() + timedelta(days=30))
            edit.setDate(QDate(default.year, default.month, default.day))
            return edit
        if kind == "long":
            edit = QPlainTextEdit(self)
            edit.setFixedHeight(70)
            return edit
        if kind == "money":
            spin = QDoubleSpinBox(self)
            spin.setRange(0, 1e9)
            spin.setDecimals(2)
            return spin
        if kind == "passed":
            holder = QWidget(self)
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(holder)
            for value, text in ((True, self.tr("合格")), (False, self.tr("不合格"))):
                button = QRadioButton(text, holder)
                button.setProperty("passed", value)
                group.addButton(button)
                row.addWidget(button)
            holder.group = group
            return holder
        if kind == "inspectors":
            holder = QWidget(self)
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            holder.combos = []
            for k in range(2):
                combo = QComboBox(holder)
                for person in self.services.inspectors():
                    combo.addItem(f"{person['name']}（{person['certificate_no'] or '—'}）", person["id"])
                combo.setCurrentIndex(min(k, combo.count() - 1))
                holder.combos.append(combo)
                row.addWidget(combo)
            return holder
        if kind in ("file", "files"):
            holder = QWidget(self)
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            label = QLabel(self.tr("（未选择）"), holder)
            button = QPushButton(self.tr("选择文件…"), holder)
            button.clicked.connect(lambda: self._choose(name, kind == "files", label))
            row.addWidget(label, 1)
            row.addWidget(button)
            self.files[name] = []
            return holder
        edit = QLineEdit(self)
        if name == "doc_no":  # the case's number, or the next one, given when the order is saved
            edit.setText(self.services.order_number_known(self.finding.get("inspection_id")) or "")
            edit.setPlaceholderText(self.tr("保存时自动编号（可改为纸质文书上的编号）"))
        return edit

    def _choose(self, name: str, many: bool, label: QLabel) -> None:
        if many:
            paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择照片"), "", self.tr("图片 (*.jpg *.jpeg *.png)"))
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("选择文件"))
            paths = [path] if path else []
        self.set_files(name, [Path(p) for p in paths])
        label.setText("、".join(p.name for p in self.files[name]) or self.tr("（未选择）"))

    def set_files(self, name: str, paths: list[Path]) -> None:
        self.files[name] = paths

    def values(self) -> tuple[date, dict[str, Any]]:
        """The event's date and data as typed."""
        data: dict[str, Any] = {}
        on = date.today()
        for name, _, kind in FIELDS[self.kind]:
            widget = self.widgets[name]
            if kind == "date":
                value = widget.date().toPython()
                if name == "on":
                    on = value
                else:
                    data[name] = value
            elif kind == "long":
                data[name] = widget.toPlainText().strip()
            elif kind == "money":
                data[name] = widget.value()
            elif kind == "passed":
                checked = widget.group.checkedButton()
                if checked is not None:
                    data["passed"] = bool(checked.property("passed"))
            elif kind == "inspectors":
                data["inspectors"] = [c.currentData() for c in widget.combos if c.currentData()]
                if len(set(data["inspectors"])) < 2:
                    data["inspectors"] = list(set(data["inspectors"]))
            elif kind == "text":
                data[name] = widget.text().strip()
        if self.kind == wf.RECHECK and data.get("passed"):
            data.pop("deadline", None)
        return on, data

    def accept(self) -> None:
        on, data = self.values()
        try:
            assessment = self.files.get("assessment") if self.kind == wf.CLOSE else None
            self.services.act(self.finding["id"], wf.Event(self.kind, on, data, self.services.store.actor),
                              photos=self.files.get("photos", []), assessment=assessment[0] if assessment else None)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能执行"), str(exc))
            return
        super().accept()
