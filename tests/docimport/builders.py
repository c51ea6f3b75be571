"""Task lists written in the forms issuers send: Word tables with merged cells, Excel sheets, PDFs with ruled
tables and OFD packages — built here so the tests need no binary fixtures."""

from __future__ import annotations

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


def ofd(path: Path, pages: list[list[str]], shuffle: bool = True) -> Path:
    """An OFD package (GB/T 33190 layout: OFD.xml → Document.xml → Pages/Page_N/Content.xml), one TextObject per
    printed line; with ``shuffle`` the objects are written bottom-up, so only their positions give the order."""
    ns = f'xmlns:ofd="{OFD_NS}"'
    page_refs = "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.1" DocType="OFD">'
                               "<ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>"
                               "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        zf.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}>'
                    '<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea>'
                    '<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>'
                    f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>")
        for i, lines in enumerate(pages):
            objects = []
            for k, line in enumerate(lines):
                y = 20 + k * 7
                x = 20.0
                for j, cell in enumerate(line.split("\t")):
                    objects.append(
                        f'<ofd:TextObject ID="{1000 + k * 10 + j}" Boundary="{x} {y} 170 6" Font="1" Size="4.2">'
                        f'<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="4.5" '
                        f'DeltaX="g {max(len(cell) - 1, 0)} 4.2">{_escape(cell)}</ofd:TextCode></ofd:TextObject>')
                    x += len(cell) * 4.2 + 20
            if shuffle:
                objects.reverse()
            zf.writestr(f"Doc_0/Pages/Page_{i}/Content.xml",
                        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content>'
                        f'<ofd:Layer ID="{i + 500}"><ofd:PageBlock ID="{i + 600}">{"".join(objects)}</ofd:PageBlock>'
                        "</ofd:Layer></ofd:Content></ofd:Page>")
    return path


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
