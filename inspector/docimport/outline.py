"""From text to the outline: sections → subsections → tasks → sub-tasks, with units and deadlines.

The rules, in the words of the people who write these documents:

* ``一、`` opens a section (a short heading; ``2、`` counts too when it is the next section number).
* ``（一）`` opens a subsection when numbered tasks follow it; otherwise the ``（一）`` paragraph *is* a task.
* ``1.`` ``1、`` ``（1）`` open tasks; ``（1）`` inside a ``1.`` task is a sub-task.
* ``一是…二是…`` are tasks when the section has nothing else, sub-tasks inside a task.
* A section with none of these: each paragraph is a task.
* The paragraph between a heading and its first task describes the heading; it is not a task.
* A plain paragraph after a task continues it, unless the task already ended with its units.
"""

from __future__ import annotations

import re

from inspector.docimport.deadlines import deadline_of_cell, find_deadline
from inspector.docimport.meta import DATE_RE, ORG_END, TITLE_WORDS, parse_meta
from inspector.docimport.model import SECTION, SUBSECTION, SUBTASK, TASK, Node, Outline, Table, Unit
from inspector.docimport.tables import find_tables
from inspector.docimport.tabletasks import is_summary, table_nodes
from inspector.docimport.text import (
    BOLD_SECTION,
    CHAPTER_RE,
    CN_NUM,
    DIGIT_SECTION_RE,
    SECTION_RE,
    SUBSECTION_RE,
    TASK_RE,
    is_heading_like,
    paragraphs,
    repair_page_break_repeats,
    squeeze_cjk_spaces,
    strip_markup,
    task_mark,
)
from inspector.docimport.units import (
    LABEL_LINE_RE,
    repair_units,
    split_label_tail,
    split_trailing_group,
    split_trailing_units,
)

END_RE = re.compile(r"^(附件\s*[：:\d]|附件$|抄送|[（(]信息公开|联系人|共印|[（(]此页无正文)")
INLINE_RE = re.compile(rf"(?:^|(?<=[。；;：:，]))\s*([{CN_NUM}])是")
TITLE_MAX = 40


def parse_text(text: str, tables: list[Table] | None = None) -> Outline:
    """Parse a whole document's text (already decoded) into an :class:`Outline`; ``tables`` are those a reader
    found beside the text (Word, Excel, PDF), read after the tables written in the text itself."""
    text = repair_page_break_repeats(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = _mark_bold_sections(text.split("\n"))
    start, end = _body_bounds(lines)
    warnings: list[str] = []
    tables = find_tables(lines) + list(tables or [])
    body_lines = [ln for ln in lines[start:end] if "\t" not in ln and not ln.lstrip().startswith("|")]
    meta = parse_meta(lines[:start], lines[end:])
    items = _build(paragraphs(body_lines)) if start < len(lines) else []
    no_sections = not any(n.kind == SECTION for n in items)
    if no_sections:
        items = [_task(p, len(items) + 1, None) for p in paragraphs(_text_lines(lines))]
    _finish(items, meta.year)
    link_table_rows(tables, items)
    from_tables = [t for t in tables if t.raw and not is_summary(t)]
    if from_tables and no_sections:
        items = []
    for table in from_tables:
        items += table_nodes(table, meta.year, len(items))
    if not items or (no_sections and not from_tables):
        warnings.append("未识别出“一、”等章节结构，已按段落导入为一份清单，请在预览中检查。")
    if from_tables:
        repair_units([n.units for n in items if n.units])
    return Outline(meta=meta, items=items, tables=tables, warnings=warnings, text=text)


def _mark_bold_sections(lines: list[str]) -> list[str]:
    """A document with no ``一、`` whose headings are set in bold only (or as Markdown headings): those short
    lines are its sections. The document's own title (…意见, …要点) is not one of them."""
    if any(_is_section_line(ln, 0) for ln in lines):
        return lines
    found = [i for i, ln in enumerate(lines) if _bold_heading(ln)]
    if len(found) < 2:
        return lines
    out = list(lines)
    for i in found:
        out[i] = BOLD_SECTION + strip_markup(lines[i])
    return out


def _bold_heading(line: str) -> bool:
    raw = line.strip()
    whole = re.fullmatch(r"\*\*(.+?)\*\*|<b>(.+?)</b>|#{1,4}\s*(.+)", raw)
    if not whole:
        return False
    words = strip_markup(raw)
    return 2 <= len(words) <= 30 and not re.search(r"[。；;：:]$|[。]", words) and not TITLE_WORDS.search(words)


def _text_lines(lines: list[str]) -> list[str]:
    return [ln for ln in lines if "\t" not in ln and not ln.lstrip().startswith("|")]


def link_table_rows(tables: list, items: list[Node]) -> None:
    """Give each table row the index of the body item it summarises (``task_index``), where the text matches.

    A row's task phrase (``强化危险化学品源头管控``) is looked for in the titles, then the texts, of tasks and
    subsections; failing that the closest title wins if it is close enough to be the same item; else None.
    """
    from inspector.docimport.tables import column_key

    tasks = [(i, n.title, re.sub(r"\s+", "", n.text)) for i, n in enumerate(items) if n.kind in (TASK, SUBSECTION)]
    for table in tables:
        task_col = next((c for c in table.columns if column_key(c) == "task"), None)
        if task_col is None:
            continue
        for row in table.rows:
            phrase = re.sub(r"\s+", "", str(row.get(task_col, "")))
            if not phrase:
                continue
            exact = next((i for i, title, _ in tasks if phrase in title), None)
            if exact is None:
                exact = next((i for i, _, text in tasks if phrase in text), None)
            if exact is not None:
                row["task_index"] = exact
                continue
            row["task_index"] = _closest(phrase, tasks)


def _closest(phrase: str, tasks: list[tuple[int, str, str]]) -> int | None:
    """The task whose title is close enough to ``phrase`` to be the same item (ratio ≥ 0.6), else None."""
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, "", phrase)  # the phrase is the fixed side: its index is built once
    best: tuple[float, int | None] = (0.0, None)
    for i, title, _ in tasks:
        matcher.set_seq1(title)
        if matcher.real_quick_ratio() < 0.6 or matcher.quick_ratio() < max(0.6, best[0]):
            continue
        ratio = matcher.ratio()
        if ratio >= best[0]:
            best = (ratio, i)
    return best[1] if best[0] >= 0.6 else None


def _is_section_line(line: str, sections_seen: int) -> bool:
    line = strip_markup(line)
    if not line or not is_heading_like(line):
        return False
    if SECTION_RE.match(line) or CHAPTER_RE.match(line) or line.startswith(BOLD_SECTION):
        return True
    m = DIGIT_SECTION_RE.match(line)
    return bool(m and sections_seen and int(m.group(1)) == sections_seen + 1)


def _body_bounds(lines: list[str]) -> tuple[int, int]:
    """The body: from the first section heading to the line where the signature, 附件 or 抄送 begins.

    A cover letter may have sections of its own (一、高度重视 二、按时报送) and end with its signature, with the
    plan itself after it, numbered from 一、 again: then the plan is the body and the letter belongs to the head,
    so the letter's own deadlines are not tasks.
    """
    start, end = _bounds_from(lines, 0)
    while end < len(lines):
        later, later_end = _bounds_from(lines, end)
        if later >= len(lines) or not _restarts(lines[later]):
            break
        if not _is_cover(lines[start:end], lines[later:later_end]):
            break
        start, end = later, later_end
    return start, end


def _is_cover(first: list[str], later: list[str]) -> bool:
    """The first body reads as a covering letter for the later one: no numbered tasks, and much shorter."""
    words = sum(len(ln.strip()) for ln in first)
    return not any(TASK_RE.match(strip_markup(ln)) for ln in first) and words * 2 < sum(len(ln.strip()) for ln in later)


def _restarts(line: str) -> bool:
    """A section heading numbered 一、 (or 第一…): a new document's numbering starts there."""
    return bool(re.match(r"^(一\s*、|第一(章|部分))", strip_markup(line)))


def _bounds_from(lines: list[str], first: int) -> tuple[int, int]:
    start = next((i for i in range(first, len(lines)) if "\t" not in lines[i] and _is_section_line(lines[i], 0)),
                 len(lines))
    for i in range(start + 1, len(lines)):
        line = strip_markup(lines[i])
        if END_RE.match(line) or DATE_RE.fullmatch(line):
            end = i
            prev = next((j for j in range(i - 1, start, -1) if strip_markup(lines[j])), None)
            if prev is not None and _is_signature(strip_markup(lines[prev])) and DATE_RE.fullmatch(line):
                end = prev
            return start, end
    return start, len(lines)


def _is_signature(line: str) -> bool:
    compact = re.sub(r"\s+", "", line)
    return len(compact) <= 25 and bool(ORG_END.search(compact)) and not re.search(r"[，。、：:；]", compact)


class _Builder:
    """Walks paragraphs once, keeping the current section, subsection and task."""

    def __init__(self, paras: list[str]) -> None:
        self.paras = paras
        self.items: list[Node] = []
        self.section: int | None = None
        self.sub: int | None = None
        self.task: int | None = None
        self.task_style = ""
        self.loose: list[str] = []  # plain paragraphs of a section that has no marked tasks

    def add(self, node: Node) -> int:
        self.items.append(node)
        return len(self.items) - 1

    def run(self) -> list[Node]:
        sections = 0
        for i, para in enumerate(self.paras):
            if _is_section_line(para, sections):
                self.close_section()
                sections += 1
                m = (SECTION_RE.match(para) or CHAPTER_RE.match(para) or DIGIT_SECTION_RE.match(para)
                     or re.match(BOLD_SECTION, para))
                number = para[: m.end()].strip().replace(BOLD_SECTION, "")
                self.section = self.add(Node(SECTION, number, para[m.end() :].strip(), para.replace(BOLD_SECTION, "")))
                self.sub = self.task = None
            elif SUBSECTION_RE.match(para):
                self.subsection_or_task(i, para)
            elif TASK_RE.match(para):
                self.numbered_task(para)
            else:
                self.plain(para)
        self.close_section()
        return self.items

    def subsection_or_task(self, i: int, para: str) -> None:
        m = SUBSECTION_RE.match(para)
        has_tasks = False
        for later in self.paras[i + 1 :]:
            if SUBSECTION_RE.match(later) or _is_section_line(later, 0) or DIGIT_SECTION_RE.match(later):
                break
            if TASK_RE.match(later) and not SUBSECTION_RE.match(later):
                has_tasks = True
                break
        number = para[: m.end()].strip()
        body = para[m.end() :].strip()
        if has_tasks:
            self.sub = self.add(Node(SUBSECTION, number, body.rstrip("。"), para, parent=self.section))
            self.task = None
        else:
            self.task = self.add(_task(body, number, self.sub if self.sub is not None else self.section))
            self.task_style = "cnparen"

    def numbered_task(self, para: str) -> None:
        """A numbered task, or a sub-task when it is numbered one level below the task it follows."""
        style, number, end = task_mark(para)
        body = para[end:].strip()
        current = self.items[self.task] if self.task is not None else None
        below = {"dot": ("paren", "circle"), "article": ("paren", "circle", "dot"), "paren": ("circle",),
                 "cnparen": ("circle",)}
        if current is not None and style in below.get(self.task_style, ()):
            label = f"（{number}）" if style == "paren" else number
            node = _task(body, label, self.task)
            node.kind = SUBTASK
            self.add(node)
            return
        parent = self.sub if self.sub is not None else self.section
        self.task = self.add(_task(body, number, parent))
        self.task_style = style

    def plain(self, para: str) -> None:
        if LABEL_LINE_RE.match(para) and self.task is None and self.loose:
            self.loose[-1] += "\n" + para
            return
        if self.task is not None:
            task = self.items[self.task]
            if split_trailing_units(task.text)[1] is None:
                task.text = f"{task.text}\n{para}" if not para.startswith(("（", "(")) else task.text + para
            return
        holder = self.sub if self.sub is not None else self.section
        if holder is None:
            return
        if self.sub is None and not self.has_children():
            self.loose.append(para)
        else:
            node = self.items[holder]
            node.description = f"{node.description}\n{para}".strip()

    def has_children(self) -> bool:
        return any(n.parent == self.section for n in self.items[self.section + 1 :])

    def close_section(self) -> None:
        """A section without marked tasks: inline 一是… are its tasks, else each paragraph is one."""
        if self.section is None or not self.loose:
            self.loose = []
            return
        section = self.items[self.section]
        if self.has_children():
            section.description = "\n".join([section.description, *self.loose]).strip()
            self.loose = []
            return
        if not any(len(_split_inline(p)) > 1 for p in self.loose):
            for n, para in enumerate(self.loose, 1):
                self.add(_task(para, str(n), self.section))
        else:
            for para in self.loose:
                lead, *tasks = _split_inline(para)
                if not tasks:  # a paragraph between inline tasks continues the last one
                    if self.has_children():
                        self.items[-1].text += "\n" + para
                    else:
                        section.description = f"{section.description}\n{para}".strip()
                    continue
                if lead:
                    section.description = f"{section.description}\n{lead}".strip()
                for number, body in tasks:
                    self.add(_task(body, number, self.section))
        self.loose = []


def _split_inline(text: str) -> list:
    """``lead 一是A。二是B。`` → [lead, (一是, A), (二是, B)]; markers must come in order."""
    marks = []
    first = INLINE_RE.match(text)
    expected = CN_NUM.index(first.group(1)) if first else 0
    for m in INLINE_RE.finditer(text):
        if CN_NUM.index(m.group(1)) == expected:
            marks.append(m)
            expected += 1
    if len(marks) < 2 and not (marks and marks[0].start() == 0):
        return [text]
    out: list = [text[: marks[0].start()].strip()]
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        out.append((f"{m.group(1)}是", text[m.end() : end].strip()))
    return out


def _task(body: str, number: str | int, parent: int | None) -> Node:
    return Node(TASK, str(number), "", body, parent=parent)


def _build(paras: list[str]) -> list[Node]:
    """Run the builder, then insert inline 一是… of each task as its sub-tasks (re-indexing parents)."""
    result: list[Node] = []
    index_map: dict[int, int] = {}
    for old, node in enumerate(_Builder(paras).run()):
        index_map[old] = len(result)
        node.parent = index_map.get(node.parent) if node.parent is not None else None
        result.append(node)
        if node.kind == TASK:
            parts = _split_inline(split_trailing_group(node.text)[0])  # the units belong to the whole task
            if len(parts) > 2:
                me = len(result) - 1
                for number, body in parts[1:]:
                    result.append(Node(SUBTASK, number, "", body, parent=me))
    return result


def _title_of(text: str) -> str:
    head = text.split("。", 1)[0] if "。" in text else text
    head = squeeze_cjk_spaces(head.strip().replace("\n", ""))
    if len(head) <= TITLE_MAX:
        return head
    cut = re.split(r"[，,；;：:]", head)[0]
    return cut if len(cut) <= TITLE_MAX else cut[:TITLE_MAX] + "…"


def _finish(items: list[Node], year: int | None) -> None:
    """Units, titles and deadlines for every task; damaged unit names repaired across the document."""
    unit_lists: list[list[Unit]] = []
    for node in items:
        if node.kind in (TASK, SUBTASK):
            _take_units(node)
            if node.units:
                unit_lists.append(node.units)
            node.title = _title_of(node.text)
            found = (deadline_of_cell(node.deadline_text, year) if node.deadline_text else None) or find_deadline(
                node.text, year)
            if found:
                node.deadline, node.deadline_text, node.deadline_rule = found.date, found.text, found.rule
    repair_units(unit_lists)


def _take_units(node: Node) -> None:
    """The task's unit group — a bracket at its end or labelled lines after it — moved out of its text."""
    text, group = split_trailing_group(node.text)
    if group is None:
        text, group = split_label_tail(node.text)
    if group is None:
        return
    node.text, node.units = text, group.units
    node.note = "；".join(group.notes)
    node.deadline_text = group.deadline_text or node.deadline_text
