"""The sentences of the 2021 national 安全生产执法文书 formats that are built from data: dates, the problem of
each finding, its legal basis, and “上述第…项问题，依据《…》第…条的规定，责令…” grouped by basis and deadline.

A finding's problem and its law come from the finding itself or from its checklist item, whichever has them:
``problem`` (the item's statement for 不符合) and ``law`` / ``article`` are read when present, and the older
free-text ``legal_basis`` otherwise. Only an article that is recorded is printed; without one, the law's name
alone — never a guessed article.
"""

from __future__ import annotations

from typing import Any

from inspector.reports.blocks import BLANK


def cn_date(iso: str | None) -> str:
    if not iso:
        return "    年  月  日"
    y, m, d = iso[:10].split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def cn_time(iso: str | None) -> str:
    if not iso or len(iso) < 16:
        return "    年  月  日  时  分"
    return f"{cn_date(iso)}{int(iso[11:13])}时{int(iso[14:16])}分"


def _first(record: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def problem_of(finding: dict[str, Any]) -> str:
    """What is wrong, as recorded; the item's problem statement when the record has no text of its own."""
    return _first(finding, "description", "problem", "item_problem").rstrip("。；;")


def basis_of(finding: dict[str, Any]) -> str:
    """The legal basis as printed (“《中华人民共和国消防法》第二十八条”), or "" when none is recorded."""
    law = _first(finding, "law", "item_law")
    if law:
        article = _first(finding, "article", "law_article", "item_article")
        return f"《{law.strip('《》')}》{article}"
    text = _first(finding, "legal_basis", "item_legal_basis").rstrip("。；;")
    if not text or "《" in text:
        return text
    if "第" in text:
        name, _, rest = text.partition("第")
        return f"《{name.strip()}》第{rest}"
    return f"《{text}》"


def deadline_text(iso: str | None) -> str:
    if not iso:
        return "____年__月__日前"
    return f"{cn_date(iso)}前"


def basis_sentences(findings: list[dict[str, Any]], deadline: str | None, enforcement: bool) -> list[str]:
    """One sentence per legal basis and deadline, naming the problems by their numbers in the list above."""
    groups: dict[tuple[str, str | None], list[int]] = {}
    for n, f in enumerate(findings, 1):
        groups.setdefault((basis_of(f), f.get("current_deadline") or deadline), []).append(n)
    verb = "责令你单位" if enforcement else "请你单位"
    out = []
    for (basis, when), numbers in groups.items():
        which = "、".join(str(n) for n in numbers)
        by = f"依据{basis}的规定，" if basis else ""
        out.append(f"上述第{which}项问题，{by}{verb}于{deadline_text(when)}整改完毕，"
                   "达到有关法律法规规章和标准规定的要求。")
    return out


def consequences(enforcement: bool) -> str:
    if enforcement:
        return ("由此造成事故的，依法追究有关人员的责任。整改期间，你单位应当采取措施，确保安全生产。"
                "对安全生产违法行为，将依法予以行政处罚。")
    return ("整改期间，你单位应当采取措施，确保安全生产。逾期未整改或者整改不到位的，将报区应急管理部门依法处理；"
            "由此造成事故的，依法追究有关人员的责任。")


def appeal(review_body: str, court: str) -> str:
    return (f"如果不服本指令，可以依法在60日内向{review_body or BLANK}申请行政复议，"
            f"或者在6个月内依法向{court or BLANK}提起行政诉讼，但本指令不停止执行，法律另有规定的除外。")


def copies(body: str, kept_by: str = "被检查单位") -> str:
    return f"本文书一式两份：一份由{body or '发文机关'}存档，一份交{kept_by}。"
