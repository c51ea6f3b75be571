"""The findings list model: holds only rowids and fetches the rows it shows, in batches.

A district database holds a million findings; the matching rowids come from one query on a worker thread, and
display rows are fetched only when the view needs them, so opening, scrolling and filtering stay fast.
"""

from __future__ import annotations

from collections.abc import Callable
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
ROLES = frozenset({Qt.ItemDataRole.DisplayRole, ROW_ROLE, Qt.ItemDataRole.BackgroundRole,
                   Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole})
"""The roles the model answers; the others (font, alignment, check state, decoration…) are left to the view."""
OVERDUE_BRUSH = QBrush(QColor("#fde2e1"))
MAJOR_BRUSH = QBrush(QColor("#b3261e"))


class FindingsModel(QAbstractTableModel):
    """Rows of findings for the 隐患 page.

    The page loads the matching rowids and the first batch of rows on a worker and hands them over with
    :meth:`show`; the view then asks for more rows as it scrolls (``fetchMore``), one batch at a time, each a
    single indexed query. Sorting asks the page to load again (``reload`` is set by the page), and only when the
    order really changes, so turning sorting on does not load twice.
    """

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.filter = FindingFilter()
        self.rowids: list[int] = []
        self.fetched = 0
        self.cache: dict[int, dict[str, Any]] = {}
        self.today = date.today()
        self.reload: Callable[[], None] = lambda: None

    def show(self, flt: FindingFilter, rowids: list[int], rows: dict[int, dict[str, Any]], today: date) -> None:
        """Replace the list with a result loaded elsewhere (no query here)."""
        self.beginResetModel()
        self.filter, self.rowids, self.today = flt, rowids, today
        self.cache = dict(rows)
        self.fetched = min(len(rowids), BATCH)
        self.endResetModel()

    def extend(self, rowids: list[int]) -> None:
        """The full list behind a first screen shown with :meth:`show`: it begins with the rows shown, so the
        view keeps its selection and scroll position and only fetches more as it scrolls."""
        if rowids[:len(self.rowids)] != self.rowids:
            self.show(self.filter, rowids, {}, self.today)
            return
        self.rowids = rowids
        if self.fetched < BATCH:
            self.fetch_to(BATCH - 1)

    def add_rows(self, rows: dict[int, dict[str, Any]]) -> None:
        """Display rows read after the list was shown (the rest of its first batch), for the view to draw
        without a query when it scrolls to them."""
        self.cache.update((rowid, row) for rowid, row in rows.items() if rowid not in self.cache)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.fetched < len(self.rowids)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        self.fetch_to(self.fetched + BATCH - 1)

    def fetch_to(self, row: int) -> None:
        """Make rows up to ``row`` part of the view (to scroll to a finding further down)."""
        end = min(len(self.rowids), row + 1)
        if end <= self.fetched:
            return
        self.beginInsertRows(QModelIndex(), self.fetched, end - 1)
        self.fetched = end
        self.endInsertRows()

    def position(self, rowid: int) -> int | None:
        try:
            return self.rowids.index(rowid)
        except ValueError:
            return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.fetched

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
        if role not in ROLES or not index.isValid():  # the view asks ~7 roles per cell, each time it paints
            return None
        data = self.row(index.row())
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                label = term(STATUS_LABELS[data["status"]])
                return label + (self.tr("（逾期）") if self.overdue(data) else "")
            if key == "grade":  # a value from the data: translated like the statuses
                return term(data["grade"]) + (self.tr("·挂牌") if data["listed_supervision"] else "")
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
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self.filter.sort, self.filter.descending):
            return
        self.filter.sort, self.filter.descending = key, descending
        self.reload()
