"""Task tables in the body or appendix: tab-separated, Markdown or ``|``-separated text, and Word tables.

Columns are found by their headers (序号, 重点任务, 区领导, 责任单位, 配合单位, 完成时限, 工作要求, 备注), so
a table whose columns come in another order, or with some missing, still reads. A header repeated on every page
is read once; group rows such as ``一、…（小计 3 项）`` are skipped; ``/`` means none; two-character names
printed with a space inside (``蒋 龙``) are joined.
"""

from __future__ import annotations

import re

from inspector.docimport.model import Table
from inspector.docimport.text import squeeze_cjk_spaces, strip_markup

COLUMN_KEYS = {
    "序号": "number",
    "编号": "number",
    "重点任务": "task",
    "主要任务": "task",
    "工作任务": "task",
    "任务": "task",
    "区领导": "leaders",
    "市领导": "leaders",
    "责任领导": "leaders",
    "责任单位": "lead_units",
    "牵头单位": "lead_units",
    "配合单位": "support_units",
    "协办单位": "support_units",
    "完成时限": "deadline",
    "时间节点": "deadline",
    "工作要求": "requirements",
    "备注": "note",
}
LIST_KEYS = {"leaders", "lead_units", "support_units"}


def _cells(line: str) -> list[str] | None:
    if "\t" in line:
        return [strip_markup(c) for c in line.rstrip("\n").split("\t")]
    line = strip_markup(line)
    if line.startswith("|") or line.count("|") >= 2:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            return []  # Markdown separator row
        return cells
    return None


def _is_header(cells: list[str]) -> bool:
    keys = [COLUMN_KEYS.get(re.sub(r"\s+", "", c)) for c in cells]
    return "number" in keys and sum(1 for k in keys if k) >= 3


def split_names(cell: str) -> list[str]:
    """People or units separated by spaces or 、; single characters are halves of a name (蒋 龙)."""
    cell = cell.strip()
    if cell in {"", "/", "／", "无", "—"}:
        return []
    tokens = [t for t in re.split(r"[\s、，,；;]+", cell) if t]
    out: list[str] = []
    pending = ""
    for tok in tokens:
        if len(tok) == 1:
            pending += tok
            if len(pending) == 2:
                out.append(pending)
                pending = ""
        else:
            if pending:
                out.append(pending)
                pending = ""
            out.append(tok)
    if pending:
        out.append(pending)
    return out


def rows_from_cells(title: str, grid: list[list[str]]) -> Table | None:
    """Build a table from rows of cells (text or Word); None when no header row is found."""
    header: list[str] | None = None
    rows: list[dict] = []
    for cells in grid:
        if not cells:
            continue
        if _is_header(cells):
            header = header or [re.sub(r"\s+", "", c) for c in cells]
            continue
        if header is None or not re.fullmatch(r"\d{1,3}", cells[0].strip()):
            continue  # a group row (一、…（小计 3 项）) or a note
        row: dict = {}
        for name, value in zip(header, cells, strict=False):
            key = COLUMN_KEYS.get(name)
            if key in LIST_KEYS:
                row[name] = split_names(value)
            elif key == "task":
                row[name] = squeeze_cjk_spaces(value.strip())
            else:
                row[name] = "" if value.strip() in {"/", "／"} else value.strip()
        rows.append(row)
    if header is None or not rows:
        return None
    return Table(title=title, columns=header, rows=rows)


def find_tables(lines: list[str]) -> list[Table]:
    """All task tables in a text; consecutive table lines (blank lines allowed) form one table."""
    tables: list[Table] = []
    grid: list[list[str]] = []
    title = ""
    last_text = ""
    for line in [*lines, "END"]:
        cells = _cells(line) if line.strip() else []
        if cells is None:
            if grid:
                table = rows_from_cells(title, grid)
                if table:
                    tables.append(table)
                grid = []
            last_text = strip_markup(line) or last_text
            continue
        if not grid:
            title = last_text
        grid.append(cells)
    return tables


def column_key(column: str) -> str | None:
    """The meaning of a printed column header (``责任单位`` → ``lead_units``)."""
    return COLUMN_KEYS.get(column)
