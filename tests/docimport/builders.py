"""Task lists written in the forms issuers send: Word tables with merged cells, Excel sheets, PDFs with ruled
tables and OFD packages — built here so the tests need no binary fixtures."""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

from tests.docimport.writers import cjk_font


def docx_with_table(path: Path, before: list[str], rows: list[list[str]], merges=(), after: list[str] = ()) -> Path:
    """Paragraphs, one table (``merges``: (row0, col0, row1, col1) ranges merged in Word), more paragraphs."""
    import docx

    document = docx.Document()
    for line in before:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for r0, c0, r1, c1 in merges:
        value = rows[r0][c0]
        merged = table.cell(r0, c0).merge(table.cell(r1, c1))
        merged.text = value
    for line in after:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def docx_bold_headings(path: Path, blocks: list[tuple[str, bool]]) -> Path:
    """Paragraphs, some set wholly in bold (headings without a number)."""
    import docx

    document = docx.Document()
    for text, bold in blocks:
        document.add_paragraph().add_run(text).bold = bold
    document.save(str(path))
    return path


def xlsx(path: Path, sheets: dict[str, list[list[str]]], merges: dict[str, list[str]] | None = None) -> Path:
    """A workbook with one sheet per entry; ``merges`` per sheet as Excel ranges (``A1:G1``)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([v if v != "" else None for v in row])
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
    book.save(str(path))
    return path


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "BuildCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BuildCJK", cjk_font(), subfontIndex=0))
    return "BuildCJK"


def pdf_with_ruled_table(path: Path, before: list[str], rows: list[list[str]], spans=(), repeat: int = 1,
                         col_widths: list[float] | None = None) -> Path:
    """Paragraphs, then a ruled table (a grid of lines, header repeated on each page); ``spans`` are reportlab
    SPAN commands ((col0, row0), (col1, row1)). ``repeat`` copies the body rows to make a long table."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    style = ParagraphStyle("body", fontName=font, fontSize=11, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    story = [Paragraph(line, style) for line in before] + [Spacer(1, 12)]
    body = rows[1:] * repeat
    data = [[Paragraph(v, cell) for v in row] for row in [rows[0], *body]]
    table = Table(data, repeatRows=1, colWidths=col_widths)
    commands = [("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    commands += [("SPAN", a, b) for a, b in spans]
    table.setStyle(TableStyle(commands))
    story.append(table)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


OFD_NS = "http://www.ofdspec.org/2016"
_IDS = itertools.count(1000)


def ofd(path: Path, pages: list[list[str]], shuffle: bool = True) -> Path:
    """An OFD package (GB/T 33190 layout: OFD.xml → Document.xml → Pages/Page_N/Content.xml), one TextObject per
    printed line; with ``shuffle`` the objects are written bottom-up, so only their positions give the order."""
    contents = []
    for lines in pages:
        objects = []
        for k, line in enumerate(lines):
            x = 20.0
            for cell in line.split("\t"):
                objects.append(_text_object(x, 20 + k * 7, cell, width=170))
                x += len(cell) * 4.2 + 20
        if shuffle:
            objects.reverse()
        contents.append("".join(objects))
    return _ofd_package(path, contents)


def _ofd_package(path: Path, contents: list[str]) -> Path:
    """OFD.xml → Document.xml (A4 pages) → Pages/Page_N/Content.xml holding each page's objects."""
    ns = f'xmlns:ofd="{OFD_NS}"'
    page_refs = "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(contents)))
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.1" DocType="OFD">'
                               "<ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>"
                               "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        zf.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}>'
                    '<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea>'
                    '<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>'
                    f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>")
        for i, objects in enumerate(contents):
            zf.writestr(f"Doc_0/Pages/Page_{i}/Content.xml",
                        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content>'
                        f'<ofd:Layer ID="{i + 500}"><ofd:PageBlock ID="{i + 600}">{objects}</ofd:PageBlock>'
                        "</ofd:Layer></ofd:Content></ofd:Page>")
    return path


def ofd_with_ruled_table(path: Path, before: list[str], rows: list[list[str]], widths: list[float], spans=(),
                         chars: int = 10) -> Path:
    """An OFD page as a Word table saved to OFD comes out: paragraphs, then a table whose cells are framed by
    drawn paths (one closed rectangle per cell; a merged cell is one rectangle), each cell's text wrapped to
    ``chars`` characters a line, one TextObject per line. ``spans``: ((col0, row0), (col1, row1)), inclusive."""
    owner = {}
    for (c0, r0), (c1, r1) in spans:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner[(r, c)] = (r0, c0, r1, c1)
    wrapped = [[[cell[k:k + chars] for k in range(0, len(cell), chars)] or [""] for cell in row] for row in rows]
    heights = [max(len(lines) for lines in row) * 6 + 3 for row in wrapped]  # a merged cell's text fits its top row
    lefts = [20 + sum(widths[:c]) for c in range(len(widths) + 1)]
    top = 20 + len(before) * 8 + 4
    tops = [top + sum(heights[:r]) for r in range(len(rows) + 1)]
    objects = [_text_object(20, 20 + k * 8, line) for k, line in enumerate(before)]
    for r, row in enumerate(wrapped):
        for c, lines in enumerate(row):
            r0, c0, r1, c1 = owner.get((r, c), (r, c, r, c))
            if (r0, c0) != (r, c):
                continue
            x, y, w, h = lefts[c0], tops[r0], lefts[c1 + 1] - lefts[c0], tops[r1 + 1] - tops[r0]
            objects.append(f'<ofd:PathObject ID="{len(objects) + 2000}" Boundary="{x} {y} {w} {h}" LineWidth="0.35">'
                           f"<ofd:AbbreviatedData>M 0 0 L {w} 0 L {w} {h} L 0 {h} C</ofd:AbbreviatedData>"
                           "</ofd:PathObject>")
            objects += [_text_object(x + 1.5, y + 1.5 + k * 6, line) for k, line in enumerate(lines) if line]
    objects.reverse()
    return _ofd_package(path, ["".join(objects)])


def _text_object(x: float, y: float, text: str, width: float | None = None) -> str:
    width = len(text) * 4.2 + 1 if width is None else width
    return (f'<ofd:TextObject ID="{next(_IDS)}" Boundary="{x} {y} {width} 6" '
            f'Font="1" Size="4.2"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="4.5" '
            f'DeltaX="g {max(len(text) - 1, 0)} 4.2">{_escape(text)}</ofd:TextCode></ofd:TextObject>')


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
