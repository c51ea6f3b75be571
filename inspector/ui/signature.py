"""A signature pad (mouse or pen) for the two inspectors and the site's person in charge.

Each signer either signs on the pad or is marked “拒绝签字”; the images are kept as attachments for the forms.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector.errors import InspectorError
from inspector.services import Services
from inspector.ui.widgets import ok_cancel


class SignaturePad(QWidget):
    """Draw with the mouse or a pen; ``image()`` returns the strokes on white, or None when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths: list[QPainterPath] = []
        self.setMinimumSize(320, 110)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)

    def clear(self) -> None:
        self.paths.clear()
        self.update()

    def is_empty(self) -> bool:
        return not self.paths

    def mousePressEvent(self, event) -> None:
        path = QPainterPath(QPointF(event.position()))
        self.paths.append(path)

    def mouseMoveEvent(self, event) -> None:
        if self.paths and event.buttons() & Qt.MouseButton.LeftButton:
            self.paths[-1].lineTo(QPointF(event.position()))
            self.update()

    def tabletEvent(self, event) -> None:
        if event.type() == event.Type.TabletPress:
            self.paths.append(QPainterPath(QPointF(event.position())))
        elif self.paths:
            self.paths[-1].lineTo(QPointF(event.position()))
        self.update()
        event.accept()

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#111111"), 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for path in self.paths:
            painter.drawPath(path)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QColor("#bbbbbb"))
        painter.drawLine(10, self.height() - 18, self.width() - 10, self.height() - 18)
        self._draw(painter)

    def image(self) -> QImage | None:
        if self.is_empty():
            return None
        image = QImage(self.size(), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._draw(painter)
        painter.end()
        return image


class SignatureDialog(QDialog):
    """Signatures of both inspectors and of the site's person in charge, each signed or refused."""

    def __init__(self, services: Services, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.inspection_id = services, inspection_id
        self.setWindowTitle(self.tr("现场签字"))
        grid = QGridLayout()
        self.pads: dict[str, SignaturePad] = {}
        self.refused: dict[str, QCheckBox] = {}
        labels = {"inspector1": self.tr("检查人员（一）"), "inspector2": self.tr("检查人员（二）"),
                  "site": self.tr("被检查单位负责人")}
        for row, (signer, label) in enumerate(labels.items()):
            pad = SignaturePad(self)
            pad.setObjectName(signer)
            clear = QPushButton(self.tr("重签"), self)
            clear.clicked.connect(pad.clear)
            refused = QCheckBox(self.tr("拒绝签字"), self)
            refused.toggled.connect(pad.setDisabled)
            grid.addWidget(QLabel(label, self), row, 0)
            grid.addWidget(pad, row, 1)
            grid.addWidget(clear, row, 2)
            grid.addWidget(refused, row, 3)
            self.pads[signer], self.refused[signer] = pad, refused
        box = ok_cancel(self, self.tr("保存签字"), save=True)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(box)

    def accept(self) -> None:
        try:
            with tempfile.TemporaryDirectory() as tmp:
                signatures: dict[str, tuple[Path | None, bool]] = {}
                for signer, pad in self.pads.items():
                    refused = self.refused[signer].isChecked()
                    image = pad.image()
                    path = None
                    if image is not None and not refused:
                        path = Path(tmp) / f"{signer}.png"
                        image.save(str(path))
                    signatures[signer] = (path, refused)
                self.services.sign_all(self.inspection_id, signatures)
        except InspectorError as exc:
            QMessageBox.warning(self, self.tr("不能保存"), str(exc))
            return
        super().accept()
