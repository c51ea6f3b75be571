"""Task tables as tasks: each row a task with its units and deadline, each group cell its parent.

A table that only summarises tasks already written in the body (the Putuo appendix: most rows name a body task)
stays a table. A table whose rows the body does not hold — a 任务分解表 in an appendix, an Excel task list, a
PDF whose tasks are all in a ruled table — gives its rows as tasks under a section named after the group cell
(``一、压实安全责任`` merged down several rows, or a group row across the table) or after the table's title.
"""

from __future__ import annotations

import re

from inspector.docimport.deadlines import deadline_of_cell, find_deadline
from inspector.docimport.model import SECTION, SUBSECTION, TASK, Node, Table, Unit
from inspector.docimport.tables import column_key
from inspector.docimport.text import SECTION_RE, squeeze_cjk_spaces
from inspector.docimport.unitgroups import LEAD, SUPPORT, UnitGroup, parse_group, split_names


def is_summary(table: Table) -> bool:
    """Most rows were matched to a task of the body: the table repeats the body, it adds no tasks."""
    linked = sum(1 for r in table.rows if r.get("task_index") is not None)
    return bool(table.rows) and linked * 2 >= len(table.rows)


def table_nodes(table: Table, year: int | None, first_index: int) -> list[Node]:
    """The rows of ``table`` as nodes to append at ``first_index`` of an outline's items."""
    cols = _columns(table)
    nodes: list[Node] = []
    section: int | None = None
    sub: int | None = None
    last_group = last_sub = None
    for k, (row, printed) in enumerate(zip(table.rows, table.raw or table.rows, strict=False)):
        group = str(printed.get("_group") or "") or _cell(printed, cols.get("group")) or table.title or "任务清单"
        if group != last_group or section is None:
            number, title = _numbered(group)
            section = first_index + len(nodes)
            nodes.append(Node(SECTION, number, title, group))
            last_group, last_sub, sub = group, None, None
        parent = section
        task_text = _cell(printed, cols.get("task"))
        detail = _cell(printed, cols.get("detail"))
        if detail and task_text:
            if task_text != last_sub:
                sub = first_index + len(nodes)
                nodes.append(Node(SUBSECTION, "", task_text, task_text, parent=section))
                last_sub = task_text
            parent = sub
            text = detail
        else:
            text = detail or task_text
        row["task_index"] = first_index + len(nodes)
        nodes.append(_task(text, _cell(printed, cols.get("number")) or str(k + 1), parent, printed, cols, year))
    return nodes


def _columns(table: Table) -> dict[str, str]:
    cols: dict[str, str] = {}
    for name in table.columns:
        key = column_key(name)
        if key and key not in cols:
            cols[key] = name
    return cols


def _cell(row: dict, column: str | None) -> str:
    if column is None:
        return ""
    value = row.get(column, "")
    if isinstance(value, list):
        value = "、".join(value)
    value = str(value).strip()
    return "" if value in {"/", "／", "—", "-", "无"} else value


def _numbered(group: str) -> tuple[str, str]:
    m = SECTION_RE.match(group)
    return (group[: m.end()].strip(), group[m.end():].strip()) if m else ("", group)


def _task(text: str, number: str, parent: int, row: dict, cols: dict[str, str], year: int | None) -> Node:
    text = squeeze_cjk_spaces(re.sub(r"\s*\n\s*", "\n", text))
    node = Node(TASK, number.rstrip("、.．"), "", text, parent=parent)
    group = UnitGroup()
    for key, role in (("lead_units", LEAD), ("support_units", SUPPORT)):
        _add_units(group, _cell(row, cols.get(key)), role)
    node.units = _unique(group.units)
    node.note = "；".join(group.notes)
    node.title = _title(text)
    deadline = _cell(row, cols.get("deadline")) or group.deadline_text
    found = deadline_of_cell(deadline, year) if deadline else find_deadline(text, year)
    if found:
        node.deadline, node.deadline_rule = found.date, found.rule
        node.deadline_text = deadline or found.text
    elif deadline:
        node.deadline_text = deadline
    return node


def _add_units(group: UnitGroup, cell: str, role: str) -> None:
    """A unit cell: a plain list takes the column's role; role words inside the cell decide for themselves."""
    if not cell:
        return
    cell = cell.replace("\n", "；" if re.search(r"[：:]", cell) else "、")
    parsed = parse_group(cell)
    if parsed is None:
        group.units += [Unit(name, role) for name in split_names(cell)]
        return
    plain = role == SUPPORT and all(u.role == LEAD for u in parsed.units)
    group.units += [Unit(u.name, SUPPORT if plain else u.role) for u in parsed.units]
    group.notes += parsed.notes
    group.deadline_text = group.deadline_text or parsed.deadline_text


def _unique(units: list[Unit]) -> list[Unit]:
    seen: set[str] = set()
    out = []
    for u in units:
        if u.name not in seen:
            seen.add(u.name)
            out.append(u)
    return out


def _title(text: str) -> str:
    head = re.split(r"[。；;\n]", text, maxsplit=1)[0]
    return head if len(head) <= 40 else head[:40] + "…"
