"""Excel task lists (.xlsx through openpyxl, .xls through xlrd): every sheet's task table, merged cells filled.

A 任务分解表 usually has a title row merged across the sheet, a header row (序号, 重点任务, 牵头单位…), group cells
merged down several rows and sometimes a second header row. Merged cells are filled with their value so that
each row carries its own group, leader and units. Sheets are bounded in cells so that a hostile file costs at
most a little more than a real one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from inspector.docimport.model import Table
from inspector.docimport.reading import RawDocument
from inspector.docimport.tables import rows_from_cells
from inspector.errors import ImportFailed

MAX_CELLS = 400_000
MAX_COLUMNS = 60
MAX_SHEET_XML = 60 * 1024 * 1024


def read_xlsx(path: Path) -> RawDocument:
    import zipfile

    import openpyxl

    with zipfile.ZipFile(path) as zf:
        members = [i for i in zf.infolist() if i.filename.startswith("xl/worksheets/")]
        sheets = sum(i.file_size for i in members)
        if sheets > MAX_SHEET_XML:
            raise ImportFailed(f"Excel 文件“{path.name}”的表格过大（{sheets // 1048576} MB）。",
                               "任务分解表通常只有几百行；请删去无关的工作表或拆分后再导入。")
        merged = sum(_merged_area(zf, i) for i in members)
    if merged > MAX_CELLS:
        raise ImportFailed(f"Excel 文件“{path.name}”中合并的单元格过多（共 {merged} 个），不像是任务分解表。",
                           "请在 Excel 或 WPS 中取消大范围的合并单元格（或只复制任务表到新文件）后再导入。")
    try:
        with path.open("rb") as f:  # a file object: openpyxl would refuse a workbook named .docx by its name
            book = openpyxl.load_workbook(f, read_only=False, data_only=True)
    except Exception as exc:
        raise ImportFailed(f"无法读取 Excel 文件“{path.name}”（文件可能已损坏）。",
                           "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。") from exc
    grids = []
    for sheet in book.worksheets:
        rows = min(sheet.max_row or 0, MAX_CELLS // max(min(sheet.max_column or 1, MAX_COLUMNS), 1))
        cols = min(sheet.max_column or 0, MAX_COLUMNS)
        grid = [[_cell_text(v) for v in row]
                for row in sheet.iter_rows(min_row=1, max_row=rows, max_col=cols, values_only=True)]
        for merged in sheet.merged_cells.ranges:
            _fill(grid, merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1)
        grids.append((sheet.title, grid))
    return _document(grids)


MERGE_RE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=[\"']([A-Za-z]{1,3})(\d{1,7})(?::([A-Za-z]{1,3})(\d{1,7}))?")


def _merged_area(zf: Any, info: Any) -> int:
    """The cells a sheet's merged ranges cover, read from its XML in chunks before openpyxl loads it: openpyxl
    makes an object for every merged cell, so one range ``A1:XFD1048576`` in a file of a few KB would take
    hours and all the memory."""
    from openpyxl.utils import column_index_from_string

    area, tail = 0, b""
    with zf.open(info) as fh:
        while block := fh.read(1 << 20):
            data = tail + block
            end = 0
            for m in MERGE_RE.finditer(data):
                c0, r0, c1, r1 = m.group(1), int(m.group(2)), m.group(3) or m.group(1), int(m.group(4) or m.group(2))
                try:
                    cols = abs(column_index_from_string(c1.upper().decode()) -
                               column_index_from_string(c0.upper().decode())) + 1
                except ValueError:
                    cols = 16384
                area += cols * (abs(r1 - r0) + 1)
                end = m.end()
            tail = data[max(end, len(data) - 200):]
    return area


def read_xls(path: Path) -> RawDocument:
    try:
        import xlrd
    except ImportError as exc:  # pragma: no cover - xlrd is a dependency
        raise ImportFailed(f"“{path.name}”是旧版 Excel 格式（.xls）。",
                           "请在 Excel 或 WPS 中另存为 .xlsx 后再导入。") from exc
    try:
        book = xlrd.open_workbook(str(path), formatting_info=False, on_demand=True)
    except Exception as exc:
        raise ImportFailed(f"无法读取 Excel 文件“{path.name}”（文件可能已损坏）。",
                           "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。") from exc
    grids = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            cols = min(sheet.ncols, MAX_COLUMNS)
            rows = min(sheet.nrows, MAX_CELLS // max(cols, 1))
            grid = [[_xls_text(sheet.cell_value(r, c)) for c in range(cols)] for r in range(rows)]
            for r0, r1, c0, c1 in getattr(sheet, "merged_cells", []):
                _fill(grid, r0, c0, r1 - 1, c1 - 1)
            grids.append((sheet.name, grid))
    finally:
        book.release_resources()
    return _document(grids)


def _cell_text(value) -> str:
    """A cell as text: a date cell as an ISO date (a deadline column often holds real dates), 3.0 as 3."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xls_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _fill(grid: list[list[str]], r0: int, c0: int, r1: int, c1: int) -> None:
    """Give every cell of a merged range the value of its top-left cell."""
    if r0 >= len(grid):
        return
    value = grid[r0][c0] if c0 < len(grid[r0]) else ""
    for r in range(r0, min(r1, len(grid) - 1) + 1):
        for c in range(c0, min(c1, len(grid[r]) - 1) + 1):
            grid[r][c] = value


def _document(grids: list[tuple[str, list[list[str]]]]) -> RawDocument:
    """The title rows above each sheet's header are the document's text; the tables are its tasks."""
    lines: list[str] = []
    tables: list[Table] = []
    for name, grid in grids:
        table = rows_from_cells("", grid)
        if table is None:
            continue
        title = table.title or name
        table.title = title
        lines += [title, ""]
        tables.append(table)
    warnings = [] if tables else ["表格中没有找到“序号、主要任务、责任单位”等表头，未识别出任务。"]
    return RawDocument("\n".join(lines), tables, warnings)
