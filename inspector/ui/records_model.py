"""A read-only table model over a list of records (sites, inspections): one model, no widget per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from inspector.risk import LEVEL_COLOURS
from inspector.ui.vocabulary import term

LIGHT_TEXT = {"红", "蓝"}  # white text on the dark colours, black on 橙 and 黄

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
VOCABULARY_COLUMNS = {"grade", "category", "risk_level", "type"}  # columns whose values are domain words


class RecordsModel(QAbstractTableModel):
    """``columns`` are (key, header) pairs; ``set_rows`` replaces the records."""

    def __init__(self, columns: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.records: list[dict[str, Any]] = []

    def set_rows(self, records: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return term(self.columns[section][1])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            key = self.columns[index.column()][0]
            value = record.get(key)
            if key in VOCABULARY_COLUMNS and isinstance(value, str) and value:
                return term(value)  # 一般/重大, 红/橙/黄/蓝, 日常/专项…: values from the data, translated too
            return "" if value is None else str(value)
        if role == RECORD_ROLE:
            return record
        if self.columns[index.column()][0] == "risk_level":
            return risk_colour(record.get("risk_level"), role)
        return None


def risk_colour(level: str | None, role: int) -> QColor | None:
    """A risk level shown as its colour (红橙黄蓝) wherever sites are listed."""
    if level not in LEVEL_COLOURS:
        return None
    if role == Qt.ItemDataRole.BackgroundRole:
        return QColor(LEVEL_COLOURS[level])
    if role == Qt.ItemDataRole.ForegroundRole:
        return QColor("white" if level in LIGHT_TEXT else "black")
    return None
