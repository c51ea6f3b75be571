"""The first-run set-up: who the officer is, which documents the office issues, and the exchange with the district.

Offered once at the first start (skippable with 以后再说) and reachable later from 设置 → 首次设置…. The profile
becomes the officer's inspector record, listed first everywhere (:mod:`inspector.services.profile`). The
exchange of identity files is the one step sync cannot do without: this laptop's file goes to the district,
the district's file is trusted here — only after both fingerprints were read to each other by phone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.errors import InspectorError
from inspector.services import Services
from inspector.services.profile import Profile
from inspector.ui.widgets import form_habits, show_saved, text_colour

FIELDS = ("officer_name", "certificate_no", "unit", "town", "doc_prefix")


class SetupDialog(QDialog):
    """Accepted: the profile (and the district, if chosen and compared) was saved; rejected: nothing was."""

    def __init__(self, services: Services, parent: QWidget | None = None, first_start: bool = True) -> None:
        super().__init__(parent)
        self.services = services
        self.first_start = first_start
        self.district: dict[str, Any] | None = None
        self.setWindowTitle(self.tr("首次设置"))
        intro = QLabel(self.tr(
            "先填写本人信息：它们印在文书上，本人也是每次检查的默认第一检查人员。"
            "再与区里交换身份文件，以后才能把数据包发给区里。以后可在“设置 → 首次设置…”中修改。"), self)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._profile_box())
        layout.addWidget(self._exchange_box())
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.later_button = self.buttons.addButton(self.tr("以后再说"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.later_button.clicked.connect(self.later)
        layout.addWidget(self.buttons)
        self.guard = form_habits(self)
        self.resize(720, self.sizeHint().height())

    # -- building -------------------------------------------------------------------------------------------
    def _profile_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("本人信息"), self)
        form = QFormLayout(box)
        current = self.services.officer_profile()
        self.edits: dict[str, QLineEdit] = {}
        placeholders = {"officer_name": self.tr("如：林志明"), "certificate_no": self.tr("执法证上的编号"),
                        "unit": self.tr("如：长风新村街道办事处"), "town": self.tr("如：长风新村街道"),
                        "doc_prefix": self.tr("如：（普）应急；文书号为 前缀+类别〔年〕号")}
        labels = {"officer_name": self.tr("姓名"), "certificate_no": self.tr("执法证号"), "unit": self.tr("所属单位"),
                  "town": self.tr("街镇"), "doc_prefix": self.tr("文书编号前缀")}
        for key in FIELDS:
            edit = QLineEdit(getattr(current, key), box)
            edit.setObjectName(key)
            edit.setPlaceholderText(placeholders[key])
            edit.setMaxLength(100)
            self.edits[key] = edit
            form.addRow(labels[key] + "：", edit)
        self.kind = QComboBox(box)
        self.kind.addItem(self.tr("街镇（出具限期整改意见书）"), "town")
        self.kind.addItem(self.tr("执法机构（出具责令限期整改指令书）"), "enforcement")
        self.kind.setCurrentIndex(max(0, self.kind.findData(current.issuer_kind)))
        form.insertRow(4, self.tr("发文机关类型") + "：", self.kind)
        return box

    def _exchange_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("与区里交换身份文件（用于同步）"), self)
        form = QFormLayout(box)
        sync = self.services.sync()
        from inspector.sync.keys import fingerprint

        self.my_fingerprint = fingerprint(sync.identity()["sign_public"])
        mine = QLabel(self.my_fingerprint, box)
        mine.setObjectName("my_fingerprint")
        export = QPushButton(self.tr("导出本机身份…"), box)
        export.clicked.connect(self.export_identity)
        row = QHBoxLayout()
        row.addWidget(mine, 1)
        row.addWidget(export)
        form.addRow(self.tr("本机密钥指纹") + "：", row)
        self.their_fingerprint = QLabel(self.tr("（尚未选择区里的身份文件）"), box)
        self.their_fingerprint.setObjectName("their_fingerprint")
        self.their_fingerprint.setWordWrap(True)
        choose = QPushButton(self.tr("选择区里的身份文件…"), box)
        choose.clicked.connect(self.choose_district)
        row = QHBoxLayout()
        row.addWidget(self.their_fingerprint, 1)
        row.addWidget(choose)
        form.addRow(self.tr("区里的密钥指纹") + "：", row)
        self.compared = QCheckBox(self.tr("已打电话与区里逐字核对，双方的指纹都一致"), box)
        self.compared.setEnabled(False)
        form.addRow("", self.compared)
        how = QLabel(self.tr(
            "做法：把“本机身份”文件交给区里（U 盘或内网），从区里拿到区里的身份文件并在这里选择；然后打电话，"
            "念出本机指纹请区里核对，再听区里念出区里的指纹，与上面显示的逐字比对。两个指纹都一致才勾选。"
            "身份文件可以公开，但不核对指纹就信任，可能收到冒充区里的数据包。"), box)
        how.setWordWrap(True)
        text_colour(how, "#555")
        form.addRow(how)
        self.state = QLabel(box)
        self.state.setWordWrap(True)
        form.addRow(self.state)
        return box

    # -- the exchange ---------------------------------------------------------------------------------------
    def _names(self) -> dict[str, str]:
        text = {k: e.text().strip() for k, e in self.edits.items()}
        return {"name": text["town"] or text["unit"], "unit": text["unit"], "town": text["town"]}

    def export_identity(self) -> None:
        names = self._names()
        suggested = f"{names['name'] or self.tr('本机')}-身份.json"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出本机身份"), suggested, self.tr("身份文件 (*.json)"))
        if not path:
            return
        try:
            self.services.sync().export_identity(Path(path), **names)
        except (InspectorError, OSError) as exc:
            QMessageBox.warning(self, self.tr("无法导出"), self.tr("无法写入“{0}”：{1}").format(Path(path).name, exc))
            return
        self.state.setText(self.tr("已导出本机身份：{0}。请交给区里，并电话核对指纹。").format(Path(path).name))

    def choose_district(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择区里的身份文件"), "",
                                              self.tr("身份文件或数据包 (*.json *.inspx)"))
        if not path:
            return
        try:
            identity = self.services.sync().identity_from_file(Path(path))
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能使用这个文件"), str(exc))
            return
        from inspector.sync.keys import fingerprint

        self.district = identity
        self.their_fingerprint.setText(self.tr("{0}：{1}").format(
            str(identity.get("name") or identity.get("unit") or "")[:60], fingerprint(identity["sign_public"])))
        self.compared.setEnabled(True)
        self.compared.setChecked(False)

    # -- closing --------------------------------------------------------------------------------------------
    def profile(self) -> Profile:
        text = {k: e.text().strip() for k, e in self.edits.items()}
        return Profile(issuer_kind=self.kind.currentData(), **text)

    def accept(self) -> None:
        if self.district is not None and not self.compared.isChecked():
            QMessageBox.warning(self, self.tr("请先核对指纹"), self.tr(
                "已选择区里的身份文件，但还没有确认电话核对过指纹。请核对后勾选；"
                "如暂时无法核对，可先保存本人信息，以后在“同步”页信任区里的设备。"))
            return
        try:
            self.services.complete_setup(self.profile(), self.district if self.compared.isChecked() else None)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("未保存"), str(exc))
            return
        super().accept()

    def later(self) -> None:
        """以后再说: like Escape, it asks first when something was typed."""
        if self.guard.may_discard():
            self.reject()

    def reject(self) -> None:
        """Nothing is saved; at the first start the set-up is not offered again (设置 still opens it)."""
        if self.first_start:
            self.services.skip_setup()
        super().reject()


def offer_first_setup(window) -> bool:
    """At the first start, open the set-up over the window; returns whether it was shown."""
    if not window.services.needs_setup():
        return False
    open_setup(window, first_start=True)
    return True


def open_setup(window, first_start: bool = False) -> int:
    """The set-up dialog over ``window``; after saving, every page shows the new profile."""
    dialog = SetupDialog(window.services, window, first_start=first_start)
    window.setup_dialog = dialog
    result = dialog.exec()
    if result == QDialog.DialogCode.Accepted:
        show_saved(window)
        if hasattr(window, "sig_changed"):
            window.sig_changed.emit()
    return result
