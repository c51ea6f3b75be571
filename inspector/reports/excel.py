"""Every Excel file the program writes: streamed (openpyxl's write-only mode), text always text.

A district's ledger has 100,000 rows; openpyxl's ordinary workbook keeps an object per cell until it saves, the
write-only one writes each row as it comes. And a record's text is whatever an officer or a package typed: a
description that starts with ``=`` (or ``+ - @``, which Excel and other spreadsheets also take as the start of
a formula when a cell is edited or a file is converted) must reach the sheet as text, never as a formula — so
every string goes through :func:`text_cell`, which writes it as a string cell whatever its first character.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from inspector.reports.xmltext import xml_safe

WRAP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)


def text_cell(sheet: Any, value: Any, font: Font | None = None, alignment: Alignment | None = None) -> WriteOnlyCell:
    """A cell of a write-only sheet; a string is stored as a string (never a formula, whatever it starts
    with, and without the characters XML cannot hold), an ISO date ``YYYY-MM-DD`` as a date, a number as a number."""
    text = type(value) is str
    if text:
        value = xml_safe(value)  # a control character would fail the whole sheet
    if text and len(value) == 10 and value[4] == "-" and value[7] == "-":
        with contextlib.suppress(ValueError):
            value, text = date.fromisoformat(value), False
    cell = WriteOnlyCell(sheet, value=value)
    if text:
        cell.data_type = "s"  # openpyxl would make “=…” a formula
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def write_table(path: Path, title: str, header: list[str], widths: list[float],
                rows: Iterable[list[Any]], wrap: bool = True) -> int:
    """One sheet: a bold header row (frozen), the rows as they come, column widths in characters; returns the
    number of data rows written."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([text_cell(sheet, h, font=BOLD) for h in header])
    count = 0
    alignment = WRAP if wrap else None
    for row in rows:
        sheet.append([text_cell(sheet, v, None, alignment) for v in row])
        count += 1
    book.save(path)
    return count
