"""Showing and printing a generated PDF inside the app, with Qt's own PDF view (QtPdf's QPdfView).

QtPdf comes as the small ``PySide6-Pdf`` wheel (a few MB, the same Qt version as PySide6-Essentials). The bar
above the pages offers zoom (in, out, fit to width), page navigation and text search; printing renders the
pages of the very document on screen at the printer's resolution, so what is printed is what was looked at.
When the module is missing (a development set-up without the wheel), the preview says so and the page can
still open the file with the system's viewer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

try:
    from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # the PySide6-Pdf wheel is not installed
    QPdfDocument = QPdfSearchModel = QPdfView = None

HAVE_QTPDF = QPdfView is not None
ZOOM_STEP = 1.25


class PdfPreview(QWidget):
    """The pages of one PDF with a bar for zoom, pages and search; ``show_pdf`` replaces the document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path: Path | None = None
        self.page_count = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not HAVE_QTPDF:
            self.document = None
            self.missing = QLabel(self.tr("未安装 PDF 预览组件（PySide6-Pdf），无法在窗口内预览。"
                                          "请用“用系统程序打开”查看，或重新运行安装脚本。"), self)
            self.missing.setWordWrap(True)
            layout.addWidget(self.missing)
            return
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.search = QPdfSearchModel(self)
        self.search.setDocument(self.document)
        self.view.setSearchModel(self.search)
        self.hit = -1
        layout.addLayout(self._bar())
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)
        self.search.rowsInserted.connect(self._hits_changed)
        self.search.modelReset.connect(self._hits_changed)
        self._enable(False)

    # -- the bar ---------------------------------------------------------------------------------------------
    def _bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.zoom_out = self._button("−", self.tr("缩小"), lambda: self.zoom(1 / ZOOM_STEP))
        self.zoom_in = self._button("+", self.tr("放大"), lambda: self.zoom(ZOOM_STEP))
        self.fit = self._button(self.tr("适合宽度"), self.tr("页面适合窗口宽度"), self.fit_width)
        self.previous = self._button("◀", self.tr("上一页"), lambda: self.go(self.current_page() - 1))
        self.page = QSpinBox(self)
        self.page.setMinimum(1)
        self.page.setToolTip(self.tr("页码"))
        self.page.editingFinished.connect(lambda: self.go(self.page.value() - 1))
        self.pages = QLabel("/ 0", self)
        self.next = self._button("▶", self.tr("下一页"), lambda: self.go(self.current_page() + 1))
        self.find = QLineEdit(self)
        self.find.setPlaceholderText(self.tr("查找文字…"))
        self.find.setClearButtonEnabled(True)
        self.find.returnPressed.connect(lambda: self.find_next(1))
        self.find.textChanged.connect(self.search_for)
        self.find_previous = self._button("↑", self.tr("上一处"), lambda: self.find_next(-1))
        self.find_following = self._button("↓", self.tr("下一处"), lambda: self.find_next(1))
        self.hits = QLabel(self)
        for widget in (self.zoom_out, self.zoom_in, self.fit, self.previous, self.page, self.pages, self.next,
                       self.find, self.find_previous, self.find_following, self.hits):
            bar.addWidget(widget)
        bar.setStretchFactor(self.find, 1)
        return bar

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _enable(self, on: bool) -> None:
        for widget in (self.zoom_out, self.zoom_in, self.fit, self.previous, self.page, self.next, self.find,
                       self.find_previous, self.find_following):
            widget.setEnabled(on)

    # -- the document ----------------------------------------------------------------------------------------
    def clear(self) -> None:
        self.path = None
        self.page_count = 0
        if self.document is not None:
            self.find.clear()
            self.document.close()
            self.pages.setText("/ 0")
            self._enable(False)

    def show_pdf(self, path: Path) -> None:
        self.clear()
        self.path = Path(path)
        if self.document is None:
            return
        self.document.load(str(path))
        self.page_count = self.document.pageCount()
        self.page.setMaximum(max(1, self.page_count))
        self.pages.setText(f"/ {self.page_count}")
        self.fit_width()
        self._enable(self.page_count > 0)
        self.go(0)

    # -- zoom and pages --------------------------------------------------------------------------------------
    def zoom(self, factor: float) -> None:
        current = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(8.0, max(0.2, current * factor)))

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage() if self.document is not None else 0

    def go(self, page: int, where: QPointF | None = None) -> None:
        if not self.page_count:
            return
        page = min(max(page, 0), self.page_count - 1)
        navigator = self.view.pageNavigator()
        navigator.jump(page, where or QPointF(), navigator.currentZoom())
        self._page_shown(page)

    def _page_shown(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
        self.previous.setEnabled(page > 0)
        self.next.setEnabled(page < self.page_count - 1)

    # -- search ----------------------------------------------------------------------------------------------
    def search_for(self, text: str) -> None:
        self.hit = -1
        self.search.setSearchString(text.strip())
        self._hits_changed()

    def hit_count(self) -> int:
        return self.search.rowCount(QModelIndex()) if self.find.text().strip() else 0

    def _hits_changed(self, *_args) -> None:
        count = self.hit_count()
        if not self.find.text().strip():
            self.hits.setText("")
        elif count:
            self.hits.setText(self.tr("第 {0} / {1} 处").format(max(self.hit, 0) + 1, count))
        else:
            self.hits.setText(self.tr("未找到"))

    def find_next(self, step: int) -> None:
        count = self.hit_count()
        if not count:
            return
        self.hit = (self.hit + step) % count
        self.view.setCurrentSearchResultIndex(self.hit)
        link = self.search.resultAtIndex(self.hit)
        self.go(link.page(), link.location())
        self._hits_changed()


def print_pdf(preview: PdfPreview, printer) -> int:
    """Print the document shown in ``preview``, every page at the printer's resolution (at most 300 dpi),
    scaled to the printable area; returns the number of pages printed."""
    document = preview.document
    if document is None or not preview.page_count:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        dpi = min(printer.resolution(), 300)
        area = painter.viewport()
        for index in range(preview.page_count):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(index, size)
            scaled = image.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
            painter.drawImage(0, 0, scaled)
        return preview.page_count
    finally:
        painter.end()


__all__ = ["HAVE_QTPDF", "PdfPreview", "print_pdf"]
