"""The dialogs of the 计划 page: a risk assessment, the inspection frequencies, a new plan, a site filter."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inspector import risk
from inspector.errors import InspectorError
from inspector.services.planning import SiteFilter
from inspector.ui.widgets import ok_cancel


def _fail(parent: QWidget, exc: InspectorError) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("plans_dialogs", "不能保存"), str(exc))


class AssessDialog(QDialog):
    """Assess one site: its inherent hazards, optionally an LEC estimate; the history is counted by the
    program from the site's findings."""

    def __init__(self, planning: Any, site: dict[str, Any], today: date, officer: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.planning, self.site, self.result = planning, site, None
        self.setWindowTitle(self.tr("风险评估：{0}").format(site["name"]))
        hazards = QGroupBox(self.tr("固有危险（可多选）"), self)
        grid = QGridLayout(hazards)
        self.hazards: dict[str, QCheckBox] = {}
        for n, (key, (label, points)) in enumerate(risk.HAZARDS.items()):
            box = QCheckBox(f"{label}（{points}）", hazards)
            box.setObjectName(key)
            self.hazards[key] = box
            grid.addWidget(box, n // 2, n % 2)
        self.use_lec = QCheckBox(self.tr("另用 LEC 法评价（从严取高）"), self)
        self.lec: dict[str, QComboBox] = {}
        lec_row = QHBoxLayout()
        for key, values in (("L", risk.LEC_L), ("E", risk.LEC_E), ("C", risk.LEC_C)):
            combo = QComboBox(self)
            for value in values:
                combo.addItem(f"{value:g}", value)
            combo.setObjectName(f"lec_{key}")
            self.lec[key] = combo
            lec_row.addWidget(combo)
        self.by = QLineEdit(officer, self)
        self.on = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.on.setCalendarPopup(True)
        form = QFormLayout()
        form.addRow(self.tr("行业："), QLineEdit(site.get("industry") or "", self, readOnly=True))
        form.addRow(self.use_lec)
        form.addRow(self.tr("L × E × C："), lec_row)
        form.addRow(self.tr("评估人："), self.by)
        form.addRow(self.tr("评估日期："), self.on)
        layout = QVBoxLayout(self)
        layout.addWidget(hazards)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, self.tr("评估并保存"), save=True))

    def accept(self) -> None:
        lec = {k: c.currentData() for k, c in self.lec.items()} if self.use_lec.isChecked() else None
        chosen = [k for k, box in self.hazards.items() if box.isChecked()]
        try:
            self.result = self.planning.assess(self.site["id"], chosen, self.on.date().toPython(),
                                               self.by.text().strip(), lec)
        except InspectorError as exc:
            _fail(self, exc)
            return
        super().accept()


class FrequencyDialog(QDialog):
    """The months between inspections per level, on this device."""

    def __init__(self, planning: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.planning = planning
        self.setWindowTitle(self.tr("检查频次"))
        current = planning.policy()["frequencies"]
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for level in risk.LEVELS:
            spin = QSpinBox(self)
            spin.setRange(1, risk.MAX_MONTHS)
            spin.setValue(current[level])
            spin.setSuffix(self.tr(" 个月"))
            spin.setObjectName(f"months_{level}")
            self.spins[level] = spin
            form.addRow(f"{level}（{risk.LEVEL_NAMES[level]}）：", spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, self.tr("保存"), save=True))

    def accept(self) -> None:
        try:
            self.planning.set_frequencies({level: spin.value() for level, spin in self.spins.items()})
        except InspectorError as exc:
            _fail(self, exc)
            return
        super().accept()


class PlanDialog(QDialog):
    """A new plan: name, year/quarter/month and the period; on the district, whether it is published."""

    def __init__(self, planning: Any, today: date, district: bool, checklists: list[dict[str, Any]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.planning, self.plan_id = planning, None
        self.checklist = QComboBox(self)
        self.checklist.addItem(self.tr("（不指定）"), None)
        for c in checklists:
            self.checklist.addItem(c["name"], c["id"])
        self.setWindowTitle(self.tr("新建检查计划"))
        quarter = (today.month - 1) // 3 + 1
        self.name = QLineEdit(self.tr("{0}年第{1}季度监督检查计划").format(today.year, quarter), self)
        self.kind = QComboBox(self)
        for key, label in (("quarter", self.tr("季度")), ("month", self.tr("月度")), ("year", self.tr("年度"))):
            self.kind.addItem(label, key)
        self.period = QLineEdit(f"{today.year}-Q{quarter}", self)
        self.defaults = {"quarter": f"{today.year}-Q{quarter}", "month": f"{today:%Y-%m}", "year": str(today.year)}
        self.kind.currentIndexChanged.connect(lambda _: self.period.setText(self.defaults[self.kind.currentData()]))
        self.published = QCheckBox(self.tr("下发给各街镇"), self)
        self.published.setVisible(district)
        form = QFormLayout()
        form.addRow(self.tr("计划名称："), self.name)
        form.addRow(self.tr("计划类型："), self.kind)
        form.addRow(self.tr("计划期间："), self.period)
        form.addRow(self.tr("检查表："), self.checklist)
        form.addRow(self.published)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, self.tr("新建"), save=True))

    def accept(self) -> None:
        try:
            self.plan_id = self.planning.create_plan(self.name.text(), self.kind.currentData(), self.period.text(),
                                                     published=self.published.isChecked(),
                                                     checklist_id=self.checklist.currentData())
        except InspectorError as exc:
            _fail(self, exc)
            return
        super().accept()


class FilterBox(QGroupBox):
    """Which sites: by level, town and industry (empty: all)."""

    def __init__(self, title: str, towns: list[str], parent: QWidget | None = None,
                 campaigns: list[dict] | None = None) -> None:
        super().__init__(title, parent)
        row = QHBoxLayout(self)
        self.levels: dict[str, QCheckBox] = {}
        for level in risk.LEVELS:
            box = QCheckBox(level, self)
            box.setObjectName(f"level_{level}")
            self.levels[level] = box
            row.addWidget(box)
        self.town = QComboBox(self)
        self.town.addItem(self.tr("（全部街镇）"), "")
        for town in towns:
            self.town.addItem(town, town)
        self.industry = QLineEdit(self)
        self.industry.setPlaceholderText(self.tr("行业包含…"))
        self.campaign = QComboBox(self)
        self.campaign.setObjectName("campaign")
        self.campaign.addItem(self.tr("（不限专项）"), "")
        for campaign in campaigns or []:
            if campaign.get("registered"):  # a published campaign, whose criteria name its targets
                self.campaign.addItem(campaign["name"], campaign["id"])
        row.addWidget(self.town)
        row.addWidget(self.campaign)
        row.addWidget(self.industry, 1)

    def value(self) -> SiteFilter:
        return SiteFilter(tuple(k for k, box in self.levels.items() if box.isChecked()),
                          self.industry.text().strip(), self.town.currentData() or "",
                          campaign_id=self.campaign.currentData() or "")


class FilterDialog(QDialog):
    """Add every matching site to a plan."""

    def __init__(self, towns: list[str], parent: QWidget | None = None,
                 campaigns: list[dict] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("按条件加入单位"))
        self.filter = FilterBox(self.tr("筛选条件"), towns, self, campaigns)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(ok_cancel(self, self.tr("加入计划")))
