"""The 设置 page: the officer's profile, the PDF font, the language and where the data lives.

Each field is saved when it is left (the status bar says “已保存”); the profile fills forms and document numbers.
首次设置… opens the first-run set-up again (profile and the exchange of identity files with the district).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from inspector.services import Services
from inspector.ui.vocabulary import term
from inspector.ui.widgets import show_saved

PROFILE = [("officer_name", "姓名"), ("certificate_no", "执法证号"), ("unit", "所属单位"), ("town", "街镇"),
           ("doc_prefix", "文书编号前缀（如“（普）应急”）")]
ISSUER = ("issuer_name", "发文机关全称（空则为街镇或所属单位）")


class SettingsPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setMaximumWidth(760)
        form = QFormLayout(self)
        setup = QPushButton(self.tr("首次设置…（本人信息、与区里交换身份文件）"), self)
        setup.setObjectName("open_setup")
        setup.clicked.connect(self.open_setup)
        form.addRow(setup)
        self.edits: dict[str, QLineEdit] = {}
        for key, label in PROFILE:
            self._edit(form, key, label)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("街镇（限期整改意见书）"), "town")
        self.kind.addItem(self.tr("执法机构（责令限期整改指令书）"), "enforcement")
        self.kind.setCurrentIndex(max(0, self.kind.findData(services.store.setting("issuer_kind") or "town")))
        self.kind.activated.connect(lambda _: self.save("issuer_kind", self.kind.currentData()))
        form.addRow(self.tr("发文机关类型") + "：", self.kind)
        self._edit(form, *ISSUER).setToolTip(self.tr("文书抬头和印章处写的机关名称"))
        from inspector.reports.fonts import system_fonts

        self.font = QComboBox(self)
        self.font.setEditable(True)
        self.font.addItem(self.tr("自动（系统中的宋体/仿宋等中文字体）"), "")
        for path in system_fonts():
            self.font.addItem(path.name, str(path))
        chosen = services.store.setting("pdf_font") or ""
        index = self.font.findData(chosen)
        if index >= 0:
            self.font.setCurrentIndex(index)
        else:
            self.font.setEditText(chosen)
        self.font.activated.connect(lambda _: self.save("pdf_font", self.font.currentData() or ""))
        self.font.lineEdit().editingFinished.connect(self._font_typed)
        form.addRow(self.tr("PDF 字体文件") + "：", self.font)
        self.language = QComboBox(self)
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(QSettings().value("language", "zh_CN"))))
        self.language.activated.connect(self.set_language)
        form.addRow(self.tr("界面语言（重启后生效）") + "：", self.language)
        folder = QPushButton(str(services.path.parent), self)
        folder.setToolTip(self.tr("打开数据文件夹"))
        folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(services.path.parent))))
        form.addRow(self.tr("数据文件夹") + "：", folder)
        form.addRow(self.tr("数据库") + "：", QLabel(services.path.name, self))

    def _edit(self, form: QFormLayout, key: str, label: str) -> QLineEdit:
        """A field of the profile, saved when it is left."""
        edit = QLineEdit(self.services.store.setting(key) or "", self)
        edit.setObjectName(key)
        edit.editingFinished.connect(lambda: self.save(key, edit.text().strip()))
        self.edits[key] = edit
        form.addRow(term(label) + "：", edit)
        return edit

    def _font_typed(self) -> None:
        text = self.font.currentText().strip()
        index = self.font.findText(text)
        self.save("pdf_font", self.font.itemData(index) if index >= 0 else text)

    def save(self, key: str, value: str) -> None:
        if (self.services.store.setting(key) or "") != value:
            self.services.set_setting(key, value)
            show_saved(self)

    def refresh(self) -> None:
        """After the set-up (or an import of settings) the fields show what is stored."""
        for key, edit in self.edits.items():
            edit.setText(self.services.store.setting(key) or "")
        self.kind.setCurrentIndex(max(0, self.kind.findData(self.services.store.setting("issuer_kind") or "town")))

    def open_setup(self) -> None:
        from inspector.ui.setup_dialog import open_setup

        if open_setup(self.window()) == 1:
            self.refresh()

    def set_language(self) -> None:
        QSettings().setValue("language", self.language.currentData())
        show_saved(self)
