"""Corrections an officer makes to a parsed outline before saving: merge, split, promote, demote, edit units.

Pure functions over :class:`Outline` so that the preview dialog stays thin and the behaviour is tested without Qt.
Indices refer to ``outline.items``; parents are kept consistent after every change.
"""

from __future__ import annotations

import re

from inspector.docimport.deadlines import find_deadline
from inspector.docimport.model import SECTION, SUBSECTION, SUBTASK, TASK, Node, Outline, Unit

LEVELS = [SECTION, SUBSECTION, TASK, SUBTASK]


def _reindex(outline: Outline, removed: int | None = None, inserted: int | None = None) -> None:
    for node in outline.items:
        if node.parent is None:
            continue
        if removed is not None and node.parent > removed:
            node.parent -= 1
        if inserted is not None and node.parent >= inserted:
            node.parent += 1


def merge_with_next(outline: Outline, index: int) -> None:
    """Join a task with the next task of the same kind: texts concatenated, units combined, children moved."""
    node = outline.items[index]
    nxt = next((j for j in range(index + 1, len(outline.items)) if outline.items[j].kind == node.kind), None)
    if nxt is None:
        raise ValueError("后面没有可合并的同级条目。")
    other = outline.items[nxt]
    node.text = f"{node.text}\n{other.text}"
    names = {u.name for u in node.units}
    node.units += [u for u in other.units if u.name not in names]
    node.deadline = node.deadline or other.deadline
    node.deadline_text = node.deadline_text or other.deadline_text
    for child in outline.items:
        if child.parent == nxt:
            child.parent = index
    del outline.items[nxt]
    _reindex(outline, removed=nxt)


def split(outline: Outline, index: int, at: int | None = None) -> int:
    """Cut a task's text in two at character ``at`` (default: the first line break, else the first 。)."""
    node = outline.items[index]
    text = node.text
    if at is None:
        at = text.find("\n") + 1 if "\n" in text else text.find("。") + 1
    if at <= 0 or at >= len(text.rstrip()):
        raise ValueError("该条目只有一句，无法拆分。")
    first, second = text[:at].rstrip(), text[at:].strip()
    node.text = first
    new = Node(node.kind, f"{node.number}-2", _short(second), second, parent=node.parent,
               units=[Unit(u.name, u.role) for u in node.units])
    found = find_deadline(second, None)
    if found:
        new.deadline, new.deadline_text = found.date, found.text
    outline.items.insert(index + 1, new)
    _reindex(outline, inserted=index + 1)
    return index + 1


def _short(text: str) -> str:
    head = text.split("。", 1)[0]
    return head[:40]


def promote(outline: Outline, index: int) -> None:
    """One level up: a sub-task becomes a task of the same parent's parent, a task becomes a subsection."""
    node = outline.items[index]
    level = LEVELS.index(node.kind)
    if level == 0:
        raise ValueError("章节已是最高一级。")
    node.kind = LEVELS[level - 1]
    parent = outline.items[node.parent] if node.parent is not None else None
    node.parent = parent.parent if parent is not None and LEVELS.index(parent.kind) >= level - 1 else node.parent
    if node.kind == SECTION:
        node.parent = None
    _adopt_following(outline, index)


def demote(outline: Outline, index: int) -> None:
    """One level down, under the nearest earlier node of the current level."""
    node = outline.items[index]
    level = LEVELS.index(node.kind)
    if level == len(LEVELS) - 1:
        raise ValueError("子任务已是最低一级。")
    new_parent = next((j for j in range(index - 1, -1, -1) if outline.items[j].kind == node.kind), None)
    if new_parent is None:
        raise ValueError("前面没有同级条目，无法降级。")
    for child in outline.items:
        if child.parent == index:
            child.parent = new_parent
    node.kind = LEVELS[level + 1]
    node.parent = new_parent


def _adopt_following(outline: Outline, index: int) -> None:
    """After a promotion, later siblings that were under the same parent now belong to the promoted node."""
    node = outline.items[index]
    level = LEVELS.index(node.kind)
    for j in range(index + 1, len(outline.items)):
        other = outline.items[j]
        if LEVELS.index(other.kind) <= level:
            break
        if other.parent is not None and LEVELS.index(outline.items[other.parent].kind) < level:
            other.parent = index


def set_units(node: Node, lead: str, support: str) -> None:
    """Units typed by the officer, separated by 、，, ; or spaces."""
    parts = [(role, name) for role, text in (("lead", lead), ("support", support))
             for name in re.split(r"[、，,；;\s]+", text) if name]
    node.units = [Unit(name, role) for role, name in parts]


def set_deadline(node: Node, text: str, year: int | None) -> None:
    """A deadline typed as an ISO date or as the document words it (``6月底前``); empty clears it."""
    text = text.strip()
    if not text:
        node.deadline = node.deadline_text = None
        return
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        node.deadline, node.deadline_text = text, node.deadline_text or text
        return
    found = find_deadline(text, year)
    if found is None or (found.date is None and found.rule is None):
        raise ValueError(f"无法识别期限“{text}”，请写成 2026-06-30 或“6月底前”。")
    node.deadline, node.deadline_text, node.deadline_rule = found.date, found.text, found.rule
