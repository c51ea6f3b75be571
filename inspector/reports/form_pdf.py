"""A :class:`~inspector.reports.blocks.Form` as PDF: A4, the issuing body's head line, a bold title, the number
line, then each block; signatures, seal and 签收 are kept together on one page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from inspector.reports.blocks import BLANK, Fields, Form, Gap, Grid, Para, Photos, Seal, Signatures
from inspector.reports.layout import Render, build

SEAL_W, SEAL_H = 62 * mm, 34 * mm  # room for a round official seal of 42 mm and its overlap with the date


def head(render: Render, form: Form) -> list[Any]:
    return [render.p(form.head or BLANK, "head_line"), *render.title(form.title),
            render.p(form.number or BLANK, "number"), Spacer(1, 3 * mm)]


def signatures(render: Render, block: Signatures) -> Table:
    """Label, the space to sign (image, “拒绝签字” or a line), and beside it the printed name and 执法证号, or the
    date the unit writes by hand when it signs for the document."""
    rows = []
    for line in block.lines:
        if line.refused:
            mark: Any = render.p("拒绝签字", "plain")
        elif line.image is not None:
            mark = render.image(Path(line.image), 36 * mm, 13 * mm, f"{line.label}") or render.p(BLANK)
        else:
            mark = render.p(BLANK)
        if line.dated:
            rest = [render.p("　　年　　月　　日", "plain")]
        else:
            rest = [render.p(line.name or BLANK, "plain"), render.p(f"执法证号：{line.certificate or BLANK}", "plain")]
        rows.append([render.p(f"{line.label}：", "plain"), mark, *rest])
    dated = all(line.dated for line in block.lines)
    widths = [66 * mm, 44 * mm, 50 * mm] if dated else [50 * mm, 40 * mm, 26 * mm, 58 * mm]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                               ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)]))
    return table


def seal(render: Render, block: Seal) -> list[Any]:
    """An empty area on the right that the issuing body stamps, its name and the date under it."""
    area = Table([[""], [render.p(f"{block.body or BLANK}（印章）", "centre")], [render.p(block.date, "centre")]],
                 colWidths=[SEAL_W + 20 * mm], rowHeights=[SEAL_H, None, None], hAlign="RIGHT")
    area.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return [area, Spacer(1, 4 * mm)]


def photo_pairs(render: Render, photos: list[dict[str, Any]]) -> list[Any]:
    """Photos before and after rectification side by side, each with its caption and time."""
    if not photos:
        return []
    before = [p for p in photos if p["role"].startswith("before")]
    after = [p for p in photos if p["role"].startswith("after")]
    rows = []
    for k in range(max(len(before), len(after))):
        row = []
        for group, label in ((before, "整改前"), (after, "整改后")):
            if k < len(group):
                photo = group[k]
                image = render.image(photo.get("path"), 80 * mm, 60 * mm, f"{label}照片")
                caption = render.p(f"{label}：{photo.get('caption') or ''} {photo.get('taken') or ''}", "small")
                row.append([image, caption] if image else [caption])
            else:
                row.append([render.p(f"{label}：（无照片）", "small")])
        rows.append(row)
    table = Table(rows, colWidths=[86 * mm, 86 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table]


def _flowables(render: Render, block: Any) -> list[Any]:
    if isinstance(block, Para):
        return [render.p(block.text, block.style)]
    if isinstance(block, Gap):
        return [Spacer(1, block.mm * mm)]
    if isinstance(block, Fields):
        return [render.fields(block.rows, blank=False)]
    if isinstance(block, Grid):
        return [render.grid(block.header, block.rows, [x * mm for x in block.widths])]
    if isinstance(block, Signatures):
        return [signatures(render, block)]
    if isinstance(block, Seal):
        return seal(render, block)
    if isinstance(block, Photos):
        return photo_pairs(render, block.photos)
    raise TypeError(block)


def write_pdf(form: Form, path: Path, render: Render) -> Path:
    story = head(render, form)
    tail: list[Any] = []  # from the first signatures on: kept on one page
    for block in form.blocks:
        target = tail if tail or isinstance(block, Signatures) else story
        target.extend(_flowables(render, block))
    if tail:
        story.append(KeepTogether(tail))
    return build(path, story, render, title=form.title)
