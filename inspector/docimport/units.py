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

ORG_HINT = re.compile(
    r"(局|委|办|部|处|室|厅|院|会|队|所|站|中心|公司|集团|政府|街镇|街道|镇|单位|部门|成员|支队|总队|分局|团区委|团市委)"
)
LABELS = {
    "牵头单位": "lead",
    "责任单位": "lead",
    "主责单位": "lead",
    "责任部门": "lead",
    "牵头部门": "lead",
    "配合单位": "support",
    "协办单位": "support",
    "配合部门": "support",
}
LABEL_RE = re.compile("(" + "|".join(LABELS) + r")\s*[：:]\s*")
SEPARATORS = "、，,；; \u3000"

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


def split_trailing_units(text: str) -> tuple[str, list[Unit] | None]:
    """Split ``text`` into the task text and its trailing unit list (None when there is none)."""
    stripped = text.rstrip().rstrip("。 ")
    if not stripped.endswith(("）", ")")):
        return text, None
    start = _matching_open(stripped, len(stripped) - 1)
    if start is None:
        return text, None
    inner = stripped[start + 1 : -1]
    units = parse_unit_list(inner)
    if not units:
        return text, None
    return stripped[:start].rstrip(), units


def _split_top_level(text: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if depth == 0 and ch in SEPARATORS:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [re.sub(r"\s+", "", p) for p in parts if p.strip()]


def parse_unit_list(inner: str) -> list[Unit]:
    """Units in a parenthesis, with roles from labels; [] when the parenthesis is not a unit list."""
    inner = inner.strip()
    if not inner:
        return []
    role_chunks: list[tuple[str, str]] = []
    labels = list(LABEL_RE.finditer(inner))
    if labels:
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(inner)
            role_chunks.append((LABELS[m.group(1)], inner[m.end() : end]))
    else:
        role_chunks.append(("lead", inner))
    units = [Unit(name, role) for role, chunk in role_chunks for name in _split_top_level(chunk)]
    units = [u for u in units if u.name not in {"/", "无"}]
    if any(len(u.name) < 2 for u in units):
        return []  # (办), (冬): a word in brackets, not a unit list
    if not units:
        return []
    looks_like_units = sum(1 for u in units if ORG_HINT.search(u.name) and len(u.name) <= 30)
    if labels or looks_like_units == len(units):
        return units
    return []


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
