"""统计考核: the district's view of its towns (a town's of itself) — the table per town with the 考核 score, bars
by town and the trend by month — and the campaigns (专项整治) with their progress.

Every figure is counted on a worker (:class:`inspector.ui.background.Operation`) by SQL aggregates; the GUI
thread only shows the rows and paints the charts. The district publishes campaigns here; a town sees them.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector.services import Services, district
from inspector.sync import register
from inspector.ui.background import Operation, show_error
from inspector.ui.campaign_dialog import CampaignDialog, WeightsDialog
from inspector.ui.charts import BarChart, TrendChart
from inspector.ui.records_model import RECORD_ROLE, RecordsModel

CAMPAIGN_COLUMNS = [("name", "专项行动"), ("period", "时间"), ("issuer", "发布单位"), ("target", "目标单位"),
                    ("sites", "已检查单位"), ("coverage", "覆盖率"), ("findings", "隐患"), ("rectified", "已整改"),
                    ("rate", "整改率"), ("overdue", "逾期")]


def _load(services: Services, today: date, date_from: str, date_to: str, town: str | None) -> dict[str, Any]:
    """Everything the page shows, counted on the worker's own connection."""
    stats = services.district_stats(today, date_from, date_to, town)
    return {"stats": stats, "table": district.table_rows(stats),
            "campaigns": district.campaign_rows(services.store, today),
            "unregistered": [c for c in services.campaigns() if not c["registered"]]}


class DistrictPage(QWidget):
    sig_changed = Signal()
    """Emitted after a campaign or the weighting was saved."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.is_district = register.my_role(services.store) == "district"
        self.loaded: dict[str, Any] | None = None
        self.date_from = self._date(QDate(QDate.currentDate().year(), 1, 1))
        self.date_to = self._date(QDate.currentDate())
        self.town = QComboBox(self)
        self.town.addItem(self.tr("全部街镇") if self.is_district else self.tr("本街镇"), None)
        self.town.setEnabled(self.is_district)
        self.town.currentIndexChanged.connect(lambda _i: self.refresh())
        buttons = {self.tr("刷新"): self.refresh, self.tr("打印统计表…"): lambda: self.export(".pdf"),
                   self.tr("导出 Excel…"): lambda: self.export(".xlsx"), self.tr("考核权重…"): self.edit_weights}
        top = QHBoxLayout()
        for label, widget in ((self.tr("从"), self.date_from), (self.tr("至"), self.date_to),
                              (self.tr("街镇"), self.town)):
            top.addWidget(QLabel(label, self))
            top.addWidget(widget)
        top.addStretch(1)
        for label, slot in buttons.items():
            top.addWidget(self._button(label, slot))
        self.model = RecordsModel(district.COLUMNS, self)
        self.table = self._view(self.model)
        self.bars = BarChart(self.tr("各街镇隐患与整改"), self)
        self.trend = TrendChart(self.tr("按月趋势"), self)
        self.campaign_model = RecordsModel(CAMPAIGN_COLUMNS, self)
        self.campaigns = self._view(self.campaign_model)
        self.campaigns.doubleClicked.connect(lambda _index: self.edit_campaign())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._split(), 1)
        layout.addWidget(self.message)
        self.refresh()

    def _split(self) -> QSplitter:
        charts = QSplitter(Qt.Orientation.Horizontal, self)
        charts.addWidget(self.bars)
        charts.addWidget(self.trend)
        below = QWidget(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("专项整治"), self))
        row.addStretch(1)
        actions = {self.tr("新建专项…"): self.new_campaign, self.tr("修改…"): self.edit_campaign,
                   self.tr("删除"): self.delete_campaign, self.tr("登记旧名称"): self.adopt}
        for label, slot in actions.items():
            button = self._button(label, slot)
            button.setEnabled(self.is_district)
            row.addWidget(button)
        row.addWidget(self._button(self.tr("打印进展…"), self.print_campaign))
        column = QVBoxLayout(below)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.campaigns)
        split = QSplitter(Qt.Orientation.Vertical, self)
        for part in (self.table, charts, below):
            split.addWidget(part)
        split.setSizes([220, 240, 200])
        return split

    def _date(self, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.dateChanged.connect(lambda _d: self.refresh())
        return edit

    def _button(self, label: str, slot) -> QPushButton:
        button = QPushButton(label, self)
        button.clicked.connect(slot)
        return button

    def _view(self, model: RecordsModel) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        return view

    # -- data ------------------------------------------------------------------------------------------------
    def period(self) -> tuple[str, str]:
        return self.date_from.date().toString("yyyy-MM-dd"), self.date_to.date().toString("yyyy-MM-dd")

    def refresh(self) -> None:
        """Count everything again on a worker; a newer refresh replaces an older one still running."""
        date_from, date_to = self.period()
        town, today = self.town.currentData(), date.today()
        Operation(self, lambda task: _load(task.services, today, date_from, date_to, town),
                  services=self.services, key="district").success(self.show_data).failure(
            lambda exc: show_error(self, self.tr("无法统计"), exc)).run_in_background()

    def show_data(self, loaded: dict[str, Any]) -> None:
        self.loaded = loaded
        stats = loaded["stats"]
        self.model.set_rows(loaded["table"])
        self.campaign_model.set_rows(loaded["campaigns"])
        rows = stats["rows"]
        self.bars.set_data([r["town"] for r in rows], [(self.tr("一般隐患"), [r["ordinary"] for r in rows]),
                                                       (self.tr("重大隐患"), [r["major"] for r in rows]),
                                                       (self.tr("已整改"), [r["rectified"] for r in rows])])
        months = stats["monthly"]
        self.trend.set_data(list(months), [(label, [m[key] for m in months.values()]) for key, label in
                                           (("inspections", self.tr("检查次数")), ("findings", self.tr("发现隐患")),
                                            ("rectified", self.tr("已整改")))])
        self._fill_towns([r["town"] for r in rows])
        old = loaded["unregistered"]
        note = self.tr("计划检查数来自监督检查计划；尚无计划时显示“—”。")
        if old:
            names = "、".join(c["name"] for c in old[:5])
            note += self.tr(" 有 {0} 个旧版本填写的专项名称尚未登记（{1}）。").format(len(old), names)
        self.message.setText(note)

    def _fill_towns(self, towns: list[str]) -> None:
        if not self.is_district or self.town.currentData() is not None:
            return
        self.town.blockSignals(True)
        while self.town.count() > 1:
            self.town.removeItem(1)
        for name in towns:
            self.town.addItem(name, name)
        self.town.blockSignals(False)

    def shown_data(self) -> bool:
        """Whether the page's first data is on screen (what the GUI-thread tests wait for)."""
        return self.loaded is not None

    # -- outputs ---------------------------------------------------------------------------------------------
    def folder(self) -> Path:
        folder = self.services.path.parent / f"{self.services.path.stem}-reports"
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def export(self, suffix: str, kind: str = "district", **params: Any) -> None:
        """The statistics report (PDF) or workbook, or a campaign's progress, written on a worker."""
        date_from, date_to = self.period()
        out = self.folder() / f"{kind}-{datetime.now().strftime('%Y%m%d-%H%M%S')}{suffix}"
        params = params or {"date_from": date_from, "date_to": date_to, "town": self.town.currentData()}
        Operation(self, lambda task: task.services.reports().generate(kind, out, **params),
                  services=self.services, key="export").success(self.exported).failure(
            lambda exc: show_error(self, self.tr("无法生成"), exc)).with_progress(
            self.tr("正在生成…"), cancellable=False).run_in_background()

    def exported(self, result) -> None:
        self.last = result.path
        self.message.setText(self.tr("已生成：{0}").format(result.path))

    # -- campaigns -------------------------------------------------------------------------------------------
    def selected_campaign(self) -> dict[str, Any] | None:
        rows = self.campaigns.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def new_campaign(self) -> None:
        if CampaignDialog(self.services, None, self).exec():
            self._changed()

    def edit_campaign(self) -> None:
        chosen = self.selected_campaign()
        if chosen is None or not self.is_district:
            return
        record = self.services.store.get("campaigns", chosen["id"])
        if CampaignDialog(self.services, record, self).exec():
            self._changed()

    def delete_campaign(self) -> None:
        chosen = self.selected_campaign()
        if chosen is None:
            return
        answer = QMessageBox.question(self, self.tr("删除专项行动"),
                                      self.tr("删除“{0}”？已有的检查和隐患仍保留。").format(chosen["name"]))
        if answer == QMessageBox.StandardButton.Yes:
            self.services.delete_campaign(chosen["id"])
            self._changed()

    def adopt(self) -> None:
        created = self.services.adopt_campaigns()
        self.message.setText(self.tr("已登记 {0} 个旧版本填写的专项名称。").format(len(created)))
        self._changed()

    def print_campaign(self) -> None:
        chosen = self.selected_campaign()
        if chosen is None:
            QMessageBox.information(self, self.tr("打印进展"), self.tr("请先在列表中选择一个专项行动。"))
            return
        self.export(".pdf", "campaign", campaign=chosen["id"])

    def edit_weights(self) -> None:
        if WeightsDialog(self.services, self).exec():
            self._changed()

    def _changed(self) -> None:
        self.sig_changed.emit()
        self.refresh()
