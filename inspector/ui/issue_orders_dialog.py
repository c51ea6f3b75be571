"""Issuing the orders of a whole inspection in one step: the date and the case's 文书号, asked once."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from inspector.services import Services
from inspector.ui.vocabulary import term
from inspector.ui.widgets import ok_cancel


class IssueOrdersDialog(QDialog):
    """The date and the 文书号 for issuing all of an inspection's orders at once; each finding keeps its deadline."""

    def __init__(self, services: Services, inspection: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("下发整改 — {0}").format(inspection["site"]))
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        self.doc_no = QLineEdit(services.order_number_known(inspection["id"]) or "", self)
        self.doc_no.setPlaceholderText(self.tr("保存时自动编号"))
        form = QFormLayout()
        form.addRow(self.tr("文书") + "：", QLabel(services.order_title(), self))
        form.addRow(self.tr("下发日期") + "：", self.date)
        form.addRow(term("文书号") + "：", self.doc_no)
        note = QLabel(self.tr("本次检查中尚未下发整改的隐患将一并下发，各条隐患沿用登记时的整改期限；"
                              "期限已过的，按原定天数从下发日期起算。"), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(ok_cancel(self, self.tr("全部下发")))
        self.resize(480, self.sizeHint().height())

    def on(self) -> date:
        return self.date.date().toPython()
