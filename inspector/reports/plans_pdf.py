"""The printed 监督检查计划表 and the 双随机抽查结果公示 (PDF and .xlsx), from data the services gathered.

The column lists are shared by the PDF and the spreadsheet, as in :mod:`inspector.reports.tables`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from inspector.reports.layout import Render, build
from inspector.reports.tables import _rows, _widths, excel

# (key, header, width in mm, Excel width in characters)
PLAN_COLUMNS = [
    ("no", "序号", 10, 6), ("site", "被检查单位", 58, 32), ("town", "街镇", 22, 12), ("industry", "行业", 22, 12),
    ("risk_level", "风险等级", 14, 8), ("inspectors", "检查人员", 34, 18), ("target_date", "计划完成日期", 22, 12),
    ("how", "来源", 16, 10), ("done", "完成情况", 30, 16),
]
PUBLIC_COLUMNS = [
    ("no", "序号", 10, 6), ("site", "被抽查单位", 70, 34), ("credit_code", "统一社会信用代码", 40, 22),
    ("town", "街镇", 24, 12), ("date", "检查日期", 24, 12), ("result", "检查结果", 70, 36),
]
LEVEL_WORDS = {"红": "红（重大）", "橙": "橙（较大）", "黄": "黄（一般）", "蓝": "蓝（低）"}


def plan_rows(progress: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's sites as the table prints them."""
    out = []
    for n, r in enumerate(progress["rows"], 1):
        done = f"已检查（{r['done_on']}）" if r["done_on"] else ("逾期未检查" if r["late"] else "未检查")
        out.append({"no": n, "site": r["site"], "town": r["town"], "industry": r["industry"],
                    "risk_level": LEVEL_WORDS.get(r["risk_level"] or "", "未评估"),
                    "inspectors": "、".join(filter(None, [r["inspector1"], r["inspector2"]])),
                    "target_date": r["target_date"], "how": "双随机" if r["draw_id"] else "计划", "done": done})
    return out


def plan_totals(progress: dict[str, Any]) -> str:
    rate = "—" if progress["rate"] is None else f"{progress['rate']:.1%}"
    return (f"合计：计划检查 {progress['planned']} 家，已完成 {progress['done']} 家，完成率 {rate}；"
            f"逾期未检查 {progress['late']} 家。")


def plan_table(progress: dict[str, Any], path: Path, render: Render) -> Path:
    """Landscape A4: the plan's name, period and issuer, then one row per site, then the totals."""
    plan = progress["plan"]
    heading = (f"{plan['name']}　计划期间：{plan['starts_on']} 至 {plan['ends_on']}　"
               f"检查表：{plan.get('checklist') or '—'}　制定单位：{plan.get('issuer') or ''}")
    story = [*render.title("监督检查计划表"), render.p(heading, "number"), Spacer(1, 2 * mm),
             render.grid([c[1] for c in PLAN_COLUMNS], _rows(PLAN_COLUMNS, plan_rows(progress)),
                         _widths(PLAN_COLUMNS, 261 * mm)),
             Spacer(1, 3 * mm), render.p(plan_totals(progress), "plain"),
             render.p("注：完成情况以计划期间内该单位有检查记录为准；完成率＝已完成÷计划数，计划数为 0 时显示“—”。",
                      "small")]
    return build(path, story, render, wide=True, title="监督检查计划表")


def publication(data: dict[str, Any], path: Path, render: Render) -> Path:
    """抽查结果公示: the drawn sites and the summary of each result, nothing personal."""
    rows = [{"no": n, **r} for n, r in enumerate(data["rows"], 1)]
    story = [*render.title("双随机抽查结果公示"), render.p(data["heading"], "number"), Spacer(1, 2 * mm),
             render.grid([c[1] for c in PUBLIC_COLUMNS], _rows(PUBLIC_COLUMNS, rows),
                         _widths(PUBLIC_COLUMNS, 261 * mm)),
             Spacer(1, 3 * mm), render.p(data["note"], "small")]
    return build(path, story, render, wide=True, title="双随机抽查结果公示")


def write(kind: str, data: dict[str, Any], path: Path, render: Render) -> Path:
    """``kind`` is ``plan`` or ``publication``; a path ending in .xlsx gets the same columns as a spreadsheet."""
    if path.suffix.lower() == ".xlsx":
        if kind == "plan":
            return excel(PLAN_COLUMNS, plan_rows(data), path, "监督检查计划表")
        return excel(PUBLIC_COLUMNS, [{"no": n, **r} for n, r in enumerate(data["rows"], 1)], path,
                     "抽查结果公示")
    return plan_table(data, path, render) if kind == "plan" else publication(data, path, render)
