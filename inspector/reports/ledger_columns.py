"""The ledger's column widths, measured from its content: a credit code or a date never breaks across lines,
a unit's name takes at most two, and 隐患描述 takes what is left of the landscape page.

Measuring every row of a 100,000-row ledger would read the data twice; the widths are taken from a bounded,
evenly spread sample of the rows instead (:data:`SAMPLE` rows whatever the ledger's length), so a row outside
the sample that is longer than all of it wraps one line more rather than costing a second pass. When the page
is too narrow for the measured columns at the ledger's font size, the font steps down (8 → 6.5 pt) before
anything is allowed to wrap further.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

SAMPLE = 600
PAD = 2 * 2.5 + 1  # grid_style's cell padding on both sides, and a point of slack
SIZES = (8, 7.5, 7, 6.5)
FLEX = "description"
MIN_FLEX = 48 * mm
HEAD_EXTRA = 1.5  # the header's size over the cells' (9.5 pt over 8)
# lines a column's longest value may take; columns not named take two
LINES = {"no": 1, "found_on": 1, "deadline": 1, "closed_on": 1, "credit_code": 1, "grade": 1, "type": 1,
         "town": 1, "contact": 1}
CAP = 46 * mm  # no column but 隐患描述 wider than this


@dataclass
class Geometry:
    widths: list[float]
    style: ParagraphStyle
    head: ParagraphStyle


def sample(rows: Sequence[Any]) -> Sequence[Any]:
    """At most :data:`SAMPLE` rows, spread evenly over the whole ledger (its first row included)."""
    step = max(1, len(rows) // SAMPLE)
    return rows[::step][:SAMPLE]


def _width(key: str, header: str, values: list[str], font: str, size: float, head_size: float) -> float:
    lines = LINES.get(key, 2)
    head = max((stringWidth(part, font, head_size) for part in _head_lines(header)), default=0)
    longest = 0.0
    for value in values:
        parts = value.split("\n") if lines == 1 else [value]
        longest = max(longest, *(stringWidth(p, font, size) for p in parts))
    text = longest / lines + (size if lines > 1 else 0)  # a wrapped line breaks before a character
    return min(CAP, max(head, text) + PAD)


def _head_lines(header: str) -> list[str]:
    """A header may wrap to two lines (“统一社会 / 信用代码”)."""
    half = (len(header) + 1) // 2
    return [header[:half], header[half:]] if len(header) > 3 else [header]


def geometry(columns: list[tuple[str, str, int, int]], rows: Sequence[dict[str, Any]], total: float,
             base: ParagraphStyle, head: ParagraphStyle) -> Geometry:
    """Column widths (points) for ``total`` points of page and the cell and header styles at the size that
    fits."""
    picked = sample(rows)
    values = {key: [_text(r.get(key)) for r in picked] for key, *_ in columns}
    for size in SIZES:
        widths = [0.0 if key == FLEX else _width(key, header, values[key], base.fontName, size, size + HEAD_EXTRA)
                  for key, header, *_ in columns]
        if total - sum(widths) >= MIN_FLEX or size == SIZES[-1]:
            break
    rest = total - sum(widths)
    if rest < MIN_FLEX:  # even the smallest size is too wide: the two-line columns give up room evenly
        wrapped = [i for i, (key, *_) in enumerate(columns) if key != FLEX and LINES.get(key, 2) > 1]
        cut = (MIN_FLEX - rest) / max(1, len(wrapped))
        for i in wrapped:
            widths[i] = max(widths[i] - cut, 8 * mm)
        rest = total - sum(widths)
    widths = [rest if key == FLEX else w for (key, *_), w in zip(columns, widths, strict=True)]
    style = ParagraphStyle(f"ledger{size}", parent=base, fontSize=size, leading=round(size * 1.35, 1))
    head_style = ParagraphStyle(f"ledger-head{size}", parent=head, fontSize=size + HEAD_EXTRA,
                                leading=round((size + HEAD_EXTRA) * 1.35, 1))
    return Geometry(widths, style, head_style)


def _text(value: Any) -> str:
    return "" if value is None else str(value)
