"""Showing and printing a generated PDF inside the app.

Pages are rendered with pypdfium2 (already used to read PDFs) rather than QtPdf's QPdfView: QtPdf ships only in
PySide6-Addons, a download of a few hundred MB for this one widget, while pypdfium2 renders the same pages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


def page_images(path: Path, dpi: int = 90, first: int = 0, count: int | None = None) -> list[QImage]:
    """The pages of ``path`` as images (``count`` pages from ``first``; all when None)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        last = len(pdf) if count is None else min(len(pdf), first + count)
        images = []
        for index in range(first, last):
            bitmap = pdf[index].render(scale=dpi / 72)
            pil = bitmap.to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            images.append(QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888).copy())
        return images
    finally:
        pdf.close()


class PdfPreview(QScrollArea):
    """The pages one under the other, like a viewer; ``show_pdf`` replaces them."""

    MAX_PAGES = 30

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.holder = QWidget(self)
        self.pages = QVBoxLayout(self.holder)
        self.pages.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self.holder)
        self.path: Path | None = None
        self.page_count = 0

    def clear(self) -> None:
        while self.pages.count():
            item = self.pages.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.page_count = 0

    def show_pdf(self, path: Path) -> None:
        self.clear()
        self.path = path
        for image in page_images(path, count=self.MAX_PAGES):
            label = QLabel(self.holder)
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #999; background: white;")
            self.pages.addWidget(label)
            self.page_count += 1


def print_pdf(path: Path, printer) -> int:
    """Print every page at the printer's resolution; returns the number of pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        dpi = min(printer.resolution(), 300)
        images = page_images(path, dpi=dpi)
        area = painter.viewport()
        for n, image in enumerate(images):
            if n:
                printer.newPage()
            scaled = image.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
            painter.drawImage(0, 0, scaled)
        return len(images)
    finally:
        painter.end()
