"""检查人员: the small register of inspectors — add, correct a typo, deactivate; delete only the never used.

One dialog replaces asking for a name and then a certificate number in two pop-ups: the list on the left, the
chosen person's fields on the right, saved with 保存. An inspector already named on a document is deactivated
(停用) instead of deleted (see ``inspector.services.inspectors``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.errors import InspectorError
from inspector.services import Services
from inspector.ui.background import Operation, show_error
from inspector.ui.vocabulary import term

ID_ROLE = Qt.ItemDataRole.UserRole


class InspectorsDialog(QDialog):
    """The inspectors with an editor for the selected one; ``chosen`` is the id saved last (or None)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.chosen: str | None = None
        self.current: str | None = None
        self.setWindowTitle(self.tr("检查人员"))
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self.show_person)
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.certificate = QLineEdit(self)
        self.certificate.setObjectName("certificate_no")
        self.unit = QLineEdit(self)
        self.unit.setObjectName("unit")
        self.active = QCheckBox(self.tr("在用（停用后不再供新检查选择，原有文书不变）"), self)
        self.used = QLabel(self)
        self.used.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("姓名") + "：", self.name)
        form.addRow(term("执法证号") + "：", self.certificate)
        form.addRow(self.tr("所属单位") + "：", self.unit)
        form.addRow("", self.active)
        form.addRow("", self.used)
        self.new_button = QPushButton(self.tr("新增人员"), self)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.delete_button = QPushButton(self.tr("删除"), self)
        self.new_button.clicked.connect(self.new_person)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.remove)
        self.save_button.setDefault(True)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addLayout(buttons)
        right.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 2)
        row.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        close.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(close)
        self.resize(760, 380)
        self.fill()
        if not self.list.count():
            self.new_person()

    def fill(self, select: str | None = None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for person in self.services.inspectors():
            text = f"{person['name']}（{person['certificate_no'] or '—'}）"
            if not person["active"]:
                text += self.tr(" · 已停用")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, person["id"])
            if not person["active"]:
                item.setForeground(QColor("#888888"))
            self.list.addItem(item)
            if person["id"] == select:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.show_person(self.list.currentItem())

    def show_person(self, item: QListWidgetItem | None, _previous=None) -> None:
        person: dict[str, Any] | None = None
        if item is not None:
            person = self.services.store.get("inspectors", item.data(ID_ROLE))
        self.current = person["id"] if person else None
        self.name.setText(person["name"] if person else "")
        self.certificate.setText((person["certificate_no"] or "") if person else "")
        self.unit.setText((person["unit"] or "") if person else (self.services.store.setting("unit") or ""))
        self.active.setChecked(bool(person["active"]) if person else True)
        foreign = person is not None and person["device_id"] != self.services.store.device_id
        for widget in (self.name, self.certificate, self.unit, self.active, self.save_button, self.delete_button):
            widget.setEnabled(not foreign)
        self.used.setText(self.tr("新人员：填写后按“保存”。") if person is None else
                          self.tr("由其他设备登记，只能在登记它的设备上修改。") if foreign else "")
        self.delete_button.setEnabled(person is not None and not foreign)

    def new_person(self) -> None:
        self.list.setCurrentItem(None)
        self.show_person(None)
        self.name.setFocus()

    def save(self) -> None:
        fields = {"name": self.name.text(), "certificate_no": self.certificate.text(), "unit": self.unit.text(),
                  "active": self.active.isChecked()}
        try:
            saved = self.services.save_inspector(fields, self.current)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能保存"), str(exc))
            return
        self.chosen = saved
        self.fill(saved)

    def remove(self) -> None:
        """Delete on a worker: whether the person is on any document is a search of a district's records."""
        if self.current is None:
            return
        person = self.current
        self.delete_button.setEnabled(False)
        Operation(self, lambda task: task.services.remove_inspector(person), services=self.services,
                  key="remove").success(lambda _: self.removed()).failure(self.not_removed).run_in_background()

    def removed(self) -> None:
        self.chosen = None
        self.fill()

    def not_removed(self, exc: Exception) -> None:
        self.delete_button.setEnabled(True)
        if isinstance(exc, InspectorError):
            QMessageBox.information(self, self.tr("不能删除"), str(exc))
        else:
            show_error(self, self.tr("不能删除"), exc)
