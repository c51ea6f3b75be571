"""The hazard ledger (隐患排查治理台账) as a PDF of any length: linear time, memory of one page.

A district's ledger has 100,000 rows. One reportlab Table of all rows keeps every cell of every row alive and is
split again at each page, and a canvas that holds every page until it knows their number keeps the whole
document in memory. Here rows are laid out page by page instead: each row is measured once (its cells wrapped
at their column widths), as many rows as fit go into one small table for the page, the page is drawn and
forgotten. “共 N 页” is drawn on every page as a reference to a small PDF form that is only filled in at the end,
when N is known, so nothing has to be kept or laid out twice.

The look is the one every table of the program has (:func:`inspector.reports.layout.grid_style`, the margins
and frame of :func:`inspector.reports.layout.build`), so a long ledger looks like a short one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from inspector.reports.layout import Render, escape, grid_style

MARGIN, TOP, BOTTOM = 18 * mm, 18 * mm, 20 * mm  # as layout.build
FRAME_PAD = 6  # reportlab's default frame padding, as in layout.build
PAD_X, PAD_Y = 2.5, 3  # grid_style's cell padding
FORM = "ledger_page_count"
MAX_CELL = 300  # characters of one cell; a longer text is cut (the record keeps it whole)


class Cancelled(Exception):
    """The person cancelled a long report; nothing is kept."""


class _Cell(Paragraph):
    """A cell wrapped once: the row is measured with it, and the page's table draws it without wrapping again."""

    _fit: tuple[float, tuple[float, float]] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._fit is None or self._fit[0] != available_width:
            self._fit = (available_width, super().wrap(available_width, available_height))
        return self._fit[1]


@dataclass
class LedgerLayout:
    """What the ledger prints: its heading, column headers and widths, and the totals line at the end."""

    title: str
    scope: str
    header: list[str]
    widths: list[float]
    totals: Callable[[], str]
    style: ParagraphStyle | None = None  # the cells' style; the render's "small" when None
    footer: str = ""  # 填表人 / 审核人 / 填报日期, under the totals
    head_style: ParagraphStyle | None = None  # the header row's; the render's "head" when None


class _Pages:
    """The canvas and the cursor on the current page."""

    def __init__(self, path: Path, render: Render, title: str) -> None:
        self.size = landscape(A4)
        self.canvas = Canvas(str(path), pagesize=self.size)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("Inspector")
        self.render = render
        self.x = MARGIN + FRAME_PAD
        self.width = self.size[0] - 2 * MARGIN - 2 * FRAME_PAD
        self.top = self.size[1] - TOP - FRAME_PAD
        self.bottom = BOTTOM + FRAME_PAD
        self.y = self.top
        self.number = 1
        self.box = 0.0

    def room(self) -> float:
        return self.y - self.bottom

    def place(self, flowable: Flowable, centre_width: float | None = None) -> None:
        _w, h = flowable.wrapOn(self.canvas, self.width, self.room())
        x = self.x + (self.width - centre_width) / 2 if centre_width is not None else self.x
        flowable.drawOn(self.canvas, x, self.y - h)
        self.y -= h

    def next_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.number += 1
        self.y = self.top

    def _footer(self) -> None:
        c, font = self.canvas, self.render.font.name
        head, tail = "共 ", f" 页 第 {self.number} 页"
        width = c.stringWidth(head, font, 9) + self.box + c.stringWidth(tail, font, 9)
        x = (self.size[0] - width) / 2
        c.setFont(font, 9)
        c.drawString(x, 10 * mm, head)
        c.saveState()
        c.translate(x + c.stringWidth(head, font, 9), 10 * mm)
        c.doForm(FORM)
        c.restoreState()
        c.setFont(font, 9)
        c.drawString(x + c.stringWidth(head, font, 9) + self.box, 10 * mm, tail)

    def finish(self) -> int:
        """Close the last page, fill in the page count everywhere, write the file; returns the page count."""
        self._footer()
        self.canvas.showPage()
        c = self.canvas
        c.beginForm(FORM)
        c.setFont(self.render.font.name, 9)
        c.drawCentredString(self.box / 2, 0, str(self.number))
        c.endForm()
        c.save()
        return self.number


def write_ledger(path: Path, render: Render, layout: LedgerLayout, rows: Iterable[list[Any]], expected_rows: int,
                 progress: Callable[[int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> int:
    """Write the ledger to ``path``; returns the number of pages. Raises :class:`Cancelled` when asked to stop."""
    pages = _Pages(path, render, layout.title)
    pages.box = pages.canvas.stringWidth("0" * len(str(max(1, expected_rows))), render.font.name, 9)
    for flowable in (*render.title(layout.title), render.p(layout.scope, "number"), Spacer(1, 2 * mm)):
        pages.place(flowable)
    head = layout.head_style or render.styles["head"]
    header = [_Cell(escape(_split(h, w - 2 * PAD_X, head)), head) for h, w in zip(layout.header, layout.widths,
                                                                                   strict=True)]
    header_height = _row_height(header, layout.widths)
    table_width = sum(layout.widths)
    page_rows: list[list[_Cell]] = []
    heights: list[float] = []

    def flush() -> None:
        table = Table([header, *page_rows], colWidths=layout.widths, rowHeights=[header_height, *heights])
        table.setStyle(grid_style(header=True))
        pages.place(table, table_width)
        page_rows.clear()
        heights.clear()

    style = layout.style or render.styles["small"]
    for done, values in enumerate(rows):
        cells = [_Cell(escape(_cut(v)), style) for v in values]
        height = _row_height(cells, layout.widths)
        if header_height + sum(heights) + height > pages.room() and (page_rows or pages.y < pages.top):
            if page_rows:
                flush()
            if cancelled and cancelled():
                raise Cancelled
            pages.next_page()
            if progress:
                progress(min(99, 100 * done // max(1, expected_rows)), f"正在排版台账：第 {pages.number} 页…")
        page_rows.append(cells)
        heights.append(min(height, pages.room() - header_height))
    flush()
    totals = render.p(layout.totals(), "plain")
    footer = render.p(layout.footer, "plain")
    need = totals.wrap(pages.width, pages.room())[1] + footer.wrap(pages.width, pages.room())[1] + 8 * mm
    if need > pages.room():
        pages.next_page()
    for flowable in (Spacer(1, 4 * mm), totals, Spacer(1, 4 * mm), footer):
        pages.place(flowable)
    return pages.finish()


def _row_height(cells: list[_Cell], widths: list[float]) -> float:
    return max(c.wrap(w - 2 * PAD_X, 1e6)[1] for c, w in zip(cells, widths, strict=True)) + 2 * PAD_Y


def _split(header: str, width: float, style: ParagraphStyle) -> str:
    """A header too wide for its column breaks in the middle (“发现 / 日期”), not before its last character."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if len(header) < 4 or stringWidth(header, style.fontName, style.fontSize) <= width:
        return header
    half = (len(header) + 1) // 2
    return f"{header[:half]}\n{header[half:]}"


def _cut(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_CELL else text[:MAX_CELL] + "…"
