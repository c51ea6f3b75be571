"""The findings list model: holds only rowids and fetches the rows it shows, in batches.

A district database holds 200,000 findings; the model asks the services for the matching rowids (one indexed
query) and for display rows only when the view needs them, so opening, scrolling and filtering stay fast.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from inspector.services import FindingFilter, Services
from inspector.ui.vocabulary import term
from inspector.workflow import RECTIFIED, STATUS_LABELS

BATCH = 200
COLUMNS = [("found_on", "发现日期"), ("site", "单位"), ("description", "隐患描述"), ("grade", "等级"),
           ("status", "状态"), ("current_deadline", "整改期限"), ("town", "街镇")]
SORT_KEYS = {0: "found_on", 3: "grade", 4: "status", 5: "deadline"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_BRUSH = QBrush(QColor("#fde2e1"))
MAJOR_BRUSH = QBrush(QColor("#b3261e"))


class FindingsModel(QAbstractTableModel):
    """Rows of findings for the 隐患 page; ``set_filter`` reloads the rowids."""

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.filter = FindingFilter()
        self.rowids: list[int] = []
        self.cache: dict[int, dict[str, Any]] = {}
        self.today = date.today()

    def set_filter(self, flt: FindingFilter) -> None:
        self.beginResetModel()
        self.filter = flt
        self.today = date.today()
        self.rowids = self.services.finding_rowids(flt, self.today)
        self.cache.clear()
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self.filter)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rowids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return term(COLUMNS[section][1])
        return None

    def row(self, row: int) -> dict[str, Any]:
        """The display row at ``row``, fetching its whole batch the first time it is needed."""
        rowid = self.rowids[row]
        if rowid not in self.cache:
            start = row - row % BATCH
            self.cache.update(self.services.finding_rows(self.rowids[start : start + BATCH]))
        return self.cache[rowid]

    def overdue(self, data: dict[str, Any]) -> bool:
        deadline = data["current_deadline"]
        return data["status"] not in RECTIFIED and bool(deadline) and deadline < self.today.isoformat()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        data = self.row(index.row())
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                label = term(STATUS_LABELS[data["status"]])
                return label + (self.tr("（逾期）") if self.overdue(data) else "")
            if key == "grade" and data["listed_supervision"]:
                return data["grade"] + self.tr("·挂牌")
            return data[key]
        if role == ROW_ROLE:
            return data
        if role == Qt.ItemDataRole.BackgroundRole and self.overdue(data):
            return OVERDUE_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and key == "grade" and data["grade"] == "重大":
            return MAJOR_BRUSH
        if role == Qt.ItemDataRole.ToolTipRole and key == "description":
            return data["description"]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self.filter.sort = key
        self.filter.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
