"""The district's dialogs on the 统计考核 page: a campaign (专项整治) and the 考核 weighting."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from inspector.assessment import INDICATORS
from inspector.errors import InspectorError
from inspector.services import Services
from inspector.ui.vocabulary import term
from inspector.ui.widgets import ok_cancel

LEVELS = ("红", "橙", "黄", "蓝")


class CampaignDialog(QDialog):
    """Name, period, checklist, issuing body and number, and the target: towns, industries, risk levels."""

    def __init__(self, services: Services, campaign: dict[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.campaign = services, campaign or {}
        self.campaign_id: str | None = self.campaign.get("id")
        self.setWindowTitle(self.tr("专项行动") if campaign else self.tr("新建专项行动"))
        c = self.campaign
        self.name = QLineEdit(c.get("name") or "", self)
        self.name.setPlaceholderText(self.tr("如：燃气安全专项整治"))
        self.starts = self._date(c.get("starts_on"), QDate.currentDate())
        self.ends = self._date(c.get("ends_on"), QDate.currentDate().addMonths(3))
        self.checklist = QComboBox(self)
        self.checklist.addItem(self.tr("（不指定）"), None)
        for row in services.checklists("template"):
            self.checklist.addItem(row["name"], row["id"])
        self.checklist.setCurrentIndex(max(0, self.checklist.findData(c.get("checklist_id"))))
        self.issuer = QLineEdit(c.get("issuer") or services.store.setting("unit") or "", self)
        self.doc_no = QLineEdit(c.get("doc_no") or "", self)
        criteria = json.loads(c["criteria"]) if c.get("criteria") else {}
        self.towns = QLineEdit("、".join(criteria.get("towns", [])), self)
        self.towns.setPlaceholderText(self.tr("用顿号分隔；不填为全区"))
        self.industries = QLineEdit("、".join(criteria.get("industries", [])), self)
        self.levels = [QCheckBox(term(level), self) for level in LEVELS]
        levels = QHBoxLayout()
        for box, level in zip(self.levels, LEVELS, strict=True):
            box.setChecked(level in criteria.get("risk_levels", []))
            levels.addWidget(box)
        self.notes = QLineEdit(c.get("notes") or "", self)
        form = QFormLayout()
        for label, widget in ((self.tr("名称"), self.name), (self.tr("开始日期"), self.starts),
                              (self.tr("结束日期"), self.ends), (self.tr("检查表"), self.checklist),
                              (self.tr("发布单位"), self.issuer), (self.tr("文号"), self.doc_no),
                              (self.tr("目标街镇"), self.towns), (self.tr("目标行业"), self.industries),
                              (self.tr("风险等级"), levels), (self.tr("说明"), self.notes)):
            form.addRow(label + "：", widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, self.tr("保存"), save=True))
        self.resize(560, self.sizeHint().height())

    def _date(self, iso: str | None, default: QDate) -> QDateEdit:
        edit = QDateEdit(QDate.fromString(iso, "yyyy-MM-dd") if iso else default, self)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        return edit

    def fields(self) -> dict[str, Any]:
        def names(edit: QLineEdit) -> list[str]:
            return [n.strip() for n in edit.text().replace(",", "、").replace("，", "、").split("、") if n.strip()]

        criteria = {"towns": names(self.towns), "industries": names(self.industries),
                    "risk_levels": [lv for box, lv in zip(self.levels, LEVELS, strict=True) if box.isChecked()]}
        return {"name": self.name.text(), "starts_on": self.starts.date().toString("yyyy-MM-dd"),
                "ends_on": self.ends.date().toString("yyyy-MM-dd"), "checklist_id": self.checklist.currentData(),
                "issuer": self.issuer.text().strip() or None, "doc_no": self.doc_no.text().strip() or None,
                "notes": self.notes.text().strip() or None, "criteria": criteria}

    def accept(self) -> None:
        try:
            self.campaign_id = self.services.save_campaign(self.fields(), self.campaign_id)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能保存"), str(exc))
            return
        super().accept()


class WeightsDialog(QDialog):
    """The 考核 weighting, one number per indicator (docs/assessment.md)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle(self.tr("考核权重"))
        current = services.assessment_weights()
        self.spins: dict[str, QDoubleSpinBox] = {}
        form = QFormLayout()
        for key, label in INDICATORS.items():
            spin = QDoubleSpinBox(self)
            spin.setRange(0, 100)
            spin.setDecimals(0)
            spin.setValue(current[key])
            self.spins[key] = spin
            form.addRow(term(label) + "：", spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, self.tr("保存"), save=True))

    def accept(self) -> None:
        try:
            self.services.set_assessment_weights({k: s.value() for k, s in self.spins.items()})
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能保存"), str(exc))
            return
        super().accept()
