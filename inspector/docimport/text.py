"""Cleaning extracted text and rebuilding paragraphs.

Real documents arrive damaged by converters: Markdown markers (``#``, ``**``, ``<b>``), a blank line after every
printed line, paragraphs broken at page ends, 〔〕 turned into „‟. A paragraph ends where a sentence ends
(。！？；：or a closing unit parenthesis) or where a heading or a numbered item begins; everything else is a
line that wrapped and is joined back.
"""

from __future__ import annotations

import re
import unicodedata

CN_NUM = "一二三四五六七八九十"
HEADING_MARK = re.compile(r"^\s*#{1,6}\s*")
INLINE_MARKUP = re.compile(r"\*\*|</?b>|</?strong>|__")
SECTION_RE = re.compile(rf"^([{CN_NUM}]+)\s*、\s*")
DIGIT_SECTION_RE = re.compile(r"^(\d{1,2})\s*、\s*")
SUBSECTION_RE = re.compile(rf"^[（(]\s*([{CN_NUM}]+)\s*[）)]\s*")
BOLD_SECTION = "\ue000"  # marks a heading set in bold only (no number) once it is known to be a section
CHAPTER_RE = re.compile(rf"^(第[{CN_NUM}百零〇]+(?:章|部分))\s*")
TASK_RE = re.compile(
    r"^(\d{1,3})\s*[.．、](?!\d)\s*|^[（(]\s*(\d{1,3})\s*[）)]\s*|^([\u2460-\u2473])\s*"
    rf"|^(第[{CN_NUM}百零〇]+条)\s*|^(\d{{1,2}})[）)]\s*"
)
LABEL_START = re.compile(r"^[【\[〔]?(?:(?:牵头|责任|主责|配合|协办|协同|参与)(?:单位|部门)|完成时限|完成时间|时间节点)"
                         r"(?:[】\]〕]|\s*[：:])")
ENDS_PARAGRAPH = tuple("。！？；：:!?;")
CJK = r"\u3400-\u9fff\uf900-\ufaff"


def strip_markup(line: str) -> str:
    """Remove Markdown and HTML emphasis left by converters; keep the words."""
    return INLINE_MARKUP.sub("", HEADING_MARK.sub("", line)).strip()


def squeeze_cjk_spaces(text: str) -> str:
    """Drop spaces that converters put between Chinese characters and digits (``2023 年`` → ``2023年``)."""
    text = re.sub(rf"(?<=[{CJK}])\s+(?=[{CJK}\d])", "", text)
    return re.sub(rf"(?<=[\d])\s+(?=[{CJK}])", "", text)


def normalise_name(name: str) -> str:
    """Full/half width folded, spaces removed: the key under which units and names are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def starts_structure(line: str) -> bool:
    """A line that begins a new section, subsection or numbered task, or inline item (一是…)."""
    return bool(
        SECTION_RE.match(line)
        or line.startswith(BOLD_SECTION)
        or CHAPTER_RE.match(line)
        or SUBSECTION_RE.match(line)
        or TASK_RE.match(line)
        or re.match(rf"^[{CN_NUM}]是", line)
    )


def task_mark(line: str) -> tuple[str, str, int] | None:
    """How a numbered task begins: style (dot 1. / paren （1） / circle ① / article 第一条), number, length."""
    m = TASK_RE.match(line)
    if not m:
        return None
    for style, group in (("dot", 1), ("paren", 2), ("circle", 3), ("article", 4), ("paren", 5)):
        if m.group(group):
            return style, m.group(group), m.end()
    return None


def is_heading_like(line: str) -> bool:
    """Short and without a full stop: a title or a section heading rather than body text."""
    return len(line) <= 45 and "。" not in line


def _is_unit_paren(line: str) -> bool:
    return bool(re.fullmatch(r"[（(][^（）()]*(?:[（(][^（）()]*[)）][^（）()]*)*[)）]", line))


def paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines back into paragraphs (see the module docstring for the rule)."""
    out: list[str] = []
    open_para = False
    for raw in lines:
        line = strip_markup(raw)
        bold = raw.lstrip().startswith(("**", "<b>"))
        heading = bool(HEADING_MARK.match(raw)) or (bold and starts_structure(line) and is_heading_like(line))
        if not line or re.fullmatch(r"-{3,}|—\s*\d+\s*—|-\s*\d+\s*-|第\s*\d+\s*页.*", line):
            continue
        new_block = (
            not open_para
            or heading
            or starts_structure(line)
            or LABEL_START.match(line)
            or (_is_unit_paren(line) and out and out[-1].rstrip().endswith("。"))
        )
        if new_block:
            out.append(line)
        else:
            out[-1] = _join(out[-1], line)
        last = out[-1].rstrip()
        open_para = not (
            last.endswith(ENDS_PARAGRAPH)
            or heading
            or (last.endswith(("）", ")")) and _trailing_paren_is_units(last))
            or (starts_structure(last) and is_heading_like(last) and not last.endswith("，"))
        )
    return out


def _trailing_paren_is_units(text: str) -> bool:
    """The paragraph ends with a complete unit parenthesis (an unbalanced one is still being wrapped)."""
    from inspector.docimport.units import split_trailing_units

    balanced = text.count("（") + text.count("(") == text.count("）") + text.count(")")
    return balanced and split_trailing_units(text)[1] is not None


def _join(left: str, right: str) -> str:
    """Join a wrapped line; an ASCII word break keeps its space, Chinese joins directly."""
    left, right = left.rstrip(), right.strip()
    if left and right and left[-1].isascii() and right[0].isascii() and left[-1].isalnum():
        return f"{left} {right}"
    return left + right


def repair_page_break_repeats(text: str) -> str:
    """Undo a character repeated across a page break (``通信基\\n\\n基础设施``).

    Only where the doubled pair appears nowhere else in the document while the pair it should form does —
    so a real ``时时`` is left alone.
    """

    def fix(m: re.Match[str]) -> str:
        ch, nxt = m.group(1), m.group(2)
        doubled_elsewhere = text.count(ch + ch) > 0
        pair_elsewhere = text.count(ch + nxt) > 1  # this occurrence itself holds one
        if not doubled_elsewhere and pair_elsewhere:
            return f"{ch}\n\n{nxt}"
        return m.group(0)

    return re.sub(rf"([{CJK}])[ \t]*\n\s*\n[ \t]*\1([{CJK}])", fix, text)


def normalise_doc_no(text: str) -> str:
    """Brackets of a document number normalised to 〔〕 (converters print „‟, [], ［］, ()…)."""
    return re.sub(
        r"[„\[［〔(（【]\s*(\d{4})\s*[‟\]］〕)）】]\s*",
        r"〔\1〕",
        text,
    )
