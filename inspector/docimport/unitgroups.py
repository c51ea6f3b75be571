"""A unit group — the words that say who does a task — read into units with roles, a note and a deadline.

Issuers write the same thing many ways::

    （区应急局、各街镇）                       plain list: every unit leads
    （区建管委牵头，各街镇、区市场监管局配合）     role words after the names
    （区应急局会同区消防救援支队负责）             会同: the first leads, the others support
    （牵头单位：区应急局；配合单位：各街镇）       labels; 完成时限： gives the deadline
    （区应急局牵头，各部门按职责分工负责，以下不再列出）   an explaining clause is a note, not a unit

Role words are roles, never part of a name: ``区应急局牵头`` is the unit 区应急局 with the role lead. A role word
counts only where it ends a run of names (``区安委会各专委会（办）牵头部门`` keeps its 牵头, which a name follows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inspector.docimport.model import Unit

LEAD, SUPPORT = "lead", "support"
ORG_HINT = re.compile(
    r"(局|委|办|部|处|室|厅|院|会|队|所|站|中心|公司|集团|政府|街镇|街道|镇|乡|单位|部门|成员|支队|总队|分局|团区委|"
    r"团市委|企业|园区|小组|社区|村|居委|学校|银行|海关|海事|法院|检察|工会|妇联|协会|机构|各区|区县|各县|平台)"
)
ORG_END = re.compile(r"(?:" + ORG_HINT.pattern + r")[）)]?$")
NOTE_HINT = re.compile(r"不再|下同|以下|均[需由要应]|列出|列举|做好|相关工作|按照|根据|承担|各自|涉及|其中|包括|的|"
                       r"确保|要求|责任$|属地责任|重点|是|加强|开展|推进|完成|建立|实行|视情|另行|同上|详见|参照")
LABEL_ROLES = {
    "牵头单位": LEAD, "牵头部门": LEAD, "责任单位": LEAD, "责任部门": LEAD, "主责单位": LEAD, "主责部门": LEAD,
    "主办单位": LEAD, "承办单位": LEAD, "实施单位": LEAD, "落实单位": LEAD, "牵头": LEAD, "责任": LEAD,
    "配合单位": SUPPORT, "配合部门": SUPPORT, "协办单位": SUPPORT, "协同单位": SUPPORT, "协作单位": SUPPORT,
    "参与单位": SUPPORT, "协助单位": SUPPORT, "支持单位": SUPPORT, "配合": SUPPORT, "协办": SUPPORT,
    "完成时限": "deadline", "完成时间": "deadline", "时间节点": "deadline", "时限要求": "deadline", "时限": "deadline",
    "进度安排": "deadline", "完成期限": "deadline",
    "责任领导": "note", "分管领导": "note", "牵头领导": "note", "责任人": "note", "联系人": "note",
}
LABEL_RE = re.compile(
    r"(?:^|(?<=[；;，,。、\s]))[【\[〔]?(" + "|".join(sorted(LABEL_ROLES, key=len, reverse=True))
    + r")(?:[】\]〕]\s*[：:]?|\s*[：:])\s*"
)
SUPPORT_WORDS = ("按职责分工负责", "按职责分工落实", "按职能分工负责", "按职责负责", "按职责落实", "分工负责",
                 "配合落实", "配合", "协同", "协助", "协办", "参与", "督促指导", "指导督促", "业务指导", "指导", "支持")
LEAD_WORDS = ("分别牵头", "牵头负责", "牵头落实", "共同牵头", "牵头", "主责", "负责落实", "具体负责", "共同负责",
              "负责", "组织实施", "具体落实", "抓好落实", "落实", "主办")
ROLE_RE = re.compile(
    r"(?<![（(])(" + "|".join(sorted(SUPPORT_WORDS + LEAD_WORDS, key=len, reverse=True)) + r")(?=$|[、，,；;\s）)])"
)
SHARED_WORDS = ("分工负责", "按职责", "按职能")  # support after a lead, lead when nobody else leads
JOINT_RE = re.compile(r"会同|联合|协调")
DEADLINE_HINT = re.compile(r"\d{1,2}\s*月|年底|年内|年末|季度|上半年|下半年|长期|持续|每月|每年|每季|\d{4}\s*年")


@dataclass
class UnitGroup:
    """What a unit bracket or a 责任单位 line says: units with roles, any explaining words, a deadline."""

    units: list[Unit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    deadline_text: str | None = None


def looks_like_unit(name: str) -> bool:
    """An organisation's name rather than words: short, with an organisation word, without a verb phrase."""
    if not 2 <= len(name) <= 30 or not ORG_HINT.search(name):
        return False
    bare = re.sub(r"[（(][^（）()]*[)）]", "", name)  # a unit's own brackets (办) may hold anything
    return not NOTE_HINT.search(bare) and not re.search(r"[，。；：:;,\d]", bare)


def split_top_level(text: str, separators: str = "、，,；;/／") -> list[str]:
    """Split on separators outside brackets, so ``区安委会各专委会（办、室）`` stays one part."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(depth - 1, 0)
        if depth == 0 and ch in separators:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def split_names(text: str) -> list[str]:
    """Names in a list; a space separates two names only where the left part ends like a name itself."""
    out: list[str] = []
    for part in split_top_level(text):
        pending = ""
        for tok in part.replace("\u3000", " ").split():
            pending += tok
            if ORG_END.search(pending):
                out.append(pending)
                pending = ""
        if pending:
            out.append(pending)
    return [n for n in out if n not in {"/", "／", "无", "—", "-"}]


def parse_group(inner: str) -> UnitGroup | None:
    """The group in ``inner`` (a bracket's content or a 责任单位 line); None when it names no unit at all."""
    inner = inner.strip().strip("。")
    if not inner:
        return None
    group = UnitGroup()
    labels = list(LABEL_RE.finditer(inner))
    if labels:
        before = inner[: labels[0].start()].strip("；;，, ")
        if before:
            _read_clauses(before, group)
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(inner)
            _read_labelled(LABEL_ROLES[m.group(1)], inner[m.end():end].strip("；;，,。 "), m.group(1), group)
    else:
        _read_clauses(inner, group)
    if not group.units:
        return None
    if not labels and _too_wordy(group):
        return None
    return group


def _too_wordy(group: UnitGroup) -> bool:
    """A bracket of words that happens to hold one unit-like word is an aside, not a unit list."""
    return len(group.notes) > len(group.units) + 1


def _read_labelled(role: str, chunk: str, label: str, group: UnitGroup) -> None:
    if not chunk:
        return
    if role == "deadline":
        group.deadline_text = chunk
    elif role == "note":
        group.notes.append(f"{label}：{chunk}")
    else:
        sub = UnitGroup()
        _read_clauses(chunk, sub, default=role)
        group.units += [Unit(u.name, role if u.role == LEAD else u.role) for u in sub.units]
        group.notes += sub.notes
        group.deadline_text = group.deadline_text or sub.deadline_text


def _read_clauses(text: str, group: UnitGroup, default: str = LEAD) -> None:
    """Clauses split at ，；; each is units with an optional role word, a deadline, or a note."""
    for clause in split_top_level(text, "，,；;。"):
        clause = re.sub(r"^(?:由|请|并由|并|其中|另由)", "", clause).strip()
        if not clause:
            continue
        units = _clause_units(clause, group, default)
        if units is None and DEADLINE_HINT.search(clause) and not group.deadline_text:
            group.deadline_text = clause
        elif units is None:
            group.notes.append(clause)
        else:
            group.units += units


def _clause_units(clause: str, group: UnitGroup, default: str) -> list[Unit] | None:
    """Units of one clause, or None when the clause explains rather than names."""
    has_lead = any(u.role == LEAD for u in group.units)
    out: list[Unit] = []
    start = 0
    for m in ROLE_RE.finditer(clause):
        names_text = clause[start:m.start()]
        if not names_text.strip("、 "):
            continue
        role = _role_of(m.group(1), has_lead or any(u.role == LEAD for u in out))
        part = _names_with_role(names_text, role)
        if part is None:
            return None
        out += part
        start = m.end()
    rest = clause[start:].strip("、 ")
    if rest:
        role = SUPPORT if default == LEAD and out and out[-1].role == SUPPORT else default
        part = _names_with_role(rest, role)
        if part is None:
            return None
        out += part
    return out or None


def _role_of(word: str, someone_leads: bool) -> str:
    if any(w in word for w in SHARED_WORDS):
        return SUPPORT if someone_leads else LEAD
    return SUPPORT if word in SUPPORT_WORDS else LEAD


def _names_with_role(text: str, role: str) -> list[Unit] | None:
    """``A会同B、C`` (A leads, B and C support) or a plain list; a name may carry its role in brackets."""
    pieces = JOINT_RE.split(text, maxsplit=1)
    if len(pieces) == 2 and role == LEAD:
        first, second = _names_with_role(pieces[0], LEAD), _names_with_role(pieces[1], SUPPORT)
        return None if first is None or second is None else first + second
    units = []
    names = split_names(text)
    if any(re.search(r"[（(]\s*牵头\s*[)）]$", n) for n in names):
        role = SUPPORT  # A（牵头）、B、C: the others support
    for name in names:
        own = re.fullmatch(r"(.+?)[（(]\s*(牵头|主责|负责|配合|协同|协办|参与)\s*[)）]", name)
        if own:
            name = own.group(1)
            unit_role = LEAD if own.group(2) in LEAD_WORDS else SUPPORT
        else:
            unit_role = role
        if len(name) > 3 and name.endswith("等"):
            name = name[:-1]  # 市公安局等: "and others" is no part of the name
        if not looks_like_unit(name):
            return None
        units.append(Unit(name, unit_role))
    return units
