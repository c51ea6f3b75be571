"""Word (.docx) files: body paragraphs and tables in document order, with automatic numbering restored.

python-docx gives paragraph text without the numbers Word generates from ``numbering.xml``; officers' documents
often rely on them (``一、`` for sections, ``（一）`` for subsections). We recompute them per list and level.
"""

from __future__ import annotations

import re
from pathlib import Path

from inspector.docimport.model import Table
from inspector.docimport.reading import RawDocument
from inspector.docimport.tables import rows_from_cells

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (enough for any outline)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def _format(fmt: str, n: int) -> str:
    if fmt in {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting"}:
        return chinese_number(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    return str(n)


class _Numbering:
    """Levels of each abstract list (format and text pattern), and running counters per list."""

    def __init__(self, doc) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = doc.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in an.iter(f"{W}lvl"):
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[int(lvl.get(f"{W}ilvl"))] = (
                    fmt.get(f"{W}val") if fmt is not None else "decimal",
                    text.get(f"{W}val") if text is not None else "%1.",
                    int(start.get(f"{W}val")) if start is not None else 1,
                )
            abstract[an.get(f"{W}abstractNumId")] = levels
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{W}numId")] = abstract.get(ref.get(f"{W}val"), {})

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, pattern, start = levels[ilvl]
        if fmt in {"bullet", "none"}:
            return ""

        def level_value(m: re.Match[str]) -> str:
            lvl = int(m.group(1)) - 1
            f, _, s = levels.get(lvl, (fmt, pattern, start))
            return _format(f, counters[lvl] + s - 1)

        return re.sub(r"%(\d)", level_value, pattern)


def read_word(path: Path) -> RawDocument:
    import docx

    doc = docx.Document(str(path))
    numbering = _Numbering(doc)
    lines: list[str] = []
    tables: list[Table] = []
    last_text = ""
    for block in doc.element.body.iterchildren():
        if block.tag == f"{W}p":
            text = _paragraph_text(block)
            num_pr = block.find(f"{W}pPr/{W}numPr")
            if num_pr is not None and text.strip():
                num_id = num_pr.find(f"{W}numId")
                ilvl = num_pr.find(f"{W}ilvl")
                text = numbering.label(
                    num_id.get(f"{W}val") if num_id is not None else "",
                    int(ilvl.get(f"{W}val")) if ilvl is not None else 0,
                ) + text
            lines.append(text)
            lines.append("")
            last_text = text.strip() or last_text
        elif block.tag == f"{W}tbl":
            table = rows_from_cells(last_text, table_grid(block))
            if table:
                tables.append(table)
    return RawDocument("\n".join(lines), tables)


def _paragraph_text(p) -> str:
    """A paragraph's words; one set wholly in bold (a heading without a number) is marked ``**…**``."""
    runs = [(r, "".join(t.text or "" for t in r.iter(f"{W}t"))) for r in p.iter(f"{W}r")]
    text = "".join(t for _, t in runs)
    words = [(r, t) for r, t in runs if t.strip()]
    if words and len(text.strip()) <= 40 and all(_bold(r) for r, _ in words):
        return f"**{text.strip()}**"
    return text


def _bold(run) -> bool:
    b = run.find(f"{W}rPr/{W}b")
    return b is not None and b.get(f"{W}val") not in {"0", "false"}


def table_grid(tbl) -> list[list[str]]:
    """Rows of cell texts with merged cells filled: a cell spanning columns (gridSpan) repeats across them, a
    cell merged down (vMerge) repeats in the rows it covers — so a leader or section cell belongs to each row."""
    grid: list[list[str]] = []
    for tr in tbl.iterchildren(f"{W}tr"):
        row: list[str] = []
        for tc in tr.iterchildren(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span_el = props.find(f"{W}gridSpan") if props is not None else None
            span = min(int(span_el.get(f"{W}val", "1")), 64) if span_el is not None else 1
            merge = props.find(f"{W}vMerge") if props is not None else None
            text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p")).strip()
            if merge is not None and merge.get(f"{W}val") != "restart" and grid:
                above = grid[-1]
                col = len(row)
                text = above[col] if col < len(above) else ""
            row += [text] * span
        grid.append(row)
    return grid
