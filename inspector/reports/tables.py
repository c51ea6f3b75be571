"""Reports over many items: 隐患排查治理台账, 任务落实情况表, 一企一档, the period statistics; and Excel.

The column lists below are shared by the PDF and the .xlsx so the district's spreadsheets and the printed pages
always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from inspector.reports.blocks import BLANK
from inspector.reports.excel import write_table
from inspector.reports.form_pdf import photo_pairs
from inspector.reports.layout import Render, build
from inspector.reports.ledger_columns import Geometry, geometry
from inspector.reports.ledger_pdf import Cancelled, LedgerLayout, write_ledger
from inspector.reports.wording import cn_date

__all__ = ["Cancelled", "excel", "ledger", "site_file", "statistics", "task_progress"]


# (key, header, width in mm, Excel width in characters)
LEDGER_COLUMNS = [
    ("no", "序号", 12, 8), ("found_on", "发现日期", 20, 12), ("type", "检查类型", 11, 9),
    ("site", "单位名称", 24, 28), ("credit_code", "统一社会信用代码", 25, 22), ("town", "街镇", 14, 12),
    ("location", "部位", 11, 12), ("description", "隐患描述", 29, 40), ("category", "类别", 14, 14),
    ("grade", "等级", 10, 6), ("deadline", "整改期限", 20, 12), ("contact", "企业责任人及电话", 19, 20),
    ("doc_no", "文书号", 17, 24), ("status", "状态", 15, 10), ("closed_on", "完成日期", 20, 12),
]
PROGRESS_COLUMNS = [
    ("number", "序号", 10, 6), ("title", "重点任务", 52, 40), ("lead", "牵头单位", 34, 28),
    ("support", "配合单位", 26, 20), ("deadline", "完成时限", 20, 14), ("q1", "一季度进展", 24, 24),
    ("q2", "二季度进展", 24, 24), ("q3", "三季度进展", 24, 24), ("q4", "四季度进展", 24, 24),
    ("status", "完成情况", 14, 10), ("evidence", "佐证材料", 20, 20), ("closing_note", "销项说明", 22, 24),
]
STAT_COLUMNS = [
    ("town", "街镇", 26, 14), ("sites", "检查单位数", 18, 10), ("ordinary_found", "一般隐患数", 18, 10),
    ("ordinary_fixed", "已整改", 16, 8), ("ordinary_rate", "整改率", 16, 8), ("major_found", "重大隐患数", 18, 10),
    ("major_fixed", "已整改", 16, 8), ("major_open", "治理中", 16, 8), ("funds", "整改资金（元）", 24, 14),
    ("overdue", "逾期未改", 16, 8),
]


LEDGER_WIDTH = 261 * mm - 12  # the landscape frame (layout.build's margins, less its padding)


def _widths(columns: list[tuple[str, str, int, int]], total: float) -> list[float]:
    raw = sum(c[2] for c in columns)
    return [c[2] * total / raw for c in columns]


def _rows(columns: list[tuple[str, str, int, int]], records: list[dict[str, Any]]) -> list[list[Any]]:
    return [[r.get(key, "") if r.get(key) is not None else "" for key, *_ in columns] for r in records]


def ledger(data: dict[str, Any], path: Path, render: Render,
           progress: Callable[[int, str], None] | None = None,
           cancelled: Callable[[], bool] | None = None) -> Path:
    """Landscape ledger with its filters in the heading and totals and 整改率 at the end, laid out page by page
    (:mod:`inspector.reports.ledger_pdf`) so that 100,000 rows take linear time and one page of memory.

    Long ledgers report progress page by page and stop (raising :class:`Cancelled`) when asked to.
    """
    rows = data["rows"]
    shape = ledger_geometry(rows, render)
    layout = LedgerLayout("隐患排查治理台账", data["scope"], [c[1] for c in LEDGER_COLUMNS], shape.widths,
                          lambda: data["totals"], shape.style, ledger_footer(data), shape.head)
    values = ([r.get(key) for key, *_ in LEDGER_COLUMNS] for r in rows)
    write_ledger(path, render, layout, values, len(rows), progress, cancelled)
    return path


def ledger_geometry(rows: list[dict[str, Any]], render: Render) -> Geometry:
    """The ledger's column widths and cell style, measured from a sample of its rows (also used by the
    benchmark's bare reportlab table, so both lay out the same cells)."""
    return geometry(LEDGER_COLUMNS, rows, LEDGER_WIDTH, render.styles["small"], render.styles["head"])


def ledger_footer(data: dict[str, Any]) -> str:
    """填表人 (the officer of this computer), a line for 审核人, and 填报日期."""
    return (f"填表人：{data.get('filled_by') or BLANK}　　　审核人：{BLANK}　　　"
            f"填报日期：{cn_date(data.get('date'))}")


def task_progress(data: dict[str, Any], path: Path, render: Render) -> Path:
    story = [*render.title("任务落实情况表"),
             render.p(f"{data['title']}　{data.get('doc_no') or ''}", "number"), Spacer(1, 2 * mm),
             render.grid([c[1] for c in PROGRESS_COLUMNS], _rows(PROGRESS_COLUMNS, data["rows"]),
                         _widths(PROGRESS_COLUMNS, 261 * mm), style="small"),
             Spacer(1, 4 * mm), render.p(data["totals"], "plain")]
    return build(path, story, render, wide=True, title="任务落实情况表")


def site_file(data: dict[str, Any], path: Path, render: Render) -> Path:
    site = data["site"]
    story = [*render.title("一企一档"), render.p(site.get("name"), "number"), Spacer(1, 2 * mm),
             render.fields([("单位名称", site.get("name")), ("统一社会信用代码", site.get("credit_code")),
                            ("地址", site.get("address")), ("行业", site.get("industry")), ("街镇", site.get("town")),
                            ("网格", site.get("grid")), ("法定代表人（负责人）", site.get("legal_rep")),
                            ("联系人及电话", " ".join(filter(None, [site.get("contact_person"),
                                                                   site.get("contact_phone")]))),
                            ("风险等级", site.get("risk_level"))]),
             Spacer(1, 4 * mm), render.p(f"检查记录（{len(data['inspections'])} 次）", "left"),
             render.grid(["检查时间", "类型", "检查表", "隐患数"],
                         [[i["when"], i["type"], i.get("checklist") or "", i["findings"]] for i in data["inspections"]],
                         [40 * mm, 20 * mm, 90 * mm, 24 * mm]),
             Spacer(1, 4 * mm), render.p(f"隐患（{len(data['findings'])} 条）", "left"),
             render.grid(["发现日期", "隐患描述", "等级", "整改期限", "状态", "文书号"],
                         [[f["found_on"], f["description"], f["grade"], f.get("deadline") or "", f["status"],
                           f.get("doc_no") or ""] for f in data["findings"]],
                         [20 * mm, 70 * mm, 12 * mm, 22 * mm, 20 * mm, 30 * mm])]
    story.extend(photo_pairs(render, data.get("photos", [])))
    story.append(render.p(f"制表日期：{cn_date(data.get('date'))}", "right"))
    return build(path, story, render, title="一企一档")


def statistics(data: dict[str, Any], path: Path, render: Render) -> Path:
    story = [*render.title(data["title"]), render.p(data["period"], "number"), Spacer(1, 2 * mm),
             render.grid([c[1] for c in STAT_COLUMNS], _rows(STAT_COLUMNS, data["rows"]),
                         _widths(STAT_COLUMNS, 261 * mm)),
             Spacer(1, 3 * mm), render.p("注：整改率＝已整改数÷发现数；发现数为 0 时显示“—”。", "small")]
    return build(path, story, render, wide=True, title=data["title"])


def excel(columns: list[tuple[str, str, int, int]], rows: list[dict[str, Any]], path: Path, title: str) -> Path:
    """The same columns as the PDF, with dates as dates, numbers as numbers, text as text, widths set;
    written row by row (:mod:`inspector.reports.excel`)."""
    write_table(path, title, [c[1] for c in columns], [c[3] for c in columns],
                ([r.get(key) for key, *_ in columns] for r in rows))
    return path
