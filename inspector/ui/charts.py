"""Two small charts drawn with QPainter (no chart library): grouped bars by town and lines by month.

They are given plain numbers already counted on a worker and only paint them, so they cost nothing on the GUI
thread beyond the painting itself.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

COLOURS = (QColor("#3b6fb6"), QColor("#c0504d"), QColor("#9bbb59"))
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP, LEGEND = 36, 34, 26, 96


class _Chart(QWidget):
    """Axes, title and legend shared by both charts; ``series`` is a list of (name, values)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.labels: list[str] = []
        self.series: list[tuple[str, list[float]]] = []
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, labels: list[str], series: list[tuple[str, list[float]]]) -> None:
        self.labels, self.series = labels, series
        self.update()

    def top(self) -> float:
        """The value at the top of the axis: the largest value, rounded up (at least 1)."""
        largest = max((v for _, values in self.series for v in values), default=0)
        return float(max(1, int(largest * 1.1 + 0.999)))

    def plot_area(self) -> QRectF:
        return QRectF(MARGIN_LEFT, MARGIN_TOP, max(10, self.width() - MARGIN_LEFT - LEGEND),
                      max(10, self.height() - MARGIN_TOP - MARGIN_BOTTOM))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        painter.setPen(self.palette().text().color())
        painter.drawText(QRectF(0, 2, self.width(), MARGIN_TOP - 4), Qt.AlignmentFlag.AlignCenter, self.title)
        area = self.plot_area()
        if not self.labels:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("没有数据"))
            return
        self._axes(painter, area)
        self.draw(painter, area)
        self._legend(painter, area)

    def _axes(self, painter: QPainter, area: QRectF) -> None:
        top = self.top()
        painter.setPen(QPen(self.palette().mid().color()))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        for k in range(5):
            y = area.bottom() - area.height() * k / 4
            painter.drawText(QRectF(0, y - 8, MARGIN_LEFT - 4, 16), Qt.AlignmentFlag.AlignRight,
                             f"{top * k / 4:g}")

    def _legend(self, painter: QPainter, area: QRectF) -> None:
        for n, (name, _values) in enumerate(self.series):
            y = area.top() + n * 18
            painter.fillRect(QRectF(area.right() + 10, y + 3, 10, 10), COLOURS[n % len(COLOURS)])
            painter.setPen(self.palette().text().color())
            painter.drawText(QRectF(area.right() + 24, y, LEGEND - 26, 16), Qt.AlignmentFlag.AlignLeft, name)

    def label_rect(self, area: QRectF, index: int) -> QRectF:
        step = area.width() / max(1, len(self.labels))
        return QRectF(area.left() + index * step, area.bottom() + 4, step, MARGIN_BOTTOM - 6)

    def draw_label(self, painter: QPainter, area: QRectF, index: int, label: str) -> None:
        """A category's name under the axis, cut with “…” to the width it has."""
        rect = self.label_rect(area, index)
        painter.setPen(self.palette().text().color())
        text = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(rect.width()) - 2)
        painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter, text)

    def draw(self, painter: QPainter, area: QRectF) -> None:
        raise NotImplementedError


class BarChart(_Chart):
    """Grouped bars: one group per town, one bar per series."""

    def draw(self, painter: QPainter, area: QRectF) -> None:
        top, groups = self.top(), max(1, len(self.labels))
        step = area.width() / groups
        width = step * 0.8 / max(1, len(self.series))
        for g, label in enumerate(self.labels):
            for s, (_name, values) in enumerate(self.series):
                value = values[g] if g < len(values) else 0
                height = area.height() * value / top
                x = area.left() + g * step + step * 0.1 + s * width
                painter.fillRect(QRectF(x, area.bottom() - height, width - 1, height), COLOURS[s % len(COLOURS)])
            self.draw_label(painter, area, g, label)


class TrendChart(_Chart):
    """Lines by month, one per series, with a dot on each month."""

    def draw(self, painter: QPainter, area: QRectF) -> None:
        top, n = self.top(), len(self.labels)
        step = area.width() / max(1, n)

        def point(i: int, value: float) -> QPointF:
            return QPointF(area.left() + step * (i + 0.5), area.bottom() - area.height() * value / top)

        for s, (_name, values) in enumerate(self.series):
            pen = QPen(COLOURS[s % len(COLOURS)], 2)
            painter.setPen(pen)
            points = [point(i, v) for i, v in enumerate(values)]
            for a, b in pairwise(points):
                painter.drawLine(a, b)
            painter.setBrush(COLOURS[s % len(COLOURS)])
            for p in points:
                painter.drawEllipse(p, 2.5, 2.5)
        for i, label in enumerate(self.labels):
            self.draw_label(painter, area, i, label[2:] if n > 8 else label)
