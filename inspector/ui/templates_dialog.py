"""The template editor: items, the problem a 不符合 finding states, legal basis, default grade and days to rectify.

Saving a template already used by an inspection makes a new version (see ``inspector.services.templates``).
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.errors import InspectorError
from inspector.services import Services

HEADERS = ("检查项目", "不符合时的问题", "依据", "默认等级", "整改天数")
KEYS = ("title", "problem", "legal_basis", "default_grade", "default_days")


class TemplatesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.template_id: str | None = None
        self.setWindowTitle(self.tr("检查表模板"))
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self.show_template)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("检查表名称"))
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table = QTableView(self)
        self.table.setModel(self.model)
        for col, width in enumerate((330, 290, 230, 64, 64)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        for text, handler in ((self.tr("新建模板"), self.new_template), (self.tr("添加检查项"), self.add_item),
                              (self.tr("删除检查项"), self.remove_item), (self.tr("保存模板"), self.save)):
            button = QPushButton(text, self)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.name)
        right.addWidget(self.table, 1)
        right.addLayout(buttons)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(1280, 620)
        self.fill_list()

    def fill_list(self, select: str | None = None) -> None:
        self.list.clear()
        for row in self.services.checklists("template"):
            suffix = self.tr("（第{0}版）").format(row["version"]) if row["version"] > 1 else ""
            item = QListWidgetItem(f"{row['name']}{suffix}")
            item.setData(256, row["id"])
            self.list.addItem(item)
            if row["id"] == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)

    def show_template(self, current: QListWidgetItem | None, _previous=None) -> None:
        self.template_id = current.data(256) if current else None
        self.model.removeRows(0, self.model.rowCount())
        if not self.template_id:
            return
        self.name.setText(self.services.store.get("checklists", self.template_id)["name"])
        for item in self.services.checklist_items(self.template_id):
            self.model.appendRow([QStandardItem(str(item.get(k) or "")) for k in KEYS])

    def new_template(self) -> None:
        self.list.clearSelection()
        self.template_id = None
        self.name.setText(self.tr("新检查表"))
        self.model.removeRows(0, self.model.rowCount())
        self.add_item()

    def add_item(self) -> None:
        self.model.appendRow([QStandardItem(""), QStandardItem(""), QStandardItem(""), QStandardItem("一般"),
                              QStandardItem("15")])
        self.table.setCurrentIndex(self.model.index(self.model.rowCount() - 1, 0))

    def remove_item(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.model.removeRow(row)

    def items(self) -> list[dict[str, str]]:
        return [{k: self.model.item(r, c).text() for c, k in enumerate(KEYS)} for r in range(self.model.rowCount())]

    def save(self) -> None:
        try:
            saved = self.services.save_template(self.name.text(), self.items(), self.template_id)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能保存"), str(exc))
            return
        if self.template_id and saved != self.template_id:
            QMessageBox.information(self, self.tr("已保存为新版本"), self.tr(
                "该模板已用于检查，原版本保持不变；修改已保存为新版本。"))
        self.fill_list(saved)
