"""A :class:`~inspector.reports.blocks.Form` as a Word document (.docx), for offices that adjust a form in WPS or
Word before printing: the same blocks in the same order as the PDF, A4 with the same margins, 宋体, the head
line, bold title and number line, grids with borders, the signature lines with printed names and 执法证号, an
empty seal area, and “共 N 页 第 M 页” as page fields in the footer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from inspector.reports.blocks import BLANK, Fields, Form, Gap, Grid, Para, Photos, Seal, Signatures
from inspector.reports.xmltext import xml_safe

FONT = "宋体"
ALIGN = {"right": WD_ALIGN_PARAGRAPH.RIGHT, "centre": WD_ALIGN_PARAGRAPH.CENTER}
SIZE = {"small": 8}


def _font(run: Any, size: float, bold: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _para(holder: Any, text: str, style: str = "plain", size: float | None = None, bold: bool = False) -> Any:
    p = holder.add_paragraph()
    p.alignment = ALIGN.get(style, WD_ALIGN_PARAGRAPH.LEFT)
    fmt = p.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = Pt(11 if style == "small" else 20)
    if style == "body":
        fmt.first_line_indent = Pt(24)
    for n, line in enumerate(xml_safe(str(text)).split("\n")):  # a control character would fail the file
        run = p.add_run(line)
        if n:
            run.add_break()
        _font(run, size or SIZE.get(style, 12), bold)
    return p


def _table(doc: Any, rows: int, widths: list[float], borders: bool) -> Any:
    table = doc.add_table(rows=rows, cols=len(widths))
    if borders:
        table.style = "Table Grid"
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    return table


def _cell(cell: Any, text: str, size: float = 10.5, bold: bool = False) -> None:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    _para(cell, text, "plain", size, bold)


def _fields(doc: Any, block: Fields) -> None:
    table = _table(doc, len(block.rows), [38, 132], True)
    for row, (label, value) in zip(table.rows, block.rows, strict=True):
        _cell(row.cells[0], label)
        _cell(row.cells[1], value)


def _grid(doc: Any, block: Grid) -> None:
    table = _table(doc, len(block.rows) + 1, block.widths, True)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
    for cell, text in zip(header.cells, block.header, strict=True):
        _cell(cell, text, 9.5, True)
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            _cell(cell, str(text), 9.5)


def _signatures(doc: Any, block: Signatures) -> None:
    dated = all(line.dated for line in block.lines)
    table = _table(doc, len(block.lines), [66, 44, 50] if dated else [50, 40, 26, 58], False)
    for row, line in zip(table.rows, block.lines, strict=True):
        _cell(row.cells[0], f"{line.label}：", 12)
        if line.image is not None and Path(line.image).exists() and not line.refused:
            row.cells[1].paragraphs[0].add_run().add_picture(str(line.image), height=Mm(12))
        else:
            _cell(row.cells[1], "拒绝签字" if line.refused else BLANK, 12)
        if line.dated:
            _cell(row.cells[2], "　　年　　月　　日", 12)
        else:
            _cell(row.cells[2], line.name or BLANK, 12)
            _cell(row.cells[3], f"执法证号：{line.certificate or BLANK}", 12)


def _seal(doc: Any, block: Seal) -> None:
    space = _para(doc, "", "right")
    space.paragraph_format.line_spacing = Mm(34)  # the empty area the issuing body stamps
    _para(doc, f"{block.body or BLANK}（印章）　　", "right")
    _para(doc, f"{block.date}　　　", "right")


def _photos(doc: Any, block: Photos) -> None:
    for photo in block.photos:
        label = "整改前" if photo["role"].startswith("before") else "整改后"
        if photo.get("path") is not None and Path(photo["path"]).exists():
            doc.add_paragraph().add_run().add_picture(str(photo["path"]), width=Mm(80))
        _para(doc, f"{label}：{photo.get('caption') or ''} {photo.get('taken') or ''}", "small")


def _page_field(paragraph: Any, code: str) -> None:
    run = paragraph.add_run()
    _font(run, 9)
    for kind, text in (("begin", None), (None, code), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _footer(section: Any) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("共 ", "NUMPAGES"), (" 页 第 ", "PAGE"), (" 页", None)):
        _font(p.add_run(text), 9)
        if field:
            _page_field(p, field)


def _content(doc: Any) -> list[Any]:
    """The body's paragraphs and tables, in order (without the section properties that always end it)."""
    return [element for element in doc.element.body if element.tag != qn("w:sectPr")]


def _keep_together(elements: list[Any]) -> None:
    """Word keeps these on one page: each paragraph (in a table's cells too) is kept with the next and no row
    is split, so signatures, the seal and the date never start a page on their own."""
    paragraphs = []
    for element in elements:
        if element.tag == qn("w:tbl"):
            for row in element.iter(qn("w:tr")):
                _cant_split(row.get_or_add_trPr())
            paragraphs.extend(element.iter(qn("w:p")))
        elif element.tag == qn("w:p"):
            paragraphs.append(element)
    for paragraph in paragraphs[:-1]:
        Paragraph(paragraph, None).paragraph_format.keep_with_next = True


_AFTER_CANT_SPLIT = {qn(f"w:{tag}") for tag in ("trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden")}


def _cant_split(properties: Any) -> None:
    """``w:cantSplit`` in its place in the row's properties (the schema fixes their order)."""
    element = OxmlElement("w:cantSplit")
    later = next((child for child in properties if child.tag in _AFTER_CANT_SPLIT), None)
    if later is None:
        properties.append(element)
    else:
        later.addprevious(element)


WRITERS = {Fields: _fields, Grid: _grid, Signatures: _signatures, Seal: _seal, Photos: _photos}


def write_docx(form: Form, path: Path, _font_file: str | None = None) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(18), Mm(20)
    doc.core_properties.title, doc.core_properties.author = form.title, "Inspector"
    _footer(section)
    _para(doc, form.head or BLANK, "centre", 15)
    _para(doc, form.title, "centre", 20, bold=True).paragraph_format.space_before = Pt(6)
    _para(doc, form.number or BLANK, "right", 11).paragraph_format.space_after = Pt(8)
    tail_from = None  # from the first signatures on, kept on one page, as in the PDF
    for block in form.blocks:
        if tail_from is None and isinstance(block, Signatures):
            tail_from = len(_content(doc))
        if isinstance(block, Para):
            _para(doc, block.text, block.style)
        elif isinstance(block, Gap):
            _para(doc, "").paragraph_format.line_spacing = Mm(max(block.mm, 1))
        else:
            WRITERS[type(block)](doc, block)
    if tail_from is not None:
        _keep_together(_content(doc)[tail_from:])
    doc.save(str(path))
    return path
