"""Cover metadata: issuer, document number, title, date, addressees, 抄送 and the 印发 date."""

from __future__ import annotations

import re

from inspector.docimport.model import Meta
from inspector.docimport.text import is_heading_like, normalise_doc_no, squeeze_cjk_spaces, strip_markup

DOC_NO_RE = re.compile(r"([A-Za-z\u4e00-\u9fff]{1,10})\s*〔(\d{4})〕\s*(\d{1,4})\s*号")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
ORG_END = re.compile(r"(委员会|委|局|人民政府|政府|办公室|办|厅|部|中心|公司|集团)$")
TITLE_WORDS = re.compile(
    r"(意见|要点|通知|方案|计划|清单|规定|办法|决定|报告|分解表|任务表|责任表|一览表|台账|安排|细则|部署)$")


def iso_date(m: re.Match[str]) -> str:
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def parse_meta(head: list[str], tail: list[str]) -> Meta:
    """``head``: the lines before the first section; ``tail``: the lines after the last task."""
    meta = Meta()
    clean_head = [strip_markup(line) for line in head if strip_markup(line)]
    for line in clean_head:
        m = DOC_NO_RE.search(normalise_doc_no(line))
        if m and not meta.doc_no:
            meta.doc_no = f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号"
    meta.issuer = _issuer(clean_head)
    meta.title = _title(clean_head)
    meta.addressees = next(
        (ln.rstrip("：:").strip() for ln in clean_head if ln.rstrip().endswith(("：", ":")) and "、" in ln), None
    )
    for line in clean_head + [strip_markup(t) for t in tail]:
        m = DATE_RE.fullmatch(line.strip())
        if m and not meta.date:
            meta.date = iso_date(m)
    for line in tail:
        line = strip_markup(line)
        if line.startswith("抄送"):
            meta.cc = re.sub(r"^抄送\s*[：:]\s*", "", line).rstrip("。")
        m = DATE_RE.search(line)
        if m and "印发" in line:
            meta.printed_date = iso_date(m)
    meta.year = _year(meta)
    return meta


def _issuer(lines: list[str]) -> str | None:
    for line in lines[:6]:
        compact = re.sub(r"\s+", "", line)
        if compact.endswith("文件") and len(compact) <= 30:
            return compact[:-2]
    for line in lines:
        compact = re.sub(r"\s+", "", line)
        if len(compact) <= 25 and ORG_END.search(compact) and not re.search(r"[，。、：:；]", compact):
            return compact
    return None


def _title(lines: list[str]) -> str | None:
    """The last heading-like line before the body: the plan's own title rather than the covering notice.

    A title wrapped over two printed lines is joined when only the pair ends like a title.
    """
    candidates: list[str] = []
    skip = -1
    for i, line in enumerate(lines):
        if i == skip or not is_heading_like(line) or line.endswith(("：", ":")):
            continue
        if TITLE_WORDS.search(line):
            candidates.append(line)
        elif (
            i + 1 < len(lines)
            and TITLE_WORDS.search(lines[i + 1])
            and is_heading_like(line + lines[i + 1])
            and not (DATE_RE.search(line) or ORG_END.search(line) or line.startswith(("(", "（"))
                     or DOC_NO_RE.search(normalise_doc_no(line)))
        ):
            candidates.append(line + lines[i + 1])
            skip = i + 1
    if not candidates:
        return None
    return re.sub(r"\s+", "", squeeze_cjk_spaces(candidates[-1]))


def _year(meta: Meta) -> int | None:
    for source in (meta.title, meta.date, meta.doc_no):
        m = re.search(r"(20\d{2}|19\d{2})", source or "")
        if m:
            return int(m.group(1))
    return None
