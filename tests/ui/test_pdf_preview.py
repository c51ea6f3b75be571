"""The in-app preview is Qt's own PDF view: zoom, pages, text search, and printing what is shown."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrinter

from inspector.reports import forms
from inspector.ui import pdf_preview
from inspector.ui.pdf_preview import PdfPreview, print_pdf
from tests.reports.test_forms import order_data
from tests.ui.driver import ime_type


def on_label(button) -> QPoint:
    """Where a person clicks a radio button: on its circle, not in the empty width the layout gave it."""
    return QPoint(8, button.height() // 2)


@pytest.fixture
def two_pages(tmp_path):
    many = [{"description": f"第{n}处安全出口锁闭，疏散通道堆放杂物", "current_deadline": "2026-07-10"}
            for n in range(40)]
    path = tmp_path / "long.pdf"
    forms.write("rectification-order", order_data(findings=many), path)
    assert len(PdfReader(str(path)).pages) >= 2
    return path


def test_zoom_pages_and_search_as_a_person_uses_them(qtbot, two_pages):
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(800, 900)
    preview.show()
    preview.show_pdf(two_pages)
    assert preview.page_count == len(PdfReader(str(two_pages)).pages)
    assert preview.pages.text() == f"/ {preview.page_count}" and not preview.previous.isEnabled()

    qtbot.mouseClick(preview.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.current_page() == 1)
    assert preview.page.value() == 2 and preview.previous.isEnabled()
    qtbot.mouseClick(preview.previous, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: preview.current_page() == 0)

    before = preview.view.zoomFactor()
    qtbot.mouseClick(preview.zoom_in, Qt.MouseButton.LeftButton)
    assert preview.view.zoomFactor() == pytest.approx(before * 1.25)
    qtbot.mouseClick(preview.zoom_out, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(preview.zoom_out, Qt.MouseButton.LeftButton)
    assert preview.view.zoomFactor() < before
    qtbot.mouseClick(preview.fit, Qt.MouseButton.LeftButton)
    assert preview.view.zoomMode() == preview.view.ZoomMode.FitToWidth

    ime_type(preview.find, "本文书一式两份")  # on the last page only
    qtbot.waitUntil(lambda: preview.hit_count() == 1, timeout=10000)
    qtbot.keyClick(preview.find, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: preview.current_page() == preview.page_count - 1)
    assert preview.hits.text() == "第 1 / 1 处"
    preview.find.clear()
    ime_type(preview.find, "不会出现的字样")
    qtbot.waitUntil(lambda: preview.hits.text() == "未找到", timeout=10000)


def test_printing_prints_every_page_of_the_document_on_screen(qtbot, two_pages, tmp_path):
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.show_pdf(two_pages)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(72)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pdf(preview, printer) == preview.page_count
    assert len(PdfReader(str(out)).pages) == preview.page_count
    preview.clear()
    assert print_pdf(preview, printer) == 0 and not preview.find.isEnabled()


def test_without_qtpdf_the_preview_says_what_is_missing(qtbot, monkeypatch, two_pages):
    monkeypatch.setattr(pdf_preview, "HAVE_QTPDF", False)
    preview = PdfPreview()
    qtbot.addWidget(preview)
    assert "PySide6-Pdf" in preview.missing.text() and "用系统程序打开" in preview.missing.text()
    preview.show_pdf(two_pages)
    assert preview.page_count == 0 and print_pdf(preview, QPrinter()) == 0


def test_the_reports_page_saves_a_form_as_word_and_previews_the_pdf_with_search(qtbot, tmp_path):
    from docx import Document

    from inspector.services import Services
    from inspector.services.demo import build_demo
    from inspector.ui.main_window import MainWindow

    services = Services.open(tmp_path / "w.db")
    build_demo(services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    page = window.go("reports")
    assert not page.docx.isVisible()  # the ledger has no Word version
    page.kinds.setCurrentRow(1)  # the order
    qtbot.waitUntil(lambda: page.finding.count() > 0, timeout=30000)
    assert page.docx.isVisible() and not page.xlsx.isVisible()
    qtbot.mouseClick(page.docx, Qt.MouseButton.LeftButton, pos=on_label(page.docx))
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last is not None and page.last.suffix == ".docx", timeout=30000)
    texts = [p.text for p in Document(str(page.last)).paragraphs]
    assert "限期整改意见书" in texts and any("本文书一式两份" in t for t in texts)
    assert not page.print_button.isEnabled()

    qtbot.mouseClick(page.pdf, Qt.MouseButton.LeftButton, pos=on_label(page.pdf))
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last.suffix == ".pdf" and page.preview.page_count >= 1, timeout=30000)
    ime_type(page.preview.find, "经查")
    qtbot.waitUntil(lambda: page.preview.hit_count() >= 1, timeout=10000)
    page.kinds.setCurrentRow(4)  # back to the ledger: PDF again
    assert page.pdf.isChecked() and not page.docx.isVisible()
    window.close()
    services.close()
