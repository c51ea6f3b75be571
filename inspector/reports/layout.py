"""The look shared by every printed document: A4, an official title, CJK wrapping, “共 N 页 第 M 页”.

Rendering is pure: it takes the data the services gathered and writes a PDF; it never reads the database.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import Flowable, Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from inspector.reports.blocks import BLANK
from inspector.reports.fonts import FontChoice, choose_font

__all__ = ["BLANK", "Render", "build", "escape", "grid_style", "new_render"]


@dataclass
class Render:
    """One document being written: its font, styles and the warnings (missing fields, photos) it collects."""

    font: FontChoice
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        f = self.font.name
        self.styles = {
            "number": ParagraphStyle("number", fontName=f, fontSize=11, leading=16, alignment=TA_RIGHT),
            "body": ParagraphStyle("body", fontName=f, fontSize=12, leading=20, wordWrap="CJK",
                                   firstLineIndent=24),
            "plain": ParagraphStyle("plain", fontName=f, fontSize=12, leading=20, wordWrap="CJK"),
            "cell": ParagraphStyle("cell", fontName=f, fontSize=9.5, leading=13, wordWrap="CJK"),
            "small": ParagraphStyle("small", fontName=f, fontSize=8, leading=11, wordWrap="CJK"),
            "head": ParagraphStyle("head", fontName=f, fontSize=9.5, leading=13, alignment=TA_CENTER,
                                   wordWrap="CJK"),
            "right": ParagraphStyle("right", fontName=f, fontSize=12, leading=20, alignment=TA_RIGHT),
            "centre": ParagraphStyle("centre", fontName=f, fontSize=12, leading=20, alignment=TA_CENTER),
            "head_line": ParagraphStyle("head_line", fontName=f, fontSize=15, leading=22, alignment=TA_CENTER,
                                        wordWrap="CJK"),
            "left": ParagraphStyle("left", fontName=f, fontSize=12, leading=20, alignment=TA_LEFT),
        }

    def title(self, text: str) -> list[Any]:
        return [BoldTitle(text, self.font.name), Spacer(1, 4 * mm)]

    def p(self, text: Any, style: str = "plain") -> Paragraph:
        return Paragraph(escape(text), self.styles[style])

    def value(self, label: str, value: Any) -> str:
        """A field's value, or a visible blank line (as on paper) noted in the warnings."""
        if value in (None, ""):
            self.warnings.append(f"缺少“{label}”，已留空。")
            return BLANK
        return str(value)

    def fields(self, rows: list[tuple[str, Any]], widths: tuple[float, float] = (38 * mm, 132 * mm),
               blank: bool = True) -> Table:
        """Label and value rows; ``blank`` prints (and reports) a missing value as a blank line."""
        data = [[self.p(label, "cell"), self.p(self.value(label, value) if blank else value, "cell")]
                for label, value in rows]
        table = Table(data, colWidths=list(widths))
        table.setStyle(grid_style())
        return table

    def grid(self, header: list[str], rows: list[list[Any]], widths: list[float], repeat: int = 1,
             style: str = "cell") -> Table:
        """A table that splits across pages and repeats its header row on each."""
        data = [[self.p(h, "head") for h in header]]
        data += [[self.p(cell, style) for cell in row] for row in rows]
        table = Table(data, colWidths=widths, repeatRows=repeat)
        table.setStyle(grid_style(header=True))
        return table

    def image(self, path: Path | None, width: float, height: float, what: str) -> Any:
        """A photo or signature scaled to fit, or None (and a warning) when its file is missing."""
        if path is None or not Path(path).exists():
            if path is not None:
                self.warnings.append(f"{what}的图片文件缺失，已略去。")
            return None
        from reportlab.lib.utils import ImageReader

        iw, ih = ImageReader(str(path)).getSize()
        scale = min(width / iw, height / ih)
        return Image(str(path), width=iw * scale, height=ih * scale)


def escape(text: Any) -> str:
    """Plain text as reportlab paragraph markup: nothing in a record is taken for a tag; line breaks kept."""
    safe = str(text if text is not None else "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return safe.replace("\n", "<br/>")


class BoldTitle(Flowable):
    """The document title, centred, larger, and drawn bold (filled and stroked: CJK fonts have no bold face)."""

    def __init__(self, text: str, font: str, size: float = 20) -> None:
        super().__init__()
        self.text, self.font, self.size = text, font, size

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.6

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        text = canvas.beginText()
        text.setFont(self.font, self.size)
        text.setTextRenderMode(2)
        canvas.setLineWidth(self.size / 40)
        width = canvas.stringWidth(self.text, self.font, self.size)
        text.setTextOrigin((self.width - width) / 2, self.size * 0.45)
        text.textOut(self.text)
        canvas.drawText(text)
        canvas.restoreState()


def grid_style(header: bool = False) -> TableStyle:
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
             ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    return TableStyle(style)


def numbered_canvas(font: str) -> type:
    """A canvas that writes “共 N 页 第 M 页” at the foot of every page once the page count is known."""

    class NumberedCanvas(pdfcanvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self.pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self.pages)
            for number, state in enumerate(self.pages, 1):
                self.__dict__.update(state)
                self.setFont(font, 9)
                width = self._pagesize[0]
                self.drawCentredString(width / 2, 10 * mm, f"共 {total} 页 第 {number} 页")
                super().showPage()
            super().save()

    return NumberedCanvas


def build(path: Path, story: list[Any], render: Render, wide: bool = False, title: str = "",
          on_page: Callable[[Any, Any], None] | None = None) -> Path:
    """Write ``story`` to ``path`` (A4, landscape when ``wide``) with page numbering."""
    size = landscape(A4) if wide else A4
    doc = SimpleDocTemplate(str(path), pagesize=size, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=18 * mm, bottomMargin=20 * mm, title=title, author="Inspector")
    doc.build([s for s in story if s is not None], canvasmaker=numbered_canvas(render.font.name),
              onFirstPage=on_page or _nothing, onLaterPages=on_page or _nothing)
    return path


def _nothing(_canvas: Any, _doc: Any) -> None:
    return None


def new_render(font_file: str | None = None) -> Render:
    return Render(choose_font(font_file))
