"""The in-app preview is Qt's own PDF view: zoom, pages, text search, and printing what is shown."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from inspector.reports import forms
from inspector.ui import pdf_preview
from inspector.ui.pdf_preview import PdfPreview, print_pdf
from tests.reports.test_forms import order_data
from tests.ui.driver import ime_type


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
