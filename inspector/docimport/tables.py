"""Task tables in the body or appendix: tab-separated, Markdown or ``|``-separated text, and Word tables.

Columns are found by their headers (序号, 重点任务, 区领导, 责任单位, 配合单位, 完成时限, 工作要求, 备注), so
a table whose columns come in another order, or with some missing, still reads. A header repeated on every page
is read once; group rows such as ``一、…（小计 3 项）`` are skipped; ``/`` means none; two-character names
printed with a space inside (``蒋 龙``) are joined.
"""

from __future__ import annotations

import functools
import re

from inspector.docimport.model import Table
from inspector.docimport.text import squeeze_cjk_spaces, strip_markup

COLUMN_KEYS = {
    "序号": "number", "编号": "number", "序": "number",
    "重点任务": "task", "主要任务": "task", "工作任务": "task", "任务": "task", "重点工作": "task", "任务名称": "task",
    "工作重点": "task", "目标任务": "task", "项目": "task", "工作事项": "task", "事项": "task",
    "工作内容": "detail", "具体措施": "detail", "工作措施": "detail", "任务内容": "detail", "具体内容": "detail",
    "具体工作": "detail", "主要内容": "detail", "具体任务": "detail", "任务要求": "detail", "措施": "detail",
    "类别": "group", "类型": "group", "领域": "group", "板块": "group", "工作类别": "group", "专项": "group",
    "区领导": "leaders", "市领导": "leaders", "责任领导": "leaders", "分管领导": "leaders", "牵头领导": "leaders",
    "分管区领导": "leaders", "联系领导": "leaders",
    "责任单位": "lead_units", "牵头单位": "lead_units", "责任部门": "lead_units", "牵头部门": "lead_units",
    "主责单位": "lead_units", "责任主体": "lead_units", "牵头责任单位": "lead_units", "实施单位": "lead_units",
    "配合单位": "support_units", "协办单位": "support_units", "配合部门": "support_units",
    "协同单位": "support_units", "参与单位": "support_units", "协作单位": "support_units",
    "牵头": "lead_units", "主责": "lead_units", "配合": "support_units", "协办": "support_units",
    "责任单位牵头": "lead_units", "责任单位配合": "support_units",
    "完成时限": "deadline", "时间节点": "deadline", "完成时间": "deadline", "时限要求": "deadline", "时限": "deadline",
    "进度安排": "deadline", "完成期限": "deadline", "时间安排": "deadline", "推进时间": "deadline",
    "工作要求": "requirements", "工作目标": "requirements", "目标要求": "requirements", "完成标准": "requirements",
    "备注": "note", "说明": "note",
}
LIST_KEYS = {"leaders", "lead_units", "support_units"}
TEXT_KEYS = {"task", "detail"}


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


BY_LENGTH = sorted(((w, k) for w, k in COLUMN_KEYS.items() if len(w) >= 2), key=lambda wk: -len(wk[0]))


@functools.lru_cache(maxsize=4096)
def column_key(column: str) -> str | None:
    """The meaning of a printed column header (``责任单位（部门）`` → ``lead_units``), by its words."""
    name = re.sub(r"\s+|[（(].*?[)）]|[*:：]", "", column)
    if name in COLUMN_KEYS:
        return COLUMN_KEYS[name]
    if len(name) > 12:
        return None
    for words, key in BY_LENGTH:
        if words in name and len(name) <= len(words) + 4:
            return key
    return None


def _is_header(cells: list[str]) -> bool:
    keys = [column_key(c) for c in cells if c.strip()]
    found = {k for k in keys if k}
    return len(found) >= 2 and bool(found & (TEXT_KEYS | {"lead_units"})) and len(found) >= len(keys) * 0.5


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
    """Build a table from rows of cells (text, Word, Excel or PDF); None when no header row is found.

    A row whose only words sit in its first cell (``二、夯实基层基础（小计2项）``) or spread over the whole row is a
    group heading for the rows below it; a header repeated on every page is read once.
    """
    header: list[str] | None = None
    rows: list[dict] = []
    raw: list[dict] = []
    group = ""
    before: list[str] = []
    just_header = False
    for cells in grid:
        cells = [c if isinstance(c, str) else "" for c in cells]
        if not any(c.strip() for c in cells):
            continue
        if header is not None and just_header:
            below = ["" if i < len(header) and re.sub(r"\s+", "", c) == header[i] else c for i, c in enumerate(cells)]
            if _sub_header(header, below):  # merged header cells repeat in the second row: only new words count
                just_header = False
                continue
        if _is_header(cells):
            header = header or [re.sub(r"\s+", "", c) for c in cells]
            just_header = True
            continue
        just_header = False
        if header is None:
            before += [c.strip() for c in cells if c.strip()][:1]
            continue
        values = {c.strip() for c in cells if c.strip()}
        if len(values) == 1 and (cells[0].strip() or len(cells) == 1) and not _numbered_row(cells, header):
            text = cells[0].strip() or next(iter(values))
            if not re.match(r"^(注|说明|备注)[：:]", text):
                group = squeeze_cjk_spaces(re.sub(r"\s*[（(]\s*小计.*?[)）]\s*$", "", text))
            continue
        row, printed = _row(header, cells)
        if not any(printed.get(h) for h in header if column_key(h) in TEXT_KEYS):
            continue
        rows.append(row)
        raw.append({**printed, "_group": group})
    if header is None or not rows:
        return None
    return Table(title=title or (before[0] if before else ""), columns=header, rows=rows, raw=raw)


def _sub_header(header: list[str], cells: list[str]) -> bool:
    """A second header row under a merged one (责任单位 over 牵头 | 配合): the sub-headers name those columns."""
    spots = [i for i, c in enumerate(cells) if c.strip()]
    merged = [i for i in spots if i < len(header) and (header[i] in header[:i] or header[i] in header[i + 1:])]
    if not spots or merged != spots or not all(column_key(cells[i]) or column_key(header[i] + cells[i])
                                                for i in spots):
        return False
    for i in spots:
        sub = re.sub(r"\s+", "", cells[i])
        header[i] = sub if column_key(sub) else header[i] + sub
    return True


def _numbered_row(cells: list[str], header: list[str]) -> bool:
    first = next((i for i, h in enumerate(header) if column_key(h) == "number"), None)
    return first is not None and first < len(cells) and bool(re.fullmatch(r"\d{1,3}", cells[first].strip()))


def join_cell_lines(value: str, names: bool) -> str:
    """A cell's printed lines joined back: wrapped text joins directly; in a unit or leader cell a line that ends
    like a whole name starts the next name (``区应急局\n区建管委``) while ``区市场监管\n局`` is one name."""
    from inspector.docimport.unitgroups import ORG_END

    lines = [ln.strip() for ln in value.split("\n") if ln.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        if names and (ORG_END.search(out) or (len(line) <= 1 and not re.match(r"[局委办部队所站厅院会]", line))):
            out += "、" + line
        elif out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii():
            out += " " + line
        else:
            out += line
    return out


def _row(header: list[str], cells: list[str]) -> tuple[dict, dict]:
    row: dict = {}
    printed: dict = {}
    for name, value in zip(header, cells, strict=False):
        if not name:
            continue
        key = column_key(name)
        if "\n" in value:
            value = join_cell_lines(value, key in LIST_KEYS)
        printed[name] = value.strip()
        if key in LIST_KEYS:
            row[name] = _names_in_cell(value)
        elif key in TEXT_KEYS:
            row[name] = squeeze_cjk_spaces(value.strip())
        else:
            row[name] = "" if value.strip() in {"/", "／"} else value.strip()
    return row, printed


def _names_in_cell(value: str) -> list[str]:
    """Names in a unit or leader cell; a cell written with role words (``A牵头，B配合``) is read as a unit group."""
    from inspector.docimport.unitgroups import ROLE_RE, parse_group

    if ROLE_RE.search(value) or "：" in value:
        group = parse_group(value.replace("\n", "，"))
        if group:
            return [u.name for u in group.units]
    return split_names(value)


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
