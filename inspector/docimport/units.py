"""Responsible units: finding them at the end of a task, splitting them, repairing extraction damage.

A task usually ends with its units in parentheses: ``（区应急局、区消防救援支队、各街镇）`` or
``（牵头单位：…；配合单位：…）``. A parenthesis is taken as units only when it is the last thing in the task and
its parts look like organisations; ``党委（党组）`` in the middle of a sentence is left alone, and a unit's own
parentheses (``区安委会各专委会（办）牵头部门``) are kept.
"""

from __future__ import annotations

import re

from inspector.docimport.model import Unit
from inspector.docimport.text import normalise_name
from inspector.docimport.unitgroups import LABEL_RE, UnitGroup, parse_group

# A unit directory's aliases: short forms towns use for the same body.
ALIASES = {
    "区应急管理局": "区应急局",
    "市应急管理局": "市应急局",
    "区消防支队": "区消防救援支队",
    "市人社局": "市人力资源社会保障局",
    "区人社局": "区人力资源社会保障局",
    "区市场监督管理局": "区市场监管局",
    "区卫健委": "区卫生健康委",
    "区生态局": "区生态环境局",
    "区发展改革委": "区发改委",
}


def canonical(name: str) -> str:
    """The directory key of a unit name: width and spaces folded, aliases resolved."""
    key = normalise_name(name)
    return ALIASES.get(key, key)


def _matching_open(text: str, close_at: int) -> int | None:
    depth = 0
    for i in range(close_at, -1, -1):
        ch = text[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                return i
    return None


def split_trailing_group(text: str) -> tuple[str, UnitGroup | None]:
    """Split ``text`` into the task text and the unit group in its last bracket (before or after the final 。)."""
    stripped = text.rstrip().rstrip("。.； ")
    tail = ""
    if not stripped.endswith(("）", ")")):
        stripped, tail = _deadline_after_bracket(stripped)
        if not tail:
            return text, None
    start = _matching_open(stripped, len(stripped) - 1)
    if start is None:
        return text, None
    group = parse_group(stripped[start + 1 : -1])
    if group is None:
        return text, None
    body = stripped[:start].rstrip()
    if (tail or text.rstrip().endswith(("。", "."))) and not body.endswith(("。", "！", "？", "；")):
        body += "。"
    if tail:
        body += tail + ("。" if text.rstrip().endswith("。") else "")
    return body, group


def _deadline_after_bracket(text: str) -> tuple[str, str]:
    """``…（区应急局）。2024年6月底前完成`` → the part up to the bracket, and the short deadline sentence after it."""
    from inspector.docimport.unitgroups import DEADLINE_HINT

    m = re.search(r"[）)]\s*[。，,；;]\s*([^（）()。，,；;]{2,24})$", text)
    if not m or not DEADLINE_HINT.search(m.group(1)):
        return text, ""
    return text[: m.start() + 1], m.group(1).strip()


LABEL_LINE_RE = re.compile(r"(?:^|(?<=[\n。；;]))\s*[【\[〔]?(?:牵头|责任|主责|配合|协办|完成时限|完成时间|时间节点)")


def split_label_tail(text: str) -> tuple[str, UnitGroup | None]:
    """Units written after the task as labelled words (``责任单位：区应急局；完成时限：6月底前``), on their own line
    or as the task's last sentences; the label must start a line or a sentence."""
    for m in LABEL_LINE_RE.finditer(text):
        tail = text[m.start():].strip()
        if not LABEL_RE.match(tail):
            continue
        group = parse_group(tail.replace("\n", "；"))
        if group is not None or _only_deadline(tail):
            return text[: m.start()].rstrip(), group or UnitGroup(deadline_text=_only_deadline(tail))
    return text, None


def _only_deadline(tail: str) -> str | None:
    m = re.match(r"[【\[〔]?(?:完成时限|完成时间|时间节点)[】\]〕]?\s*[：:]\s*(.+)", tail)
    return m.group(1).strip("。； ") if m else None


def split_trailing_units(text: str) -> tuple[str, list[Unit] | None]:
    """Split ``text`` into the task text and its trailing unit list (None when there is none)."""
    body, group = split_trailing_group(text)
    return (body, group.units) if group else (text, None)


def parse_unit_list(inner: str) -> list[Unit]:
    """Units in a bracket, with roles from labels and role words; [] when the bracket is not a unit list."""
    group = parse_group(inner)
    return group.units if group else []


def repair_units(tasks_units: list[list[Unit]]) -> None:
    """Fix names damaged by extraction using the names the same document spells correctly elsewhere.

    A character repeated across a page break (``社会保障障局``) and a missing separator
    (``区应急局区消防救援支队``) are both repaired in place against the set of names seen intact.
    """
    counts: dict[str, int] = {}
    for units in tasks_units:
        for u in units:
            counts[canonical(u.name)] = counts.get(canonical(u.name), 0) + 1
    for units in tasks_units:
        fixed: list[Unit] = []
        for u in units:
            fixed.extend(_repair_one(u, counts))
        units[:] = fixed


def _repair_one(unit: Unit, counts: dict[str, int]) -> list[Unit]:
    name = canonical(unit.name)
    for i in range(1, len(name)):
        if name[i] == name[i - 1]:
            candidate = name[:i] + name[i + 1 :]
            if counts.get(candidate) or counts.get(ALIASES.get(candidate, "")):
                return [Unit(candidate, unit.role)]
    if counts.get(name, 0) > 1:
        return [unit]
    parts = _segment(name, {n for n in counts if n != name})
    if parts and len(parts) > 1:
        return [Unit(p, unit.role) for p in parts]
    return [unit]


def _segment(name: str, known: set[str]) -> list[str] | None:
    """Split a run of names with no separator into known names, longest first; None if impossible."""
    if not name:
        return []
    for size in range(len(name), 1, -1):
        head = name[:size]
        if head in known:
            rest = _segment(name[size:], known)
            if rest is not None:
                return [head, *rest]
    return None
