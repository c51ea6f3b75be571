"""Recording a finding (隐患登记) against a checklist item: what, where, how grave, photos, the deadline.

A 重大隐患 shows the six parts of its 治理方案, all required; photos are dropped, pasted or picked, shown as
thumbnails and stored by content (with a resized copy for reports).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector import workflow as wf
from inspector.errors import InspectorError
from inspector.services import Services
from inspector.services.findings import suggested_description
from inspector.ui.vocabulary import term
from inspector.ui.widgets import form_habits, ok_cancel

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp")


class PhotoStrip(QWidget):
    """Thumbnails of the photos chosen so far; accepts dropped files and pasted images."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths: list[Path] = []
        self.setAcceptDrops(True)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self.tr("把照片拖到这里，或粘贴 (Ctrl+V)、或"), self)
        self.pick = QPushButton(self.tr("选择照片…"), self)
        self.pick.clicked.connect(self.choose)
        self.row.addWidget(self.hint)
        self.row.addWidget(self.pick)
        self.row.addStretch(1)

    def choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("选择照片"), "", self.tr("图片 (*.jpg *.jpeg *.png)"))
        for path in paths:
            self.add(Path(path))

    def add(self, path: Path) -> None:
        if path.suffix.lower() not in IMAGE_SUFFIXES or path in self.paths:
            return
        self.paths.append(path)
        thumb = QLabel(self)
        thumb.setPixmap(QPixmap(str(path)).scaled(72, 72, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))
        thumb.setToolTip(path.name)
        self.row.insertWidget(self.row.count() - 1, thumb)

    def paste(self, folder: Path) -> None:
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            return
        path = folder / f"粘贴照片-{len(self.paths) + 1}.png"
        image.save(str(path))
        self.add(path)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            self.add(Path(url.toLocalFile()))


class FindingDialog(QDialog):
    """Collects a finding for ``item`` of ``inspection``; on accept it is saved through the services."""

    def __init__(self, services: Services, inspection: dict[str, Any], item: dict[str, Any],
                 site: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.inspection, self.item, self.site = services, inspection, item, site
        self.finding_id: str | None = None
        self.setWindowTitle(self.tr("登记隐患 — {0}").format(item["title"]))
        self.description = QPlainTextEdit(self)
        self.description.setPlainText(suggested_description(item))  # the problem, not the requirement
        self.description.setFixedHeight(60)
        self.location = QLineEdit(self)
        self.category = QComboBox(self)
        self.category.addItems([term(c) for c in wf.CATEGORIES])
        self.grade = QComboBox(self)
        self.grade.addItems([term(g) for g in wf.GRADES])
        self.grade.setCurrentIndex(1 if item.get("default_grade") == "重大" else 0)
        self.legal = QLineEdit(item.get("legal_basis") or "", self)
        self.requirement = QPlainTextEdit(self.tr("立即整改，并将整改情况书面报告检查机关。"), self)
        self.requirement.setFixedHeight(50)
        self.deadline = QDateEdit(self)
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.contact = QLineEdit(site.get("contact_person") or "", self)
        self.phone = QLineEdit(site.get("contact_phone") or "", self)
        self.listed = QCheckBox(self.tr("挂牌督办"), self)
        self.photos = PhotoStrip(self)
        self.plan_box = QGroupBox(self.tr("重大事故隐患治理方案（六项均须填写）"), self)
        plan_form = QFormLayout(self.plan_box)
        self.plan: dict[str, QLineEdit] = {}
        for part in wf.PLAN_PARTS:
            self.plan[part] = QLineEdit(self.plan_box)
            self.plan[part].setObjectName(part)
            plan_form.addRow(term(part) + "：", self.plan[part])

        form = QFormLayout()
        for label, widget in ((self.tr("隐患描述"), self.description), (self.tr("部位"), self.location),
                              (self.tr("类别"), self.category), (self.tr("等级"), self.grade),
                              (self.tr("检查依据"), self.legal), (self.tr("整改要求"), self.requirement),
                              (self.tr("整改期限"), self.deadline), (self.tr("企业责任人"), self.contact),
                              (self.tr("联系电话"), self.phone), ("", self.listed),
                              (self.tr("整改前照片"), self.photos)):
            form.addRow(label + ("：" if label else ""), widget)
        box = ok_cancel(self, self.tr("保存隐患"), save=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.plan_box)
        layout.addWidget(box)
        self.grade.currentIndexChanged.connect(self.grade_changed)
        self.grade_changed()
        QShortcut(QKeySequence.StandardKey.Paste, self, activated=self._paste)
        form_habits(self)  # Tab leaves multi-line boxes; Escape asks before discarding typed text
        self.resize(640, self.sizeHint().height())

    def _paste(self) -> None:
        import tempfile

        self.photos.paste(Path(tempfile.mkdtemp(prefix="inspector-paste-")))

    def grade_changed(self) -> None:
        major = self.grade.currentIndex() == 1
        self.plan_box.setVisible(major)
        self.listed.setEnabled(major)
        days = self.item.get("default_days") or (60 if major else 15)
        due = self.found_on() + timedelta(days=days)
        self.deadline.setDate(QDate(due.year, due.month, due.day))
        self.adjustSize()

    def found_on(self) -> date:
        started = self.inspection.get("started_at") or date.today().isoformat()
        return date.fromisoformat(started[:10])

    def accept(self) -> None:
        grade = wf.GRADES[self.grade.currentIndex()]
        plan = {part: edit.text().strip() for part, edit in self.plan.items()} if grade == "重大" else None
        try:
            self.finding_id = self.services.record_finding(
                description=self.description.toPlainText().strip(), grade=grade, found_on=self.found_on(),
                deadline=self.deadline.date().toPython(), plan=plan,
                category=wf.CATEGORIES[self.category.currentIndex()], location=self.location.text().strip(),
                legal_basis=self.legal.text().strip(), requirement=self.requirement.toPlainText().strip(),
                contact_person=self.contact.text().strip(), contact_phone=self.phone.text().strip(),
                listed_supervision=int(self.listed.isChecked() and grade == "重大"),
                site_id=self.site["id"], inspection_id=self.inspection["id"], item_id=self.item["id"],
                campaign_id=self.inspection.get("campaign_id"),
                campaign=self.inspection.get("campaign"), inspector_id=self.inspection.get("inspector1_id"),
                photos=self.photos.paths)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能保存"), str(exc))
            return
        super().accept()
